// `ae executions list` (filters, limit, newest first across both pipelines) and `ae executions
// watch --json` (one JSON line per transition, then the final status; exit 0 only for SUCCEEDED)
// against the local endpoint.
import {GetExecutionHistoryCommand, StartExecutionCommand} from '@aws-sdk/client-sfn'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import ExecutionsList from '../../src/commands/executions/list.js'
import ExecutionsWatch from '../../src/commands/executions/watch.js'
import type {ListedExecution} from '../../src/executions/list.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario, stateMachineArn} from '../helpers/pipelines.js'
import {runCommand} from '../helpers/run-command.js'

const HOUR = 3_600_000
let local: LocalAws

// The virtual clock starts three days ago; two runs happen then, the clock jumps to an hour ago,
// and two more runs happen: --since can tell them apart against the real clock.
beforeAll(async () => {
  local = await localAws({start: new Date(Date.now() - 72 * HOUR)})
  await deployShipped(local)
  await runScenario(local, 'saturday', 'happy-path', 'sat-old-ok')
  await runScenario(local, 'weekday', 'executor-plan-orders-fails', 'wd-old-failed')
  await local.endpoint.clock.sleep(Date.now() - HOUR - local.endpoint.clock.now().getTime())
  await runScenario(local, 'weekday', 'happy-path', 'wd-new-ok')
  await runScenario(local, 'saturday', 'research-rate-limited', 'sat-new-failed')
})
afterAll(() => local.close())

const ae = (Cmd: Parameters<typeof runCommand>[0], args: string[]) => runCommand(Cmd, [...args, ...local.flags], {env: local.env})
const list = async (args: string[]) => {
  const r = await ae(ExecutionsList, [...args, '--json'])
  expect(r.exitCode).toBe(0)
  return r.json as {executions: ListedExecution[]; notDeployed: string[]}
}
const names = (l: {executions: ListedExecution[]}) => l.executions.map((e) => e.name)

describe('ae executions list', () => {
  it('lists both pipelines newest first', async () => {
    const all = await list([])
    expect(names(all)).toEqual(['sat-new-failed', 'wd-new-ok', 'wd-old-failed', 'sat-old-ok'])
    expect(all.notDeployed).toEqual([])
    expect(all.executions[0]).toMatchObject({pipeline: 'saturday', status: 'FAILED', executionArn: expect.stringMatching(/:execution:alpha-engine-saturday-pipeline:sat-new-failed$/)})
    expect(all.executions[1]).toMatchObject({pipeline: 'weekday', status: 'SUCCEEDED'})
    // durations are virtual: the Saturday happy path runs for hours
    expect(all.executions[3]!.durationMs).toBeGreaterThan(4 * HOUR)
    const starts = all.executions.map((e) => Date.parse(e.startDate!))
    expect(starts).toEqual([...starts].sort((a, b) => b - a))
  })

  it('filters by --status', async () => {
    expect(names(await list(['--status', 'FAILED']))).toEqual(['sat-new-failed', 'wd-old-failed'])
    expect(names(await list(['--status', 'SUCCEEDED']))).toEqual(['wd-new-ok', 'sat-old-ok'])
    expect(names(await list(['--status', 'RUNNING']))).toEqual([])
  })

  it('keeps the newest --limit executions across pipelines', async () => {
    expect(names(await list(['--limit', '2']))).toEqual(['sat-new-failed', 'wd-new-ok'])
    expect(names(await list(['--limit', '1', '--status', 'FAILED', '--pipeline', 'weekday']))).toEqual(['wd-old-failed'])
  })

  it('keeps executions started within --since', async () => {
    expect(names(await list(['--since', '2h']))).toEqual(['sat-new-failed', 'wd-new-ok'])
    expect(names(await list(['--since', '4d']))).toEqual(['sat-new-failed', 'wd-new-ok', 'wd-old-failed', 'sat-old-ok'])
    expect(names(await list(['--since', '2h', '--pipeline', 'weekday']))).toEqual(['wd-new-ok'])
  })

  it('prints a table without --json', async () => {
    const r = await ae(ExecutionsList, ['--limit', '2'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/PIPELINE\s+NAME\s+STATUS\s+STARTED\s+DURATION/)
    expect(r.stdout).toMatch(/saturday\s+sat-new-failed\s+FAILED/)
  })

  it('rejects an unknown --status with exit 2', async () => {
    const r = await ae(ExecutionsList, ['--status', 'DONE', '--json'])
    expect(r.exitCode).toBe(2)
    expect(r.json).toMatchObject({error: {code: 'USAGE', exitCode: 2}})
  })
})

describe('ae executions watch --json', () => {
  const watch = async (execution: string) => {
    const r = await ae(ExecutionsWatch, [execution, '--json', '--interval', '1'])
    expect(r.stderr).toBe('')
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    return {exitCode: r.exitCode, transitions: lines.slice(0, -1), final: lines.at(-1)}
  }
  const historyOf = async (executionArn: string) =>
    (await local.clients.sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: 1000, includeExecutionData: false}))).events ?? []

  it('prints one line per transition and the final status, exit 0 when the execution SUCCEEDED', async () => {
    // Given an execution just started
    const started = await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: stateMachineArn(local, 'weekday'), name: 'wd-watched', input: '{}'}))

    // When watching it
    const {exitCode, transitions, final} = await watch('wd-watched')

    // Then each state transition is a line, in event order, none twice, then the final status
    expect(exitCode).toBe(0)
    expect(final).toEqual({executionArn: started.executionArn, status: 'SUCCEEDED'})
    const events = await historyOf(started.executionArn!)
    const expected = events.filter((e) => e.stateEnteredEventDetails || e.stateExitedEventDetails || e.type!.startsWith('Execution') || e.type!.endsWith('Failed'))
    expect(transitions.map((t) => t.id)).toEqual(expected.map((e) => e.id))
    expect(transitions[0]).toMatchObject({type: 'ExecutionStarted', state: null})
    expect(transitions).toContainEqual(expect.objectContaining({type: 'TaskStateEntered', state: 'ExecutorSubmitOrders'}))
    expect(transitions.at(-1)).toMatchObject({type: 'ExecutionSucceeded'})
    for (const t of transitions) expect(t.at).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('exits 1 when the execution FAILED, the error on its failure lines', async () => {
    const {exitCode, transitions, final} = await watch('wd-old-failed')
    expect(exitCode).toBe(1)
    expect(final).toMatchObject({status: 'FAILED'})
    expect(transitions).toContainEqual(expect.objectContaining({type: 'TaskFailed', error: 'BrokerUnavailable'}))
    expect(transitions.at(-1)).toMatchObject({type: 'ExecutionFailed', error: 'PipelineFailed'})
  })

  it('prints readable lines without --json', async () => {
    const r = await ae(ExecutionsWatch, ['wd-new-ok', '--interval', '1'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/TaskStateEntered\s+ExecutorSubmitOrders/)
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/:wd-new-ok: SUCCEEDED$/)
  })
})
