// Properties of the planner over random lineages, and the rerun-vs-redrive choice.
import {describe, expect, it} from 'vitest'
import {buildGraph} from '../../src/asl/graph.js'
import {StatesError} from '../../src/asl/states-error.js'
import type {StateMachineDefinition} from '../../src/asl/types.js'
import {deriveWorkloadsFromGraph} from '../../src/asl/workloads.js'
import type {Outcome, WorkloadRun} from '../../src/executions/outcomes.js'
import {buildTimeline} from '../../src/executions/timeline.js'
import {createVirtualClock, startExecution} from '../../src/local/engine/index.js'
import {planRecovery, type PlanExecution} from '../../src/recovery/plan.js'
import {seededRandom} from '../../src/local/faults.js'
import {loadPipelineDefinition} from '../../src/asl/pipeline-view.js'
import {getPipeline} from '../../src/config/load.js'
import {shipped} from '../helpers/pipelines.js'

const saturday = loadPipelineDefinition(shipped, getPipeline(shipped, 'saturday')).definition
const workloads = deriveWorkloadsFromGraph(buildGraph(saturday))
const OUTCOMES: Outcome[] = ['completed', 'completed', 'completed', 'failed', 'degraded', 'not-run', 'skipped']

function execution(arn: string, runs: WorkloadRun[], definition: StateMachineDefinition = saturday, status = 'FAILED'): PlanExecution {
  const timeline = buildTimeline(definition, [])
  return {executionArn: arn, status, input: {}, definition, timeline: {...timeline, workloads: runs}}
}

const ctx = (lineage: PlanExecution[], over: Partial<Parameters<typeof planRecovery>[0]> = {}) =>
  planRecovery({
    pipeline: 'saturday',
    lineage,
    runDate: {runDate: '2026-11-21', source: 'input', detail: 'test'},
    runDateField: 'run_date',
    evidence: [],
    rerun: [],
    strategy: 'auto',
    nameTemplate: 'recover-{run_date}-{attempt}',
    extraInput: {},
    requestId: 'r',
    ...over,
  })

describe('the planner over random lineages', () => {
  it('never skips a failed or degraded workload, and every plan verifies on the definition', () => {
    const random = seededRandom(20261122)
    for (let i = 0; i < 400; i++) {
      // Given one to three executions with random outcomes per workload
      const lineage = Array.from({length: 1 + Math.floor(random() * 3)}, (_, n) =>
        execution(
          `arn:x:${n}`,
          workloads.map((w) => ({workload: w.name, gate: w.gate, flag: w.flag, outcome: OUTCOMES[Math.floor(random() * OUTCOMES.length)]!, attempts: 1, caught: [], durationMs: 60_000})),
        ),
      )
      // When the plan is made
      const plan = ctx(lineage)
      // Then whatever last failed or degraded runs, its gate flag is not set, and the walk proves it
      for (const w of plan.workloads) {
        if (w.outcome === 'failed' || w.outcome === 'degraded') {
          expect(w.decision, `${w.name} in case ${i}`).toBe('run')
          expect(plan.skipFlags[w.flag]).toBeUndefined()
        }
      }
      expect(plan.verification.errors, `case ${i}`).toEqual([])
      // and no emitted flag bypasses a workload that must run
      for (const gate of Object.keys(plan.skipFlags)) {
        const outer = workloads.find((w) => w.flag === gate)!
        const bypassed = workloads.filter((w) => w.name === outer.name || outer.states.includes(w.gate))
        for (const b of bypassed) expect(plan.workloads.find((p) => p.name === b.name)!.decision).toBe('skip')
      }
    }
  })
})

describe('rerun or redrive', () => {
  // Outer holds Inner; Inner's task fails uncaught, so a redrive restarts Inner alone, while a rerun
  // has to run Outer again: no flag skips Outer without skipping Inner.
  const nested = (catchToFail: boolean): StateMachineDefinition => ({
    StartAt: 'CheckSkipOuter',
    States: {
      CheckSkipOuter: {Type: 'Choice', Choices: [{Variable: '$.skip_outer', BooleanEquals: true, Next: 'Done'}], Default: 'Outer'},
      Outer: {Type: 'Pass', Next: 'CheckSkipInner'},
      CheckSkipInner: {Type: 'Choice', Choices: [{Variable: '$.skip_inner', BooleanEquals: true, Next: 'Done'}], Default: 'Inner'},
      Inner: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 60, Next: 'Done', ...(catchToFail ? {Catch: [{ErrorEquals: ['States.ALL'], Next: 'Failed'}]} : {})},
      // Only present when a Catch leads to it: an unreachable state is an invalid definition.
      ...(catchToFail ? {Failed: {Type: 'Fail' as const, Error: 'PipelineFailed'}} : {}),
      Done: {Type: 'Succeed'},
    },
  })
  const run = async (definition: StateMachineDefinition): Promise<PlanExecution> => {
    const e = startExecution({
      definition,
      input: {skip_outer: false, skip_inner: false},
      clock: createVirtualClock({timeScale: 0}),
      integrations: {resolve: () => async () => {
        throw new StatesError('Boom', 'inner failed')
      }},
    })
    const result = await e.done
    if (result.error === 'States.Runtime') throw new Error(`invalid test definition: ${result.cause}`)
    return {executionArn: e.executionArn, status: result.status, input: e.input, definition, timeline: buildTimeline(definition, e.events), redriveStatus: 'REDRIVABLE'}
  }

  it('offers redrive when the failure was not caught and redrive re-runs strictly less', async () => {
    const source = await run(nested(false))
    const plan = ctx([source], {liveDefinition: source.definition})
    expect(plan.unavoidable.map((u) => u.workload)).toEqual(['Outer'])
    expect(plan.redrive).toMatchObject({eligible: true, reruns: ['Inner']})
    expect(plan.strategy).toBe('redrive')
    expect(ctx([source], {liveDefinition: source.definition, strategy: 'rerun'}).strategy).toBe('rerun')
  })

  it('never offers redrive when the failure went through a Catch into a Fail state', async () => {
    const source = await run(nested(true))
    const plan = ctx([source], {liveDefinition: source.definition})
    expect(plan.redrive.eligible).toBe(false)
    expect(plan.redrive.reason).toMatch(/Fail state Failed/)
    expect(plan.strategy).toBe('rerun')
    const forced = ctx([source], {liveDefinition: source.definition, strategy: 'redrive'})
    expect(forced.blocked.map((b) => b.code)).toContain('NOT_REDRIVABLE')
  })
})
