// "Downstream on the data path": the workloads a re-run workload feeds. Flow continues inside the
// workload's scope, into every scope nested in a state it reaches, and, at the end of a Parallel
// branch, after the join; it never crosses into a sibling branch, because Parallel branches are
// data-independent (Research vs PredictorTraining).
import type {StateGraph} from '../asl/graph.js'
import type {Workload} from '../asl/workloads.js'

export function statesDownstreamOf(graph: StateGraph, workload: Workload): Set<string> {
  const out = new Set<string>()
  /** Walks a scope from `from`; true when the walk reached one of its end states. */
  const walk = (scopeId: string, from: string[]): boolean => {
    const scope = graph.scopes.get(scopeId)
    if (!scope) return false
    const queue = [...from]
    let reachedEnd = false
    while (queue.length > 0) {
      const node = scope.states.get(queue.shift()!)
      if (!node || out.has(node.name)) continue
      out.add(node.name)
      for (const child of node.childScopes) {
        const start = graph.scopes.get(child)?.startAt
        if (start) walk(child, [start])
      }
      if (node.end) reachedEnd = true
      for (const edge of node.edges) queue.push(edge.to)
    }
    return reachedEnd
  }
  // From the run entry: a workload's own later states feed its nested workloads (Backtester -> Parity).
  let scopeId = workload.scope
  let from = [workload.runEntry]
  while (walk(scopeId, from)) {
    // The end of a branch is the join: continue after the enclosing Parallel/Map, not in its other branches.
    const parent = graph.scopes.get(scopeId)?.parent
    const holder = parent ? graph.scopes.get(parent.scope)?.states.get(parent.state) : undefined
    if (!parent || !holder) break
    scopeId = parent.scope
    from = holder.edges.map((e) => e.to)
  }
  return out
}

/** Workloads whose gate lies downstream of any of the given workloads (the given ones excluded). */
export function workloadsDownstream(graph: StateGraph, all: readonly Workload[], of: readonly Workload[]): Set<string> {
  const states = new Set<string>()
  for (const w of of) for (const s of statesDownstreamOf(graph, w)) states.add(s)
  const given = new Set(of.map((w) => w.name))
  return new Set(all.filter((w) => states.has(w.gate) && !given.has(w.name)).map((w) => w.name))
}
