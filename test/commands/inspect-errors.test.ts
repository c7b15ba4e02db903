// `ae status`, `ae executions list` and `ae executions show` on bad input and missing things: each
// answers with one `Error:` line and its `Next:` steps (no stack trace) and the documented exit
// code, and under --json with {error: {code, exitCode}}. "Not deployed" is an answer, not an error,
// for status and list.
import {CreateStateMachineCommand, StartExecutionCommand} from '@aws-sdk/client-sfn'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import ExecutionsList from '../../src/commands/executions/list.js'
import ExecutionsShow from '../../src/commands/executions/show.js'
import Status from '../../src/commands/status.js'
import {followExecution} from '../../src/executions/follow.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario, stateMachineArn} from '../helpers/pipelines.js'
import {runCommand, type CommandOutcome} from '../helpers/run-command.js'

type Cmd = Parameters<typeof runCommand>[0]
const executionArnOf = (local: LocalAws, pipeline: string, name: string) => `${stateMachineArn(local, pipeline).replace(':stateMachine:', ':execution:')}:${name}`

/** The documented error shape: one Error line, Next lines, no stack, the exit code; the same code under --json. */
async function expectError(run: (extra: string[]) => Promise<CommandOutcome>, exitCode: number, code: string, message: RegExp): Promise<void> {
  const text = await run([])
  expect(text.exitCode).toBe(exitCode)
  expect(text.stdout).toBe('')
  expect(text.stderr).not.toMatch(/\n\s+at /)
  const lines = text.stderr.trimEnd().split('\n')
  expect(lines[0]).toMatch(/^Error: /)
  expect(lines[0]).toMatch(message)
  expect(lines.length).toBeGreaterThanOrEqual(2)
  for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}Next: \S/)

  const json = await run(['--json'])
  expect(json.exitCode).toBe(exitCode)
  expect(json.stderr).toBe('')
  expect(json.json).toMatchObject({error: {code, exitCode, message: expect.stringMatching(message), suggestions: expect.arrayContaining([expect.any(String)])}})
}

describe('nothing deployed', () => {
  let local: LocalAws
  beforeAll(async () => {
    local = await localAws()
  })
  afterAll(() => local.close())
  const ae = (Cmd: Cmd, args: string[]) => runCommand(Cmd, [...args, ...local.flags], {env: local.env})

  it('status answers deployed: false for each pipeline, exit 0', async () => {
    const r = await ae(Status, ['--json'])
    expect(r.exitCode).toBe(0)
    expect(r.json).toMatchObject({
      pipelines: [
        {pipeline: 'saturday', deployed: false, definitionMatches: null, running: [], recent: []},
        {pipeline: 'weekday', deployed: false, definitionMatches: null, running: [], recent: []},
      ],
    })
    const text = await ae(Status, ['saturday'])
    expect(text.exitCode).toBe(0)
    expect(text.stdout).toMatch(/not deployed \(run `ae deploy saturday`\)/)
  })

  it('list answers with the pipelines under notDeployed and a note on stderr, exit 0', async () => {
    const r = await ae(ExecutionsList, ['--json'])
    expect(r.exitCode).toBe(0)
    expect(r.json).toEqual({executions: [], notDeployed: ['saturday', 'weekday']})
    const text = await ae(ExecutionsList, [])
    expect(text.exitCode).toBe(0)
    expect(text.stderr).toMatch(/^saturday: not deployed \(run `ae deploy saturday`\)$/m)
    expect(text.stderr).toMatch(/^weekday: not deployed/m)
  })

  it('show of an execution name exits 4', async () => {
    await expectError((x) => ae(ExecutionsShow, ['sat-2026-11-21', ...x]), 4, 'EXECUTION_NOT_FOUND', /no execution named sat-2026-11-21 in saturday, weekday/)
  })

  it('show of an execution ARN of the undeployed pipeline exits 4', async () => {
    const arn = executionArnOf(local, 'saturday', 'sat-2026-11-21')
    await expectError((x) => ae(ExecutionsShow, [arn, ...x]), 4, 'EXECUTION_NOT_FOUND', /no execution .*:sat-2026-11-21 \(or its state machine is not deployed\)/)
  })

  it('show latest exits 4 when no pipeline has run', async () => {
    await expectError((x) => ae(ExecutionsShow, ['latest', ...x]), 4, 'NO_EXECUTIONS', /no execution of saturday, weekday/)
  })
})

describe('deployed', () => {
  let local: LocalAws
  let otherArn: string
  beforeAll(async () => {
    local = await localAws()
    await deployShipped(local)
    await runScenario(local, 'weekday', 'happy-path', 'wd-ok')
    // A state machine ae's config does not name, with an execution
    const other = await local.clients.sfn.send(
      new CreateStateMachineCommand({name: 'other', roleArn: 'arn:aws:iam::000000000000:role/r', definition: JSON.stringify({StartAt: 'P', States: {P: {Type: 'Pass', End: true}}})}),
    )
    const started = await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: other.stateMachineArn, name: 'other-run', input: '{}'}))
    await followExecution(local.clients.sfn, started.executionArn!, {pollMs: 20})
    otherArn = started.executionArn!
  })
  afterAll(() => local.close())
  const ae = (Cmd: Cmd, args: string[], env: Record<string, string> = {}) => runCommand(Cmd, [...args, ...local.flags], {env: {...local.env, ...env}})

  it('show of an unknown execution name exits 4', async () => {
    await expectError((x) => ae(ExecutionsShow, ['no-such-run', ...x]), 4, 'EXECUTION_NOT_FOUND', /no execution named no-such-run/)
  })

  it('show of an unknown execution ARN of a pipeline exits 4', async () => {
    await expectError((x) => ae(ExecutionsShow, [executionArnOf(local, 'weekday', 'no-such-run'), ...x]), 4, 'EXECUTION_NOT_FOUND', /no execution .*:no-such-run/)
  })

  it('show latest-failed exits 4 when no execution failed', async () => {
    await expectError((x) => ae(ExecutionsShow, ['latest-failed', ...x]), 4, 'NO_EXECUTIONS', /no failed execution/)
  })

  it('show of an execution of a state machine the config does not name exits 2 (bad input)', async () => {
    // The execution exists, but ae has no definition, workloads or run-date rule for its state machine
    await expectError((x) => ae(ExecutionsShow, [otherArn, ...x]), 2, 'NOT_A_PIPELINE_EXECUTION', /state machine other, which is not the state machine of any configured pipeline/)
    // and with --pipeline, it names that pipeline
    await expectError((x) => ae(ExecutionsShow, [otherArn, '--pipeline', 'weekday', ...x]), 2, 'NOT_A_PIPELINE_EXECUTION', /not the state machine of pipeline weekday/)
  })

  it('show of a malformed ARN exits 2', async () => {
    await expectError((x) => ae(ExecutionsShow, ['arn:aws:states:us-east-1:000000000000:execution:alpha-engine-weekday-pipeline', ...x]), 2, 'MALFORMED_ARN', /is not a Step Functions execution ARN/)
    await expectError((x) => ae(ExecutionsShow, ['not a name!', ...x]), 2, 'BAD_EXECUTION', /neither an execution ARN/)
  })

  it('list --since with a bad duration exits 2', async () => {
    await expectError((x) => ae(ExecutionsList, ['--since', 'yesterday', ...x]), 2, 'BAD_SINCE', /--since yesterday is not a duration/)
  })

  it('status, list and show with a pipeline the config does not name exit 4', async () => {
    await expectError((x) => ae(Status, ['monthly', ...x]), 4, 'PIPELINE_NOT_FOUND', /no pipeline named monthly/)
    await expectError((x) => ae(ExecutionsList, ['--pipeline', 'monthly', ...x]), 4, 'PIPELINE_NOT_FOUND', /no pipeline named monthly/)
    await expectError((x) => ae(ExecutionsShow, ['wd-ok', '--pipeline', 'monthly', ...x]), 4, 'PIPELINE_NOT_FOUND', /no pipeline named monthly/)
  })

  describe('credentials', () => {
    // The SDK's whole chain finds nothing: no env keys, a profile that exists nowhere, empty shared
    // files instead of ~/.aws, and no instance metadata to wait for.
    const noCredentials = () => {
      const dir = mkdtempSync(join(tmpdir(), 'ae-nocreds-'))
      const empty = join(dir, 'empty')
      writeFileSync(empty, '')
      return {
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_SESSION_TOKEN: '',
        AWS_PROFILE: 'ae-test-no-such-profile',
        AWS_CONFIG_FILE: empty,
        AWS_SHARED_CREDENTIALS_FILE: empty,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
        AWS_WEB_IDENTITY_TOKEN_FILE: '',
      }
    }

    it.each([
      ['status', Status, []],
      ['executions list', ExecutionsList, []],
      ['executions show', ExecutionsShow, ['wd-ok']],
    ] as const)('%s without credentials exits 2 and says to log in', async (_, Cmd, args) => {
      const env = noCredentials()
      await expectError((x) => ae(Cmd, [...args, ...x], env), 2, 'CREDENTIALS', /AWS credentials are missing or expired/)
      const r = await ae(Cmd, [...args], env)
      expect(r.stderr).toMatch(/Next: Log in: `aws sso login/)
    })

    it.each([
      ['status', Status, []],
      ['executions list', ExecutionsList, []],
      ['executions show', ExecutionsShow, ['wd-ok']],
    ] as const)('%s with expired credentials exits 2', async (_, Cmd, args) => {
      await expectError((x) => ae(Cmd, [...args, ...x], {AWS_ACCESS_KEY_ID: 'EXPIRED'}), 2, 'CREDENTIALS', /AWS credentials are missing or expired \(ExpiredToken\)/)
    })
  })
})
