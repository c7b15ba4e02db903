// (definition, history events) -> timeline: the one reading of an execution that `ae executions
// show`, `watch` and the recovery planner share.
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import {buildGraph, type StateGraph} from '../asl/graph.js'
import type {StateMachineDefinition} from '../asl/types.js'
import {deriveWorkloadsFromGraph, type Workload} from '../asl/workloads.js'
import {branchOutcomes, type BranchOutcome} from './branches.js'
import {attributeExit} from './failure-point.js'
import {failureContext, workloadRuns, type FailureContext, type StateError, type WorkloadRun} from './outcomes.js'
import {buildVisits, wasCaught, type StateVisit, type VisitLog} from './visits.js'

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
  const failures = failureContext(log, graph)
  const runs = workloadRuns(log, derived, failures)
  const {startedAt, stoppedAt} = log.execution
  return {
    status: log.execution.status,
    startedAt,
    stoppedAt,
    ...(startedAt && stoppedAt ? {durationMs: stoppedAt.getTime() - startedAt.getTime()} : {}),
    redrives: log.execution.redrives,
    failure: rootFailure(log, failures),
    workloads: runs,
    branches: branchOutcomes(log, graph),
    log,
    graph,
    derived,
  }
}

/**
 * The error an operator needs is the first hard failure: the state whose error the failure
 * handling then carried to HandleFailure and the Fail state, not the Catch target or the Fail
 * state after it. Failures a fail-soft Catch absorbed (the run went on) are not it.
 */
function rootFailure(log: VisitLog, failures: FailureContext): StateError | undefined {
  if (log.execution.status === 'SUCCEEDED' || log.execution.status === 'RUNNING') return undefined
  const {graph} = failures
  const position = (v: StateVisit) => {
    const node = graph.byName.get(v.name)?.[0]
    return node ? (graph.position.get(node) ?? Infinity) : Infinity
  }
  // Pipeline order: with two failures (one per Parallel branch) the first workload's is reported,
  // and a branch's own failure comes before the join's Choice that sees the branch recorded FAILED.
  const exits = failures.exits.filter((e) => e.exit.run === log.execution.redrives)
  exits.sort((a, b) => position(a.exit) - position(b.exit) || a.exit.enteredId - b.exit.enteredId)
  if (exits[0]) return attributeExit(graph, log, exits[0])
  // An uncaught error ends the run directly: the innermost failed state (a Task before the Parallel it fails).
  const uncaught = log.visits.filter((v) => v.failure && !wasCaught(v) && v.run === log.execution.redrives)
  const hard = uncaught.find((v) => v.type !== 'Parallel' && v.type !== 'Map') ?? uncaught[0]
  if (hard?.failure) return {state: hard.name, error: hard.failure.error, cause: hard.failure.cause}
  // Timed out or aborted: where it was when it stopped.
  const open = [...log.visits].reverse().find((v) => v.exitedId === undefined && v.run === log.execution.redrives)
  const failState = [...log.visits].reverse().find((v) => v.type === 'Fail')
  return log.execution.failure ? {state: open?.name ?? failState?.name ?? '', ...log.execution.failure} : undefined
}
