// The IAM table against reality: every command's flow runs on the local endpoint, which records
// each API call; every call a command made must be an action its table entry grants.
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import Deploy from '../../src/commands/deploy.js'
import Diff from '../../src/commands/diff.js'
import ExecutionsList from '../../src/commands/executions/list.js'
import ExecutionsShow from '../../src/commands/executions/show.js'
import ExecutionsWatch from '../../src/commands/executions/watch.js'
import HoldList from '../../src/commands/hold/list.js'
import HoldPlace from '../../src/commands/hold/place.js'
import HoldRelease from '../../src/commands/hold/release.js'
import IamPolicy from '../../src/commands/iam-policy.js'
import Recover from '../../src/commands/recover.js'
import Run from '../../src/commands/run.js'
import ShellRunDisable from '../../src/commands/shell-run/disable.js'
import ShellRunEnable from '../../src/commands/shell-run/enable.js'
import ShellRunNow from '../../src/commands/shell-run/now.js'
import ShellRunStatus from '../../src/commands/shell-run/status.js'
import Status from '../../src/commands/status.js'
import {actionsOf, COMMAND_GRANTS, iamActionOf} from '../../src/security/iam-actions.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {runCommand} from '../helpers/run-command.js'

let local: LocalAws
const used = new Map<string, Set<string>>()

beforeAll(async () => {
  local = await localAws()
})
afterAll(() => local.close())

type Runnable = Parameters<typeof runCommand>[0]
const flows: Array<[string, Runnable, string[]]> = [
  ['deploy', Deploy, ['saturday', '--yes']],
  ['deploy', Deploy, ['saturday', '--yes']],
  ['diff', Diff, ['saturday']],
  ['run', Run, ['saturday', '--scenario', 'research-rate-limited', '--name', 'iam-1', '--wait']],
  ['status', Status, []],
  ['executions:list', ExecutionsList, []],
  ['executions:show', ExecutionsShow, ['iam-1']],
  ['executions:watch', ExecutionsWatch, ['iam-1', '--json']],
  ['recover', Recover, ['--from', 'iam-1', '--dry-run']],
  ['recover', Recover, ['--from', 'iam-1', '--yes', '--wait']],
  ['hold:place', HoldPlace, ['--reason', 'iam test', '--pipeline', 'saturday']],
  ['hold:list', HoldList, ['--all']],
  ['shell-run:enable', ShellRunEnable, []],
  ['shell-run:status', ShellRunStatus, []],
  ['shell-run:disable', ShellRunDisable, []],
  ['shell-run:now', ShellRunNow, ['--wait']],
]

describe('the IAM actions table', () => {
  it.each(flows.map(([id, cmd, argv], i) => [i, id, cmd, argv] as const))('step %i: %s uses only the actions its entry grants', async (_i, id, cmd, argv) => {
    const before = local.endpoint.calls.length
    const r = await runCommand(cmd, [...argv, ...local.flags], {env: local.env})
    expect([0, 1], `${id}: ${r.stderr}`).toContain(r.exitCode)
    const actions = local.endpoint.calls.slice(before).map(iamActionOf).filter((a): a is string => a !== undefined)
    used.set(id, new Set([...(used.get(id) ?? []), ...actions]))
    const granted = actionsOf(id)
    expect(actions.filter((a) => !granted.has(a)), `${id} called actions its table entry lacks`).toEqual([])
  })

  it('hold release uses only what its entry grants', async () => {
    const listed = await runCommand(HoldList, ['--json', ...local.flags], {env: local.env})
    const id = (listed.json as {holds: Array<{id: string}>}).holds[0]!.id
    const before = local.endpoint.calls.length
    const r = await runCommand(HoldRelease, [id, '--reason', 'done', ...local.flags], {env: local.env})
    expect(r.exitCode).toBe(0)
    const actions = local.endpoint.calls.slice(before).map(iamActionOf).filter((a): a is string => a !== undefined)
    expect(actions.filter((a) => !actionsOf('hold:release').has(a))).toEqual([])
  })

  it('has an entry for every command, and renders a valid policy for them', async () => {
    const r = await runCommand(IamPolicy, ['--json', '--account', '123456789012', '--region', 'us-east-1'])
    expect(r.exitCode).toBe(0)
    const policy = r.json as {Version: string; Statement: Array<{Sid: string; Effect: string; Action: string[]; Resource: string[]}>}
    expect(policy.Version).toBe('2012-10-17')
    const actions = new Set(policy.Statement.flatMap((s) => s.Action))
    for (const a of Object.values(COMMAND_GRANTS).flatMap((g) => g.flatMap((x) => x.actions))) expect(actions).toContain(a)
    const sm = policy.Statement.find((s) => s.Action.includes('states:StartExecution'))!
    expect(sm.Resource).toContain('arn:aws:states:us-east-1:123456789012:stateMachine:alpha-engine-saturday-pipeline')
    expect(policy.Statement.find((s) => s.Action.includes('iam:PassRole'))!.Resource).toContain('arn:aws:iam::000000000000:role/alpha-engine-sfn-role')
  })

  it('scopes a policy to the commands asked for', async () => {
    const r = await runCommand(IamPolicy, ['--json', '--command', 'executions:show'])
    const actions = (r.json as {Statement: Array<{Action: string[]}>}).Statement.flatMap((s) => s.Action)
    expect(actions).toContain('states:GetExecutionHistory')
    expect(actions).not.toContain('states:StartExecution')
    const bad = await runCommand(IamPolicy, ['--command', 'recovr'])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toMatch(/did you mean recover\?/)
  })
})
