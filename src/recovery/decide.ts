// The skip-set: a gate may be skipped only if every workload it bypasses completed in the lineage,
// is not degraded, is not contradicted by evidence, and is not downstream of a workload that runs.
// Of nested skippable gates the outermost is kept. Completed work that no flag can skip alone is
// "unavoidable" and said so.
import type {StateGraph} from '../asl/graph.js'
import type {Workload} from '../asl/workloads.js'
import {workloadsDownstream} from './downstream.js'
import type {WorkloadEvidence} from './evidence.js'
import type {LineageOutcome} from './lineage-outcomes.js'

export interface Decision {
  workload: string
  decision: 'skip' | 'run'
  reason: string
  /** Must run on its own account (failed, degraded, contradicted, forced), not just because it never ran. */
  mustRun: boolean
}

export interface Decisions {
  byWorkload: Map<string, Decision>
  /** Gates whose flags the recovery sets: the outermost skippable ones. */
  skipGates: Workload[]
  unavoidable: Array<{workload: string; reason: string}>
}

const short = (arn: string | undefined) => arn?.split(':').pop() ?? 'the lineage'

export function decide(graph: StateGraph, workloads: readonly Workload[], outcomes: Map<string, LineageOutcome>, evidence: Map<string, WorkloadEvidence>, forced: ReadonlySet<string>): Decisions {
  const byName = new Map(workloads.map((w) => [w.name, w]))
  const ownReason = new Map<string, string>()
  const completed = new Map<string, string>()

  for (const w of workloads) {
    const o = outcomes.get(w.name)
    const verdict = evidence.get(w.name)?.verdict ?? 'none'
    const outcome = o?.outcome ?? 'not-run'
    const failure = o?.failure ? `${o.failure.state}: ${o.failure.error}` : ''
    if (forced.has(w.name)) ownReason.set(w.name, 'forced by --rerun')
    else if (outcome === 'degraded') ownReason.set(w.name, `degraded in ${short(o?.decidedBy)}: ${failure} was caught and the run went on; it must run again`)
    else if (outcome === 'failed' && verdict === 'rescue') completed.set(w.name, `rescued: failed in ${short(o?.decidedBy)} after its completion keys were written`)
    else if (outcome === 'failed') ownReason.set(w.name, `failed in ${short(o?.decidedBy)}${failure ? ` (${failure})` : ''}`)
    else if (outcome === 'completed' && verdict === 'contradict') ownReason.set(w.name, `history says completed in ${short(o?.decidedBy)}, but its completion keys are missing`)
    else if (outcome === 'completed') completed.set(w.name, `completed in ${short(o?.decidedBy)}${verdict === 'confirm' ? ', confirmed by its resume keys' : ''}`)
    else if (outcome === 'running') ownReason.set(w.name, `still running in ${short(o?.decidedBy)}`)
  }

  // Anything that runs now feeds what comes after it on the data path, so that re-runs too.
  const runs = workloads.filter((w) => !completed.has(w.name))
  const downstream = workloadsDownstream(graph, workloads, runs)
  const origin = (name: string) => runs.find((r) => workloadsDownstream(graph, workloads, [r]).has(name))?.name ?? 'an earlier workload'

  const descendants = (w: Workload): Workload[] => workloads.filter((c) => c.name !== w.name && isInside(c, w, byName))
  const reusable = (name: string) => completed.has(name) && !downstream.has(name)
  const skippable = (w: Workload) => reusable(w.name) && descendants(w).every((c) => reusable(c.name))

  const byWorkload = new Map<string, Decision>()
  const skipGates = workloads.filter((w) => skippable(w) && !ancestors(w, byName).some(skippable))
  const skippedBy = new Map<string, string>()
  for (const g of skipGates) for (const c of [g, ...descendants(g)]) skippedBy.set(c.name, g.name)

  const unavoidable: Decisions['unavoidable'] = []
  for (const w of workloads) {
    const outer = skippedBy.get(w.name)
    if (outer) {
      byWorkload.set(w.name, {workload: w.name, decision: 'skip', mustRun: false, reason: outer === w.name ? completed.get(w.name)! : `${completed.get(w.name)}; skipped with ${outer}`})
      continue
    }
    const own = ownReason.get(w.name)
    if (own) {
      byWorkload.set(w.name, {workload: w.name, decision: 'run', mustRun: true, reason: own})
    } else if (completed.has(w.name) && downstream.has(w.name)) {
      byWorkload.set(w.name, {workload: w.name, decision: 'run', mustRun: false, reason: `${completed.get(w.name)}, but it is downstream of ${origin(w.name)}, which runs`})
    } else if (completed.has(w.name)) {
      const blocker = descendants(w).find((c) => !reusable(c.name))
      const reason = `no flag skips ${w.name} without also skipping ${blocker?.name ?? 'a nested workload'}, which must run`
      unavoidable.push({workload: w.name, reason})
      byWorkload.set(w.name, {workload: w.name, decision: 'run', mustRun: false, reason: `unavoidable: ${reason}`})
    } else {
      byWorkload.set(w.name, {workload: w.name, decision: 'run', mustRun: false, reason: 'did not complete in the lineage'})
    }
  }
  return {byWorkload, skipGates, unavoidable}
}

/** Whether workload c is nested in w (w's states hold c's gate). */
function isInside(c: Workload, w: Workload, byName: Map<string, Workload>): boolean {
  let p = c.parent
  while (p) {
    if (p === w.name) return true
    p = byName.get(p)?.parent ?? null
  }
  return false
}

function ancestors(w: Workload, byName: Map<string, Workload>): Workload[] {
  const out: Workload[] = []
  let p = w.parent ? byName.get(w.parent) : undefined
  while (p) {
    out.push(p)
    p = p.parent ? byName.get(p.parent) : undefined
  }
  return out
}
