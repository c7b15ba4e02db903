// Per workload, what happened to it in one execution (DESIGN.md "Outcome"). Pure: visits and the
// derived workloads in, outcomes out; `ae executions show` and the recovery planner share it.
import type {StateGraph} from '../asl/graph.js'
import type {Workload} from '../asl/workloads.js'
import {attributeExit, failureExits, failureHandlingStates, type FailureExit} from './failure-point.js'
import {wasCaught, type StateVisit, type VisitLog} from './visits.js'

export type Outcome = 'completed' | 'degraded' | 'failed' | 'skipped' | 'not-run' | 'running'

export interface StateError {
  state: string
  error: string
  cause: string
}

export interface WorkloadRun {
  workload: string
  gate: string
  flag: string
  outcome: Outcome
  startedAt?: Date
  endedAt?: Date
  durationMs?: number
  /** Task attempts of the run entry (Retry included); 0 when it never ran. */
  attempts: number
  /** For failed and degraded: the state whose error it was, not the Catch target after it. */
  failure?: StateError
  /** Failures a Catch absorbed inside the workload (what makes it degraded). */
  caught: StateError[]
}

/** The definition's graph and the run's steps into failure handling: where a failed workload's failure is read. */
export interface FailureContext {
  graph: StateGraph
  exits: FailureExit[]
}

export const failureContext = (log: VisitLog, graph: StateGraph): FailureContext => ({graph, exits: failureExits(log, failureHandlingStates(graph))})

const visitsOf = (log: VisitLog, name: string): StateVisit[] => log.byName.get(name) ?? []
const errorOf = (v: StateVisit): StateError => ({state: v.name, error: v.failure?.error ?? '', cause: v.failure?.cause ?? ''})

/**
 * A workload that holds nested ones (Backtester holds Parity) is judged on its own states: its
 * part is done when the run reaches its skip target or the gate of a nested workload. Otherwise a
 * failed Parity would make the finished two-hour backtest read as failed, and the planner could
 * not tell work that must run again from work that no flag can skip alone.
 */
export function workloadRun(log: VisitLog, w: Workload, nested: readonly Workload[] = [], failures?: FailureContext): WorkloadRun {
  const base = {workload: w.name, gate: w.gate, flag: w.flag, caught: [] as StateError[]}
  const gates = visitsOf(log, w.gate)
  const entries = visitsOf(log, w.runEntry)
  if (entries.length === 0) {
    const skipped = gates.some((g) => g.next.some((n) => n.name === w.skipTarget)) || (gates.length > 0 && gates.every((g) => g.exitedId !== undefined) && visitsOf(log, w.skipTarget).length > 0)
    return {...base, outcome: skipped ? 'skipped' : 'not-run', attempts: 0}
  }
  const startedAt = entries[0]!.enteredAt
  const exits = [w.skipTarget, ...nested.map((n) => n.gate)].flatMap((name) => visitsOf(log, name)).filter((v) => v.enteredAt >= startedAt)
  exits.sort((a, b) => a.enteredAt.getTime() - b.enteredAt.getTime())
  const nestedStates = new Set(nested.flatMap((n) => [n.gate, ...n.states]))
  const members = new Set(w.states.filter((s) => !nestedStates.has(s)))
  const inside = log.visits.filter((v) => members.has(v.name) && v.enteredAt >= startedAt)
  const attempts = entries.reduce((n, v) => n + v.attempts, 0)
  // Every pass through the gate into the workload (a Map passes once per item) must be matched by
  // leaving the workload's own part. A loop inside the workload that goes back to the run entry
  // re-enters it from inside, not through the gate: that is still the same pass.
  const passes = Math.max(1, entries.filter((v) => !v.from || v.from.name === w.gate).length)
  const completed = exits.length >= passes
  if (completed) {
    const caught = inside.filter(wasCaught).map(errorOf)
    const endedAt = exits[passes - 1]!.enteredAt
    return {...base, outcome: caught.length > 0 ? 'degraded' : 'completed', startedAt, endedAt, durationMs: endedAt.getTime() - startedAt.getTime(), attempts, caught, ...(caught[0] ? {failure: caught[0]} : {})}
  }
  const failedVisit = [...inside].reverse().find((v) => v.failure !== undefined)
  const terminal = log.execution.status !== 'RUNNING'
  const endedAt = inside.reduce((m, v) => (v.lastEventAt > m ? v.lastEventAt : m), startedAt)
  // Where the workload last stepped into failure handling (after a redrive, the latest run's):
  // a caught Task error, or a Choice that judged a result bad.
  const exit = [...(failures?.exits ?? [])].reverse().find((e) => members.has(e.exit.name) && e.exit.enteredAt >= startedAt)
  const outcome: Outcome = exit || failedVisit || terminal || inside.some((v) => v.aborted) ? 'failed' : 'running'
  const failure: StateError | undefined = exit && failures
    ? attributeExit(failures.graph, log, exit)
    : failedVisit
      ? errorOf(failedVisit)
      : outcome === 'failed'
        ? {state: inside.at(-1)?.name ?? w.runEntry, error: log.execution.failure?.error ?? log.execution.status, cause: log.execution.failure?.cause ?? ''}
        : undefined
  return {...base, outcome, startedAt, endedAt, durationMs: endedAt.getTime() - startedAt.getTime(), attempts, caught: inside.filter(wasCaught).map(errorOf), ...(failure ? {failure} : {})}
}

/**
 * Every workload's run. A workload nested in a skipped one was skipped with it (skip_backtester
 * skips Parity too), although its own gate was never reached.
 */
export function workloadRuns(log: VisitLog, workloads: readonly Workload[], failures?: FailureContext): WorkloadRun[] {
  const runs = workloads.map((w) => workloadRun(log, w, workloads.filter((c) => c.parent === w.name), failures))
  const byName = new Map(runs.map((r) => [r.workload, r]))
  const parentOf = new Map(workloads.map((w) => [w.name, w.parent]))
  for (const r of runs) {
    if (r.outcome !== 'not-run') continue
    for (let p = parentOf.get(r.workload); p; p = parentOf.get(p)) {
      if (byName.get(p)?.outcome !== 'skipped') continue
      r.outcome = 'skipped'
      break
    }
  }
  return runs
}
