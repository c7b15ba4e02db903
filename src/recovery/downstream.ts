// "Downstream on the data path": the workloads a re-run workload feeds. Flow continues inside the
// workload's scope and, at the end of a Parallel branch, after the join; it never crosses into a
// sibling branch, because Parallel branches are data-independent (Research vs PredictorTraining).
import {type StateGraph} from '../asl/graph.js'
import type {Workload} from '../asl/workloads.js'

export function statesDownstreamOf(graph: StateGraph, workload: Workload): Set<string> {
  const out = new Set<string>()
  const visitScope = (scopeId: string, from: string[]) => {
    const scope = graph.scopes.get(scopeId)
    if (!scope) return
    const queue = [...from]
    let reachedEnd = false
    while (queue.length > 0) {
      const name = queue.shift()!
      if (out.has(name)) continue
      const node = scope.states.get(name)
      if (!node) continue
      out.add(name)
      for (const child of node.childScopes) {
        const start = graph.scopes.get(child)?.startAt
        if (start) enterChild(child, start)
      }
      if (node.end) reachedEnd = true
      for (const edge of node.edges) queue.push(edge.to)
    }
    if (reachedEnd && scope.parent) {
      const parent = graph.scopes.get(scope.parent.scope)?.states.get(scope.parent.state)
      // The join: what follows the enclosing Parallel/Map, not its other branches.
      if (parent) visitScope(parent.scope, parent.edges.map((e) => e.to))
    }
  }
  const enterChild = (scopeId: string, start: string) => {
    const scope = graph.scopes.get(scopeId)
    if (!scope) return
    const queue = [start]
    while (queue.length > 0) {
      const name = queue.shift()!
      if (out.has(name)) continue
      const node = scope.states.get(name)
      if (!node) continue
      out.add(name)
      for (const child of node.childScopes) {
        const s = graph.scopes.get(child)?.startAt
        if (s) enterChild(child, s)
      }
      for (const edge of node.edges) queue.push(edge.to)
    }
  }
  // From the run entry: a workload's own later states feed its nested workloads (Backtester -> Parity).
  visitScope(workload.scope, [workload.runEntry])
  return out
}

/** Workloads whose gate lies downstream of any of the given workloads (the given ones excluded). */
export function workloadsDownstream(graph: StateGraph, all: readonly Workload[], of: readonly Workload[]): Set<string> {
  const states = new Set<string>()
  for (const w of of) for (const s of statesDownstreamOf(graph, w)) states.add(s)
  const given = new Set(of.map((w) => w.name))
  return new Set(all.filter((w) => states.has(w.gate) && !given.has(w.name)).map((w) => w.name))
}
