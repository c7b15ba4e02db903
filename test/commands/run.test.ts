// `ae run` against the local endpoint: skip keys checked against the live definition's gates,
// --input from a file, --wait, and --scenario only on the local endpoint.
import {DescribeExecutionCommand} from '@aws-sdk/client-sfn'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import Deploy from '../../src/commands/deploy.js'
import Run from '../../src/commands/run.js'
import type {StartedRun} from '../../src/runs/start.js'
import type {LocalAws} from '../helpers/local-aws.js'
import {runCommand} from '../helpers/run-command.js'
import {createMachine, SATURDAY, startOps, writeConfig, type TestConfig} from '../deploy/fixture.js'

let local: LocalAws
let cfg: TestConfig

/** One skip gate: CheckSkipWork -> Done when $.skip_work, else Work -> Done. */
const GATED = JSON.stringify({
  StartAt: 'CheckSkipWork',
  States: {
    CheckSkipWork: {Type: 'Choice', Choices: [{And: [{Variable: '$.skip_work', IsPresent: true}, {Variable: '$.skip_work', BooleanEquals: true}], Next: 'Done'}], Default: 'Work'},
    Work: {Type: 'Pass', Result: 'worked', ResultPath: '$.work', Next: 'Done'},
    Done: {Type: 'Succeed'},
  },
})

beforeEach(async () => {
  local = await startOps()
  cfg = writeConfig()
})
afterEach(async () => local.close())

const ae = (args: string[], env: Record<string, string | undefined> = {}) => runCommand(Run, [...args, ...local.flags, '--config', cfg.path], {env: {...local.env, ...env}})
const errorOf = (json: unknown) => (json as {error: {code: string; message: string; suggestions: string[]}}).error

describe('ae run', () => {
  it('refuses a skip key that names no gate, exit 2 with "did you mean", starting nothing', async () => {
    await createMachine(local, SATURDAY, GATED)
    const r = await ae(['saturday', '--input', '{"skip_wrok": true}', '--json'])
    expect(r.exitCode).toBe(2)
    expect(errorOf(r.json)).toMatchObject({code: 'UNKNOWN_SKIP_FLAG', message: 'skip_wrok is not a skip gate of saturday; did you mean skip_work?'})
    expect(local.endpoint.calls.some((c) => c.includes('StartExecution'))).toBe(false)
  })

  it('starts an execution with input from @file and a name, and --wait follows it to its end', async () => {
    await createMachine(local, SATURDAY, GATED)
    const dir = mkdtempSync(join(tmpdir(), 'ae-run-'))
    writeFileSync(join(dir, 'input.json'), '{"skip_work": true, "run_date": "2026-05-16"}')
    const r = await ae(['saturday', '--input', `@${join(dir, 'input.json')}`, '--name', 'manual-2026-05-16', '--wait', '--json'])
    expect(r.exitCode).toBe(0)
    const run = r.json as StartedRun
    expect(run).toMatchObject({pipeline: 'saturday', name: 'manual-2026-05-16', input: {skip_work: true, run_date: '2026-05-16'}, end: {status: 'SUCCEEDED'}})
    expect(JSON.parse(run.end?.output ?? '{}')).toEqual({skip_work: true, run_date: '2026-05-16'})
  })

  it('refuses a name already used, exit 2', async () => {
    await createMachine(local, SATURDAY, GATED)
    expect((await ae(['saturday', '--name', 'once'])).exitCode).toBe(0)
    const again = await ae(['saturday', '--name', 'once', '--json'])
    expect(again.exitCode).toBe(2)
    expect(errorOf(again.json).code).toBe('EXECUTION_EXISTS')
  })

  it('says a pipeline that is not deployed is not found, exit 4, and what to do', async () => {
    const r = await ae(['weekday', '--json'])
    expect(r.exitCode).toBe(4)
    expect(errorOf(r.json).suggestions[0]).toMatch(/ae deploy weekday/)
  })

  it('refuses --scenario when the endpoint is not local, before any AWS call', async () => {
    const r = await runCommand(Run, ['saturday', '--scenario', 'happy-path', '--endpoint', 'https://states.us-east-1.amazonaws.com', '--config', cfg.path, '--json'], {env: {...local.env, AWS_ENDPOINT_URL: undefined}})
    expect(r.exitCode).toBe(2)
    expect(errorOf(r.json).code).toBe('SCENARIO_NEEDS_LOCAL')
  })

  it('runs a mock scenario on the local endpoint: happy-path succeeds, research-fails makes the run fail (exit 1)', async () => {
    await runCommand(Deploy, ['saturday', '--yes', ...local.flags, '--config', cfg.path], {env: local.env})
    const happy = await ae(['saturday', '--scenario', 'happy-path', '--wait', '--json'])
    expect(happy.exitCode).toBe(0)
    expect(happy.json).toMatchObject({scenario: 'happy-path', end: {status: 'SUCCEEDED'}})
    const r = await ae(['saturday', '--scenario', 'research-fails', '--wait', '--json'])
    expect(r.exitCode).toBe(1)
    expect(r.json).toMatchObject({scenario: 'research-fails', end: {status: 'FAILED'}})
    const d = await local.clients.sfn.send(new DescribeExecutionCommand({executionArn: (r.json as StartedRun).executionArn}))
    expect(d.status).toBe('FAILED')
  })

  it('refuses to start in an account the config does not allow (exit 3, both accounts named)', async () => {
    await createMachine(local, SATURDAY, GATED)
    const r = await ae(['saturday', '--json'], {AWS_ACCESS_KEY_ID: '222222222222'})
    expect(r.exitCode).toBe(3)
    expect(errorOf(r.json).message).toBe('account 222222222222 is not allowed by the config (allowed: 000000000000)')
  })
})
