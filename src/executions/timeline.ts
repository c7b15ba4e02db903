// (definition, history events) -> timeline: the one reading of an execution that `ae executions
// show`, `watch` and the recovery planner share.
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import {buildGraph, type StateGraph} from '../asl/graph.js'
import type {StateMachineDefinition} from '../asl/types.js'
import {deriveWorkloadsFromGraph, type Workload} from '../asl/workloads.js'
import {branchOutcomes, type BranchOutcome} from './branches.js'
import {workloadRuns, type StateError, type WorkloadRun} from './outcomes.js'
import {buildVisits, wasCaught, type VisitLog} from './visits.js'

export interface Timeline {
  status: VisitLog['execution']['status']
  startedAt?: Date
  stoppedAt?: Date
  durationMs?: number
  redrives: number
  /** The state that failed (not the Catch target or Fail state after it), for a failed execution. */
  failure?: StateError
  workloads: WorkloadRun[]
  branches: BranchOutcome[]
  log: VisitLog
  graph: StateGraph
  derived: Workload[]
}

export function buildTimeline(definition: StateMachineDefinition, events: readonly HistoryEvent[]): Timeline {
  const graph = buildGraph(definition)
  const derived = deriveWorkloadsFromGraph(graph)
  const log = buildVisits(events)
  const runs = workloadRuns(log, derived)
  const {startedAt, stoppedAt} = log.execution
  return {
    status: log.execution.status,
    startedAt,
    stoppedAt,
    ...(startedAt && stoppedAt ? {durationMs: stoppedAt.getTime() - startedAt.getTime()} : {}),
    redrives: log.execution.redrives,
    failure: rootFailure(log, runs),
    workloads: runs,
    branches: branchOutcomes(log, graph),
    log,
    graph,
    derived,
  }
}

/**
 * The error an operator needs is the first hard failure: the state whose error the failure
 * handling then carried to HandleFailure and the Fail state. Failures a Catch absorbed inside a
 * workload that still completed (degraded) are not it.
 */
function rootFailure(log: VisitLog, runs: WorkloadRun[]): StateError | undefined {
  if (log.execution.status === 'SUCCEEDED' || log.execution.status === 'RUNNING') return undefined
  // Pipeline order: with two failures (one per Parallel branch) the first workload's is reported first.
  const earliest = runs.find((r) => r.outcome === 'failed' && r.failure && r.failure.error !== '')
  const absorbed = new Set(runs.filter((r) => r.outcome === 'degraded').flatMap((r) => r.caught.map((c) => c.state)))
  const hard = log.visits.find((v) => v.failure && !absorbed.has(v.name) && (wasCaught(v) || v.run === log.execution.redrives))
  if (earliest?.failure) return earliest.failure
  if (hard?.failure) return {state: hard.name, error: hard.failure.error, cause: hard.failure.cause}
  const failState = [...log.visits].reverse().find((v) => v.type === 'Fail')
  return log.execution.failure ? {state: failState?.name ?? '', ...log.execution.failure} : undefined
}
