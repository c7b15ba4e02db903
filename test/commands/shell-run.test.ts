// `ae shell-run enable|disable|status|now` against the local endpoint, with the shipped Saturday
// definition and rules deployed by `ae deploy`.
import {DescribeRuleCommand, PutTargetsCommand} from '@aws-sdk/client-eventbridge'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import Deploy from '../../src/commands/deploy.js'
import ShellRunDisable from '../../src/commands/shell-run/disable.js'
import ShellRunEnable from '../../src/commands/shell-run/enable.js'
import ShellRunNow from '../../src/commands/shell-run/now.js'
import ShellRunStatus from '../../src/commands/shell-run/status.js'
import type {LocalAws} from '../helpers/local-aws.js'
import {runCommand} from '../helpers/run-command.js'
import {arnOf, createMachine, SATURDAY, startOps, writeConfig, type TestConfig} from '../deploy/fixture.js'

const FRIDAY = 'alpha-engine-friday-shell-run'
let local: LocalAws
let cfg: TestConfig

beforeEach(async () => {
  local = await startOps()
  cfg = writeConfig()
})
afterEach(async () => local.close())

const ae = (Cmd: Parameters<typeof runCommand>[0], args: string[], env: Record<string, string> = {}) =>
  runCommand(Cmd, [...args, ...local.flags, '--config', cfg.path], {env: {...local.env, ...env}})
const errorOf = (json: unknown) => (json as {error: {code: string; message: string; suggestions: string[]}}).error
const ruleState = async () => (await local.clients.events.send(new DescribeRuleCommand({Name: FRIDAY}))).State
const deploySaturday = async () => expect((await ae(Deploy, ['saturday', '--yes'])).exitCode).toBe(0)

describe('ae shell-run enable', () => {
  it('says to run ae deploy when the rule does not exist (exit 4)', async () => {
    const r = await ae(ShellRunEnable, ['--json'])
    expect(r.exitCode).toBe(4)
    expect(errorOf(r.json).code).toBe('RULE_NOT_FOUND')
    expect(errorOf(r.json).suggestions[0]).toMatch(/ae deploy saturday/)
  })

  it('enables a correctly wired rule and prints the next three firings in UTC and local time', async () => {
    await deploySaturday()
    expect(await ruleState()).toBe('DISABLED')
    const r = await ae(ShellRunEnable, ['--json'])
    expect(r.exitCode).toBe(0)
    expect(r.json).toMatchObject({rule: FRIDAY, pipeline: 'saturday', state: 'ENABLED', changed: true, schedule: 'cron(30 21 ? * FRI *)'})
    const firings = (r.json as {firings: {utc: string; local: string}[]}).firings
    expect(firings).toHaveLength(3)
    for (const f of firings) {
      expect(new Date(f.utc).getUTCDay()).toBe(5)
      expect(f.utc).toMatch(/T21:30:00\.000Z$/)
      expect(f.local).toMatch(/^\w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2} /)
    }
    expect(await ruleState()).toBe('ENABLED')
    const human = await ae(ShellRunEnable, [])
    expect(human.stdout).toMatch(/already enabled[\s\S]*next firings:\n {4}\d{4}-\d{2}-\d{2}T21:30:00\.000Z {2}\(/)
  })

  it('refuses a rule whose target input is wrong (exit 3) and leaves it DISABLED', async () => {
    await deploySaturday()
    await local.clients.events.send(new PutTargetsCommand({Rule: FRIDAY, Targets: [{Id: 'saturday-shell-run', Arn: arnOf(local, SATURDAY), Input: '{"shell_run": false}'}]}))
    const r = await ae(ShellRunEnable, ['--json'])
    expect(r.exitCode).toBe(3)
    expect(errorOf(r.json)).toMatchObject({code: 'SHELL_RUN_MISWIRED'})
    expect(errorOf(r.json).message).toMatch(/sends \{"shell_run": false\} instead of \{"shell_run": true\}/)
    expect(errorOf(r.json).suggestions[0]).toMatch(/ae deploy saturday/)
    expect(await ruleState()).toBe('DISABLED')
  })

  it('refuses a rule that targets another state machine (exit 3)', async () => {
    await deploySaturday()
    await local.clients.events.send(new PutTargetsCommand({Rule: FRIDAY, Targets: [{Id: 'saturday-shell-run', Arn: arnOf(local, 'alpha-engine-weekday-pipeline'), Input: '{"shell_run":true}'}]}))
    const r = await ae(ShellRunEnable, ['--json'])
    expect(r.exitCode).toBe(3)
    expect(errorOf(r.json).message).toMatch(/targets arn:.*weekday-pipeline, not arn:.*saturday-pipeline/)
    expect(await ruleState()).toBe('DISABLED')
  })

  it('refuses when the live definition has no shell-run gate (exit 3): the run would be a full run', async () => {
    await deploySaturday()
    const {UpdateStateMachineCommand} = await import('@aws-sdk/client-sfn')
    await local.clients.sfn.send(new UpdateStateMachineCommand({stateMachineArn: arnOf(local, SATURDAY), definition: JSON.stringify({StartAt: 'A', States: {A: {Type: 'Succeed'}}})}))
    const r = await ae(ShellRunEnable, ['--json'])
    expect(r.exitCode).toBe(3)
    expect(errorOf(r.json).message).toMatch(/no shell-run gate/)
  })

  it('refuses in an account the config does not allow (exit 3)', async () => {
    await deploySaturday()
    const r = await ae(ShellRunEnable, ['--json'], {AWS_ACCESS_KEY_ID: '333333333333'})
    expect(r.exitCode).toBe(3)
    expect(errorOf(r.json).code).toBe('ACCOUNT_NOT_ALLOWED')
    expect(await ruleState()).toBe('DISABLED')
  })
})

describe('ae shell-run disable and status', () => {
  it('disables the rule, and status shows State, schedule, target and firings', async () => {
    await deploySaturday()
    await ae(ShellRunEnable, [])
    const off = await ae(ShellRunDisable, ['--json'])
    expect(off.exitCode).toBe(0)
    expect(off.json).toMatchObject({state: 'DISABLED', changed: true})
    expect(await ruleState()).toBe('DISABLED')

    const s = await ae(ShellRunStatus, ['--json'])
    expect(s.exitCode).toBe(0)
    expect(s.json).toMatchObject({
      rule: FRIDAY,
      state: 'DISABLED',
      schedule: 'cron(30 21 ? * FRI *)',
      targets: [{id: 'saturday-shell-run', arn: arnOf(local, SATURDAY), input: '{"shell_run":true}'}],
      problems: [],
    })
    expect((s.json as {lastRun?: unknown}).lastRun).toBeUndefined()
    expect((await ae(ShellRunStatus, [])).stdout).toMatch(/would fire \(if enabled\):[\s\S]*last shell run: none found/)
  })
})

describe('ae shell-run now', () => {
  it('starts a shell run named shell-{date}-{n}, numbering on, and status reports the last one', async () => {
    await deploySaturday()
    const today = new Date().toISOString().slice(0, 10)
    const first = await ae(ShellRunNow, ['--json'])
    const second = await ae(ShellRunNow, ['--wait', '--json'])
    expect(first.exitCode).toBe(0)
    expect(first.json).toMatchObject({name: `shell-${today}-1`, input: {shell_run: true}})
    expect(second.json).toMatchObject({name: `shell-${today}-2`, end: {status: 'SUCCEEDED'}})
    expect(second.exitCode).toBe(0)

    const s = await ae(ShellRunStatus, ['--json'])
    expect(s.json).toMatchObject({lastRun: {name: `shell-${today}-2`, status: 'SUCCEEDED'}})
  })

  it('refuses to start when the live definition lacks the shell-run gate (exit 3), starting nothing', async () => {
    await createMachine(local, SATURDAY, JSON.stringify({StartAt: 'A', States: {A: {Type: 'Succeed'}}}))
    const r = await ae(ShellRunNow, ['--json'])
    expect(r.exitCode).toBe(3)
    expect(errorOf(r.json).code).toBe('SHELL_RUN_MISWIRED')
    expect(local.endpoint.calls.some((c) => c.includes('StartExecution'))).toBe(false)
  })
})
