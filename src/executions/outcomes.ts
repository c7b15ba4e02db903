// Per workload, what happened to it in one execution (DESIGN.md "Outcome"). Pure: visits and the
// derived workloads in, outcomes out; `ae executions show` and the recovery planner share it.
import type {Workload} from '../asl/workloads.js'
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

const visitsOf = (log: VisitLog, name: string): StateVisit[] => log.byName.get(name) ?? []
const errorOf = (v: StateVisit): StateError => ({state: v.name, error: v.failure?.error ?? '', cause: v.failure?.cause ?? ''})

export function workloadRun(log: VisitLog, w: Workload): WorkloadRun {
  const base = {workload: w.name, gate: w.gate, flag: w.flag, caught: [] as StateError[]}
  const gates = visitsOf(log, w.gate)
  const entries = visitsOf(log, w.runEntry)
  if (entries.length === 0) {
    const skipped = gates.some((g) => g.next.some((n) => n.name === w.skipTarget)) || (gates.length > 0 && gates.every((g) => g.exitedId !== undefined) && visitsOf(log, w.skipTarget).length > 0)
    return {...base, outcome: skipped ? 'skipped' : 'not-run', attempts: 0}
  }
  const startedAt = entries[0]!.enteredAt
  const targets = visitsOf(log, w.skipTarget).filter((t) => t.enteredAt >= startedAt)
  const members = new Set(w.states)
  const inside = log.visits.filter((v) => members.has(v.name) && v.enteredAt >= startedAt)
  const attempts = entries.reduce((n, v) => n + v.attempts, 0)
  // Every entry (a Map runs it once per item) must be matched by reaching the skip target.
  const completed = targets.length >= entries.length
  if (completed) {
    const caught = inside.filter(wasCaught).map(errorOf)
    const endedAt = targets.at(-1)!.enteredAt
    return {...base, outcome: caught.length > 0 ? 'degraded' : 'completed', startedAt, endedAt, durationMs: endedAt.getTime() - startedAt.getTime(), attempts, caught, ...(caught[0] ? {failure: caught[0]} : {})}
  }
  const failedVisit = [...inside].reverse().find((v) => v.failure !== undefined)
  const terminal = log.execution.status !== 'RUNNING'
  const endedAt = inside.reduce((m, v) => (v.lastEventAt > m ? v.lastEventAt : m), startedAt)
  const outcome: Outcome = failedVisit || terminal || inside.some((v) => v.aborted) ? 'failed' : 'running'
  const failure: StateError | undefined = failedVisit
    ? errorOf(failedVisit)
    : outcome === 'failed'
      ? {state: inside.at(-1)?.name ?? w.runEntry, error: log.execution.failure?.error ?? log.execution.status, cause: log.execution.failure?.cause ?? ''}
      : undefined
  return {...base, outcome, startedAt, endedAt, durationMs: endedAt.getTime() - startedAt.getTime(), attempts, caught: inside.filter(wasCaught).map(errorOf), ...(failure ? {failure} : {})}
}

export const workloadRuns = (log: VisitLog, workloads: readonly Workload[]): WorkloadRun[] => workloads.map((w) => workloadRun(log, w))
