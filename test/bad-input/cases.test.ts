// Bad input, across every command: the documented exit code, one `Error:` line with a `Next:` step,
// no stack trace, the same code under --json, and nothing changed on the endpoint.
import {CreateStateMachineCommand, StartExecutionCommand} from '@aws-sdk/client-sfn'
import {PutObjectCommand} from '@aws-sdk/client-s3'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import Deploy from '../../src/commands/deploy.js'
import ExecutionsList from '../../src/commands/executions/list.js'
import ExecutionsShow from '../../src/commands/executions/show.js'
import ExecutionsWatch from '../../src/commands/executions/watch.js'
import HoldPlace from '../../src/commands/hold/place.js'
import HoldRelease from '../../src/commands/hold/release.js'
import IamPolicy from '../../src/commands/iam-policy.js'
import LocalStart from '../../src/commands/local/start.js'
import PipelinesShow from '../../src/commands/pipelines/show.js'
import Recover from '../../src/commands/recover.js'
import Run from '../../src/commands/run.js'
import ShellRunEnable from '../../src/commands/shell-run/enable.js'
import Status from '../../src/commands/status.js'
import Validate from '../../src/commands/validate.js'
import {followExecution} from '../../src/executions/follow.js'
import {writeConfig} from '../helpers/config-file.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario} from '../helpers/pipelines.js'
import {runCommand} from '../helpers/run-command.js'

type Runnable = Parameters<typeof runCommand>[0]
const dir = mkdtempSync(join(tmpdir(), 'ae-bad-input-'))
const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name))
const SM = 'arn:aws:states:us-east-1:000000000000'

let local: LocalAws
let otherExecution = ''
let history = ''
beforeAll(async () => {
  local = await localAws()
  await deployShipped(local)
  await runScenario(local, 'saturday', 'research-rate-limited', 'bi-failed', {run_date: '2026-10-03'})
  await runScenario(local, 'saturday', 'happy-path', 'bi-ok', {run_date: '2026-10-10'})
  const other = await local.clients.sfn.send(new CreateStateMachineCommand({name: 'other', roleArn: 'arn:aws:iam::000000000000:role/x', definition: '{"StartAt":"A","States":{"A":{"Type":"Fail","Error":"X"}}}'}))
  otherExecution = (await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: other.stateMachineArn, name: 'other-1'}))).executionArn!
  await followExecution(local.clients.sfn, otherExecution, {pollMs: 10})
  history = file('history.json', JSON.stringify({events: [{id: 1, type: 'ExecutionStarted', timestamp: new Date().toISOString(), executionStartedEventDetails: {input: '{}'}}]}))
  await local.clients.s3.send(new PutObjectCommand({Bucket: 'alpha-engine-research', Key: 'archive/sector_team_runs/2026-10-03/healthcare.json', Body: '{not json'}))
})
afterAll(() => local.close())

const badDefinition = () => file('dangling.asl.json', JSON.stringify({StartAt: 'A', States: {A: {Type: 'Pass', Next: 'Nowhere'}}}))
const configWith = (definition: () => string) => () => writeConfig((c) => (c.pipelines.saturday.definition = definition()))

// [name, command, argv (a function when it needs files made at run time), exit code, extra env]
const CASES: Array<[string, Runnable, string[] | (() => string[]), number, Record<string, string>?]> = [
  ['show: malformed ARN', ExecutionsShow, ['arn:aws:states:nonsense'], 2],
  ['show: unknown execution name', ExecutionsShow, ['no-such-run'], 4],
  ['show: unknown execution ARN', ExecutionsShow, [`${SM}:execution:alpha-engine-saturday-pipeline:nope`], 4],
  ['show: an execution of another state machine', ExecutionsShow, () => [otherExecution], 2],
  ['show: latest-failed when there is none', ExecutionsShow, ['latest-failed', '--pipeline', 'weekday'], 4],
  ['show: a name with spaces', ExecutionsShow, ['not a name'], 2],
  ['show: unknown --format', ExecutionsShow, ['bi-failed', '--format', 'xml'], 2],
  ['list: bad --since', ExecutionsList, ['--since', '7x'], 2],
  ['list: bad --status', ExecutionsList, ['--status', 'DONE'], 2],
  ['list: unknown pipeline', ExecutionsList, ['--pipeline', 'sunday'], 4],
  ['list: --limit 0', ExecutionsList, ['--limit', '0'], 2],
  ['watch: unknown execution', ExecutionsWatch, [`${SM}:execution:alpha-engine-saturday-pipeline:nope`], 4],
  ['status: unknown pipeline', Status, ['sunday'], 4],
  ['pipelines show: unknown pipeline', PipelinesShow, ['sunday'], 4],
  ['recover: no --from', Recover, [], 2],
  ['recover: malformed ARN', Recover, ['--from', 'arn:aws:states:x', '--dry-run'], 2],
  ['recover: unknown execution', Recover, ['--from', 'no-such-run', '--dry-run'], 4],
  ['recover: a clean success (wrong status)', Recover, ['--from', 'bi-ok', '--dry-run'], 3],
  ['recover: an execution of another state machine', Recover, () => ['--from', otherExecution, '--dry-run'], 2],
  ['recover: bad --strategy', Recover, ['--from', 'bi-failed', '--strategy', 'fast'], 2],
  ['recover: unknown --rerun workload', Recover, ['--from', 'bi-failed', '--rerun', 'Reserch', '--dry-run'], 2],
  ['recover: no TTY and no --yes', Recover, ['--from', 'bi-failed'], 2],
  ['recover: a history file without --dry-run', Recover, () => ['--from', history, '--definition', 'asl/saturday-pipeline.asl.json'], 2],
  ['recover: a history file without --definition', Recover, () => ['--from', history, '--dry-run', '--pipeline', 'saturday'], 2],
  ['recover: a file that is not a history', Recover, () => ['--from', file('nothistory.json', '{"items": []}'), '--definition', 'asl/saturday-pipeline.asl.json', '--pipeline', 'saturday', '--dry-run'], 2],
  ['recover: malformed history JSON', Recover, () => ['--from', file('broken.json', '{"events": ['), '--definition', 'asl/saturday-pipeline.asl.json', '--pipeline', 'saturday', '--dry-run'], 2],
  ['recover: missing --config file', Recover, ['--from', 'bi-failed', '--dry-run', '--config', '/nonexistent/ae.config.json'], 2],
  ['recover: config failing its schema', Recover, () => ['--from', 'bi-failed', '--dry-run', '--config', file('bad-config.json', '{"pipelines": {"saturday": {"stateMachineName": 42}}}')], 2],
  ['recover: expired credentials', Recover, ['--from', 'bi-failed', '--dry-run'], 2, {AWS_ACCESS_KEY_ID: 'EXPIRED'}],
  ['recover: an account the config does not allow', Recover, ['--from', 'bi-failed', '--yes'], 3, {AWS_ACCESS_KEY_ID: '111111111111'}],
  ['run: unknown skip flag', Run, ['saturday', '--input', '{"skip_reserch": true}'], 2],
  ['run: malformed JSON input', Run, ['saturday', '--input', '{"skip_research": tru'], 2],
  ['run: input that is not an object', Run, ['saturday', '--input', '[1, 2]'], 2],
  ['run: oversized input', Run, ['saturday', '--input', JSON.stringify({blob: 'x'.repeat(300_000)})], 2],
  ['run: input file that does not exist', Run, ['saturday', '--input', '@/nonexistent/input.json'], 4],
  ['run: unknown pipeline', Run, ['sunday'], 4],
  ['run: unknown scenario', Run, ['saturday', '--scenario', 'no-such-case'], 2],
  ['run: bad execution name', Run, ['saturday', '--name', 'has spaces'], 2],
  ['deploy: a definition with a dangling target', Deploy, () => ['saturday', '--yes', '--config', configWith(badDefinition)()], 1],
  ['deploy: an unresolved substitution', Deploy, () => ['saturday', '--yes', '--config', configWith(() => file('unresolved.asl.json', JSON.stringify({StartAt: 'A', States: {A: {Type: 'Task', Resource: '${Nope}', End: true}}})))()], 2],
  ['deploy: malformed definition JSON', Deploy, () => ['saturday', '--yes', '--config', configWith(() => file('malformed.asl.json', '{"StartAt": "A", "States": {'))()], 2],
  ['deploy: --var without =', Deploy, ['saturday', '--var', 'AccountId', '--dry-run'], 2],
  ['deploy: unknown pipeline', Deploy, ['sunday', '--dry-run'], 4],
  ['hold release: an id that does not exist', HoldRelease, ['hold-20990101-0000-dead'], 4],
  ['hold place: no --reason', HoldPlace, [], 2],
  ['hold place: bad --expires', HoldPlace, ['--reason', 'x', '--expires', '3q'], 2],
  ['hold place: unknown pipeline', HoldPlace, ['--reason', 'x', '--pipeline', 'sunday'], 4],
  ['validate: a file that does not exist', Validate, ['/nonexistent/x.asl.json'], 4],
  ['validate: JSON that is not ASL', Validate, () => [file('notasl.json', '{"hello": 1}')], 2],
  ['iam-policy: unknown command', IamPolicy, ['--command', 'recovr'], 2],
  ['local start: port out of range', LocalStart, ['--port', '70000'], 2],
  ['local start: a rate above 1', LocalStart, ['--throttle-rate', '1.5'], 2],
]

describe('bad input', () => {
  it(`covers at least 40 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(40))

  it.each(CASES)('%s', async (_name, Cmd, argv, exit, env = {}) => {
    const args = typeof argv === 'function' ? argv() : argv
    const before = JSON.stringify(local.endpoint.snapshot())
    const human = await runCommand(Cmd, [...args, ...local.flags], {env: {...local.env, ...env}})
    expect(human.exitCode, human.stderr).toBe(exit)
    const lines = human.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('Warning'))
    expect(lines[0]).toMatch(/^Error: \S/)
    expect(lines.slice(1).some((l) => /^ {2}Next: \S/.test(l)), human.stderr).toBe(true)
    expect(human.stderr).not.toMatch(/\n\s+at \S+ \(/)
    const json = await runCommand(Cmd, [...args, '--json', ...local.flags], {env: {...local.env, ...env}})
    expect(json.exitCode).toBe(exit)
    expect(json.json).toMatchObject({error: {exitCode: exit}})
    expect(JSON.stringify(local.endpoint.snapshot())).toBe(before)
  })

  it('corrupt resume-key JSON: the plan goes on, names the key and says what to do, and changes nothing', async () => {
    const before = JSON.stringify(local.endpoint.snapshot())
    const r = await runCommand(Recover, ['--from', 'bi-failed', '--dry-run', '--json', ...local.flags], {env: local.env})
    expect(r.exitCode).toBe(0)
    const warnings = (r.json as {warnings: string[]}).warnings
    expect(warnings.find((w) => w.includes('healthcare.json'))).toMatch(/not valid JSON .* delete or fix it/)
    expect(JSON.stringify(local.endpoint.snapshot())).toBe(before)
  })
})
