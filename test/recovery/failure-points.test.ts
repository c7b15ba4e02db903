// For every single failure point of both shipped pipelines: fail -> ae recover -> SUCCEEDED, and
// across the original and the recovery no completed workload ran twice except the ones the plan
// listed as unavoidable.
import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import Recover from '../../src/commands/recover.js'
import {followExecution} from '../../src/executions/follow.js'
import {loadExecutionRecord} from '../../src/executions/record.js'
import type {RecoveryPlan} from '../../src/recovery/plan.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario} from '../helpers/pipelines.js'
import {runCommand} from '../helpers/run-command.js'

const scenarios = JSON.parse(readFileSync(new URL('../../src/local/scenarios/shipped.json', import.meta.url), 'utf8')) as {StateMachines: Record<string, {TestCases: Record<string, unknown>}>}
const failing = (sm: string) => Object.keys(scenarios.StateMachines[sm]!.TestCases).filter((c) => c.endsWith('-fails'))
const cases = [
  ...failing('alpha-engine-saturday-pipeline').map((c) => ['saturday', c] as const),
  ...failing('alpha-engine-weekday-pipeline').map((c) => ['weekday', c] as const),
]

let local: LocalAws
beforeAll(async () => {
  local = await localAws()
  await deployShipped(local)
})
afterAll(() => local.close())

const ranIn = async (arn: string) => {
  const {value} = await loadExecutionRecord(local.clients.sfn, arn, 'none')
  return {
    completed: value.timeline.workloads.filter((w) => w.outcome === 'completed').map((w) => w.workload),
    ran: value.timeline.workloads.filter((w) => w.outcome !== 'skipped' && w.outcome !== 'not-run').map((w) => w.workload),
  }
}

describe('recovering every single failure point', () => {
  it('covers every work state of both pipelines', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20)
  })

  it.each(cases.map(([p, c], i) => [p, c, i] as const))('%s %s: fail, recover, SUCCEEDED, nothing completed runs twice unless unavoidable', async (pipeline, testCase, i) => {
    // Given a run that failed at this point (each case its own run date, as each Saturday is)
    const name = `${pipeline}-${testCase}`
    const runDate = new Date(Date.UTC(2026, 0, 3 + 7 * i)).toISOString().slice(0, 10)
    const original = await runScenario(local, pipeline, testCase, name, {run_date: runDate})
    expect(original.status).toBe('FAILED')

    // When ae recover starts the recovery
    const r = await runCommand(Recover, ['--from', name, '--pipeline', pipeline, '--yes', '--json', ...local.flags], {env: local.env})
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    const plan = r.json as RecoveryPlan
    expect(plan.started?.kind).toBe('start')
    expect(plan.verification.ok).toBe(true)

    // Then the recovery succeeds, and completed work did not run again
    const end = await followExecution(local.clients.sfn, plan.started!.executionArn, {pollMs: 20})
    expect(end.status).toBe('SUCCEEDED')
    const before = await ranIn(original.executionArn)
    const after = await ranIn(plan.started!.executionArn)
    const twice = before.completed.filter((w) => after.ran.includes(w))
    expect(twice.sort()).toEqual(plan.unavoidable.map((u) => u.workload).sort())
    // and the failed workload did run again
    const failed = plan.workloads.filter((w) => w.outcome === 'failed').map((w) => w.name)
    for (const w of failed) expect(after.ran).toContain(w)
  })
})
