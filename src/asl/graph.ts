// The state graph of a definition: every scope (the top level, each Parallel branch, each Map's
// item processor), every state with its typed out-edges, and the lookups the workload derivation,
// the lint rules and the recovery planner share. Built once in O(states + edges); it tolerates
// malformed input (missing fields, wrong types) because lint must be able to report on it.
import type {Branch, State, StateMachineDefinition} from './types.js'

/** The id of the top-level scope. Nested scopes are `<Parallel>/<i>` and `<Map>/items`. */
export const ROOT_SCOPE = ''

export type EdgeKind = 'next' | 'default' | 'choice' | 'catch'

export interface Edge {
  kind: EdgeKind
  to: string
  /** The index of the Choices rule (kind 'choice') or of the Catch rule (kind 'catch'). */
  index?: number
}

export interface StateNode {
  name: string
  type: string
  scope: string
  state: State
  /** Out-edges in priority order: Next, Choices rules, Default, Catch rules. Targets may be dangling. */
  edges: Edge[]
  /** The state ends its scope: `End: true`, a Succeed or a Fail. */
  end: boolean
  /** Scopes nested in this state: one per Parallel branch, or the Map's item processor. */
  childScopes: string[]
}

export interface Scope {
  id: string
  kind: 'root' | 'branch' | 'items'
  startAt: string | undefined
  /** The Parallel or Map state holding this scope; null for the top level. */
  parent: {scope: string; state: string} | null
  /** States in definition order. */
  states: Map<string, StateNode>
  /** For each state, the states of this scope with an edge to it. */
  predecessors: Map<string, StateNode[]>
  /** Strongly connected components (a loop is one), in pipeline order. */
  components: StateNode[][]
}

export interface StateGraph {
  /** Scopes in definition order, parents before children. */
  scopes: Map<string, Scope>
  /** Every occurrence of a name; more than one only in a definition AWS would reject. */
  byName: Map<string, StateNode[]>
  /**
   * Every state in pipeline order: per scope a topological order from its StartAt (each loop kept
   * together, unreachable states last), with a Parallel's or Map's nested states right after it,
   * branch by branch.
   */
  ordered: StateNode[]
  /** Position of each node in `ordered`. */
  position: Map<StateNode, number>
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function buildGraph(def: StateMachineDefinition): StateGraph {
  const scopes = new Map<string, Scope>()
  const byName = new Map<string, StateNode[]>()
  addScope(def, ROOT_SCOPE, 'root', null, scopes, byName, new Set([ROOT_SCOPE]))
  for (const scope of scopes.values()) {
    indexPredecessors(scope)
    scope.components = components(scope)
  }
  const ordered = pipelineOrder(scopes)
  const position = new Map(ordered.map((node, i) => [node, i]))
  return {scopes, byName, ordered, position}
}

function addScope(
  branch: Branch,
  id: string,
  kind: Scope['kind'],
  parent: Scope['parent'],
  scopes: Map<string, Scope>,
  byName: Map<string, StateNode[]>,
  reservedIds: Set<string>,
): void {
  const raw: unknown = isRecord(branch) ? branch.States : undefined
  const startAt = isRecord(branch) && typeof branch.StartAt === 'string' ? branch.StartAt : undefined
  const scope: Scope = {id, kind, startAt, parent, states: new Map(), predecessors: new Map(), components: []}
  scopes.set(id, scope)
  if (!isRecord(raw)) return
  const nested: Array<() => void> = []
  for (const [name, value] of Object.entries(raw)) {
    const state = (isRecord(value) ? value : {}) as unknown as State
    const node: StateNode = {
      name,
      type: typeof state.Type === 'string' ? state.Type : '',
      scope: id,
      state,
      edges: edgesOf(state),
      end: state.End === true || state.Type === 'Succeed' || state.Type === 'Fail',
      childScopes: [],
    }
    scope.states.set(name, node)
    const occurrences = byName.get(name) ?? []
    occurrences.push(node)
    byName.set(name, occurrences)
    // Children are added after the whole scope so scope ids of siblings come out in order.
    for (const [childId, childKind, child] of childBranches(node, reservedIds)) {
      node.childScopes.push(childId)
      nested.push(() => addScope(child, childId, childKind, {scope: id, state: name}, scopes, byName, reservedIds))
    }
  }
  for (const add of nested) add()
}

// Scope ids are reserved when computed, so a name repeated in another scope (an error lint reports)
// still gets a scope id of its own.
function childBranches(node: StateNode, reservedIds: Set<string>): Array<[string, Scope['kind'], Branch]> {
  const unique = (id: string) => {
    let candidate = id
    for (let n = 2; reservedIds.has(candidate); n++) candidate = `${id}#${n}`
    reservedIds.add(candidate)
    return candidate
  }
  const s = node.state as unknown as Record<string, unknown>
  if (node.type === 'Parallel' && Array.isArray(s.Branches)) {
    return s.Branches.map((b, i) => [unique(`${node.name}/${i}`), 'branch', b as Branch])
  }
  if (node.type === 'Map') {
    const processor = s.ItemProcessor ?? s.Iterator
    if (isRecord(processor)) return [[unique(`${node.name}/items`), 'items', processor as unknown as Branch]]
  }
  return []
}

function edgesOf(state: State): Edge[] {
  const s = state as unknown as Record<string, unknown>
  const edges: Edge[] = []
  if (typeof s.Next === 'string') edges.push({kind: 'next', to: s.Next})
  if (s.Type === 'Choice' && Array.isArray(s.Choices)) {
    s.Choices.forEach((rule, index) => {
      if (isRecord(rule) && typeof rule.Next === 'string') edges.push({kind: 'choice', to: rule.Next, index})
    })
  }
  if (s.Type === 'Choice' && typeof s.Default === 'string') edges.push({kind: 'default', to: s.Default})
  if (Array.isArray(s.Catch)) {
    s.Catch.forEach((rule, index) => {
      if (isRecord(rule) && typeof rule.Next === 'string') edges.push({kind: 'catch', to: rule.Next, index})
    })
  }
  return edges
}

function indexPredecessors(scope: Scope): void {
  for (const name of scope.states.keys()) scope.predecessors.set(name, [])
  for (const node of scope.states.values()) {
    const seen = new Set<string>()
    for (const edge of node.edges) {
      const preds = scope.predecessors.get(edge.to)
      if (preds && !seen.has(edge.to)) preds.push(node)
      seen.add(edge.to)
    }
  }
}

/** The states of the same scope that `node` can transition to, each once, in edge order. */
export function successors(graph: StateGraph, node: StateNode): StateNode[] {
  const scope = graph.scopes.get(node.scope)
  const out: StateNode[] = []
  for (const edge of node.edges) {
    const target = scope?.states.get(edge.to)
    if (target && !out.includes(target)) out.push(target)
  }
  return out
}

/** The states of the same scope that can transition to `node`. */
export function predecessors(graph: StateGraph, node: StateNode): StateNode[] {
  return graph.scopes.get(node.scope)?.predecessors.get(node.name) ?? []
}

export function stateIn(graph: StateGraph, scope: string, name: string): StateNode | undefined {
  return graph.scopes.get(scope)?.states.get(name)
}

export interface ReachOptions {
  /** Walk edges backwards (who can reach `from`). */
  reverse?: boolean
  /** States never entered. */
  avoid?: ReadonlySet<string>
  /** States entered but not walked through. */
  stopAt?: ReadonlySet<string>
}

/** Names of the states reachable from `from` within its scope, `from` included (BFS). */
export function reachable(graph: StateGraph, scope: string, from: string | string[], options: ReachOptions = {}): Set<string> {
  const s = graph.scopes.get(scope)
  const seen = new Set<string>()
  if (!s) return seen
  const queue: StateNode[] = []
  for (const name of Array.isArray(from) ? from : [from]) {
    const node = s.states.get(name)
    if (node && !options.avoid?.has(name) && !seen.has(name)) {
      seen.add(name)
      queue.push(node)
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as StateNode
    if (options.stopAt?.has(node.name)) continue
    const next = options.reverse ? predecessors(graph, node) : successors(graph, node)
    for (const n of next) {
      if (seen.has(n.name) || options.avoid?.has(n.name)) continue
      seen.add(n.name)
      queue.push(n)
    }
  }
  return seen
}

/** Every state nested (at any depth) inside a Parallel's branches or a Map's item processor. */
export function descendants(graph: StateGraph, node: StateNode): StateNode[] {
  const out: StateNode[] = []
  const pending = [...node.childScopes]
  while (pending.length > 0) {
    const scope = graph.scopes.get(pending.shift() as string)
    for (const child of scope?.states.values() ?? []) {
      out.push(child)
      pending.push(...child.childScopes)
    }
  }
  return out
}

/** The Parallel/Map states enclosing a scope, innermost first. */
export function enclosingStates(graph: StateGraph, scope: string): StateNode[] {
  const out: StateNode[] = []
  let parent = graph.scopes.get(scope)?.parent
  while (parent) {
    const node = stateIn(graph, parent.scope, parent.state)
    if (!node) break
    out.push(node)
    parent = graph.scopes.get(parent.scope)?.parent
  }
  return out
}

/** Describes a scope for messages: "the top level" or "scope ResearchPredictorParallel/0". */
export const describeScope = (scope: string): string => (scope === ROOT_SCOPE ? 'the top level' : `scope ${scope}`)

function pipelineOrder(scopes: Map<string, Scope>): StateNode[] {
  const perScope = new Map<string, StateNode[]>()
  for (const scope of scopes.values()) perScope.set(scope.id, scope.components.flat())
  const out: StateNode[] = []
  const emit = (scopeId: string) => {
    for (const node of perScope.get(scopeId) ?? []) {
      out.push(node)
      for (const child of node.childScopes) emit(child)
    }
  }
  emit(ROOT_SCOPE)
  return out
}

// Tarjan's strongly connected components from StartAt, then from each state left over (definition
// order). Tarjan emits components in reverse topological order; reversed, they give a topological
// order of the graph with every loop kept together, its members in discovery order. Edges are
// explored last-priority first, so a Task's Next lands before its Catch targets and a status
// Choice's Success path after its poll loop.
function components(scope: Scope): StateNode[][] {
  const index = new Map<StateNode, number>()
  const low = new Map<StateNode, number>()
  const stack: StateNode[] = []
  const onStack = new Set<StateNode>()
  const out: StateNode[][] = []
  let counter = 0
  const targetsOf = (node: StateNode) =>
    node.edges
      .map((e) => scope.states.get(e.to))
      .filter((n): n is StateNode => n !== undefined)
      .reverse()
  const visit = (v: StateNode) => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    return {v, targets: targetsOf(v), i: 0}
  }
  const start = scope.startAt === undefined ? undefined : scope.states.get(scope.startAt)
  for (const root of [...(start ? [start] : []), ...scope.states.values()]) {
    if (index.has(root)) continue
    const emitted: StateNode[][] = []
    const frames = [visit(root)]
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as ReturnType<typeof visit>
      const w = frame.targets[frame.i++]
      if (w !== undefined) {
        if (!index.has(w)) frames.push(visit(w))
        else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v) as number, index.get(w) as number))
        continue
      }
      frames.pop()
      const parent = frames[frames.length - 1]
      if (parent) low.set(parent.v, Math.min(low.get(parent.v) as number, low.get(frame.v) as number))
      if (low.get(frame.v) !== index.get(frame.v)) continue
      const component: StateNode[] = []
      let member: StateNode | undefined
      do {
        member = stack.pop() as StateNode
        onStack.delete(member)
        component.push(member)
      } while (member !== frame.v)
      emitted.push(component.reverse())
    }
    out.push(...emitted.reverse())
  }
  return out
}

/** The loops of a scope: its strongly connected components that hold a cycle, in pipeline order. */
export function loopsIn(graph: StateGraph, scope: string): StateNode[][] {
  const s = graph.scopes.get(scope)
  if (!s) return []
  return s.components.filter((c) => c.length > 1 || (c[0] as StateNode).edges.some((e) => e.to === (c[0] as StateNode).name))
}
