// A state-by-state diff of two definitions, the way a reviewer reads a pipeline change: which
// states were added, removed or changed (field by field), and which transitions moved. Nested
// states (Parallel branches, Map processors) are states like any other: names are unique across
// a definition, so a state is known by its name wherever it sits. Pure.
import {buildGraph, type EdgeKind, type StateGraph, type StateNode} from '../asl/graph.js'
import type {JsonValue, StateMachineDefinition} from '../asl/types.js'

export interface FieldChange {
  /** `Parameters.Payload["input.$"]`, `Retry[0].MaxAttempts`. */
  path: string
  /** Absent: the field did not exist on that side. */
  before?: JsonValue
  after?: JsonValue
}

export interface StateRef {
  name: string
  type: string
  /** `''` at the top level, `<Parallel>/<i>` or `<Map>/items` inside. */
  scope: string
}

export interface StateChange extends StateRef {
  changes: FieldChange[]
}

export interface EdgeRef {
  from: string
  kind: EdgeKind
  index?: number
  to: string
}

export interface EdgeChange {
  from: string
  kind: EdgeKind
  index?: number
  before: string
  after: string
}

export interface DefinitionDiff {
  /** No live definition: everything is added. */
  created: boolean
  top: FieldChange[]
  states: {added: StateRef[]; removed: StateRef[]; changed: StateChange[]; unchanged: number}
  edges: {added: EdgeRef[]; removed: EdgeRef[]; changed: EdgeChange[]}
  empty: boolean
}

const NESTED = new Set(['Branches', 'ItemProcessor', 'Iterator'])

export function diffDefinitions(before: StateMachineDefinition | undefined, after: StateMachineDefinition): DefinitionDiff {
  const a = before ? buildGraph(before) : undefined
  const b = buildGraph(after)
  const beforeStates = a ? firstByName(a) : new Map<string, StateNode>()
  const afterStates = firstByName(b)
  const added: StateRef[] = []
  const removed: StateRef[] = []
  const changed: StateChange[] = []
  let unchanged = 0
  const edges = diffEdges(beforeStates, afterStates)
  const movedFrom = new Set([...edges.added, ...edges.removed, ...edges.changed].map((e) => e.from))
  for (const [name, node] of afterStates) {
    const old = beforeStates.get(name)
    if (!old) {
      added.push(ref(node))
      continue
    }
    const changes = diffValues(comparable(old), comparable(node), '').filter((c) => !isEdgeField(c.path))
    if (old.scope !== node.scope) changes.unshift({path: '(scope)', before: old.scope, after: node.scope})
    if (changes.length > 0 || movedFrom.has(name)) changed.push({...ref(node), changes})
    else unchanged++
  }
  for (const [name, node] of beforeStates) if (!afterStates.has(name)) removed.push(ref(node))
  const top = before ? diffValues(topLevel(before), topLevel(after), '') : []
  const empty = before !== undefined && top.length === 0 && added.length + removed.length + changed.length === 0
  return {created: before === undefined, top, states: {added, removed, changed, unchanged}, edges, empty}
}

function firstByName(graph: StateGraph): Map<string, StateNode> {
  const out = new Map<string, StateNode>()
  for (const node of graph.ordered) if (!out.has(node.name)) out.set(node.name, node)
  return out
}

const ref = (n: StateNode): StateRef => ({name: n.name, type: n.type, scope: n.scope})

/** A state without its nested states (they are compared on their own); branch headers stay. */
function comparable(node: StateNode): JsonValue {
  const out: Record<string, JsonValue> = {}
  for (const [k, v] of Object.entries(node.state as unknown as Record<string, JsonValue>)) {
    if (!NESTED.has(k)) out[k] = v
    else if (Array.isArray(v)) out[k] = v.map(branchHeader)
    else out[k] = branchHeader(v)
  }
  return out
}

function branchHeader(branch: JsonValue): JsonValue {
  if (!branch || typeof branch !== 'object' || Array.isArray(branch)) return branch
  const {States: _states, ...rest} = branch
  return rest
}

function topLevel(def: StateMachineDefinition): JsonValue {
  const {States: _states, ...rest} = def as unknown as Record<string, JsonValue>
  return rest
}

const EDGE_FIELD = /^(Next|Default|(Choices|Catch)\[\d+\]\.Next)$/
const isEdgeField = (path: string) => EDGE_FIELD.test(path)

const edgeKey = (from: string, kind: EdgeKind, index?: number) => `${from}\u0000${kind}\u0000${index ?? ''}`

function diffEdges(before: Map<string, StateNode>, after: Map<string, StateNode>): DefinitionDiff['edges'] {
  const collect = (states: Map<string, StateNode>) => {
    const m = new Map<string, EdgeRef>()
    for (const node of states.values()) {
      for (const e of node.edges) m.set(edgeKey(node.name, e.kind, e.index), {from: node.name, kind: e.kind, ...(e.index === undefined ? {} : {index: e.index}), to: e.to})
    }
    return m
  }
  const a = collect(before)
  const b = collect(after)
  const added: EdgeRef[] = []
  const removed: EdgeRef[] = []
  const changed: EdgeChange[] = []
  for (const [key, edge] of b) {
    const old = a.get(key)
    if (!old) added.push(edge)
    else if (old.to !== edge.to) changed.push({from: edge.from, kind: edge.kind, ...(edge.index === undefined ? {} : {index: edge.index}), before: old.to, after: edge.to})
  }
  for (const [key, edge] of a) if (!b.has(key)) removed.push(edge)
  return {added, removed, changed}
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/
const keyPath = (base: string, key: string) => (IDENT.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`)

/** Field-level changes between two JSON values, objects by key and arrays by index. */
export function diffValues(before: JsonValue | undefined, after: JsonValue | undefined, path: string): FieldChange[] {
  if (deepEqual(before, after)) return []
  const isObj = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap((k) => diffValues(before[k], after[k], keyPath(path, k)))
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length)
    const out: FieldChange[] = []
    for (let i = 0; i < n; i++) out.push(...diffValues(before[i], after[i], `${path}[${i}]`))
    return out
  }
  return [{path: path || '(value)', ...(before === undefined ? {} : {before}), ...(after === undefined ? {} : {after})}]
}

export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]))
  const ao = a as Record<string, JsonValue>
  const bo = b as Record<string, JsonValue>
  const ak = Object.keys(ao)
  return ak.length === Object.keys(bo).length && ak.every((k) => Object.hasOwn(bo, k) && deepEqual(ao[k], bo[k]))
}

// ---- rendering, like a change set: one line per action, details indented under it ----

const short = (v: JsonValue | undefined, max = 100): string => {
  const s = v === undefined ? '(absent)' : JSON.stringify(v)
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}
const where = (scope: string) => (scope ? ` [in ${scope}]` : '')
const edgeLabel = (e: {from: string; kind: EdgeKind; index?: number}) => `${e.from} --${e.kind}${e.index === undefined ? '' : `[${e.index}]`}-->`

export function summarizeDiff(diff: DefinitionDiff): string {
  if (diff.created) return `new state machine: ${diff.states.added.length} states`
  if (diff.empty) return 'no changes'
  const {added, removed, changed} = diff.states
  const edges = diff.edges.added.length + diff.edges.removed.length + diff.edges.changed.length
  return `${added.length} added, ${removed.length} removed, ${changed.length} changed states; ${edges} edge change(s)${diff.top.length ? `; ${diff.top.length} top-level change(s)` : ''}`
}

export function formatDiff(diff: DefinitionDiff, title: string): string {
  const lines = [`${title}: ${summarizeDiff(diff)}`]
  if (diff.created || diff.empty) return lines.join('\n')
  for (const c of diff.top) lines.push(`  ~ ${c.path}: ${short(c.before)} -> ${short(c.after)}`)
  for (const s of diff.states.added) lines.push(`  + Add     ${s.name} (${s.type})${where(s.scope)}`)
  for (const s of diff.states.removed) lines.push(`  - Remove  ${s.name} (${s.type})${where(s.scope)}`)
  for (const s of diff.states.changed) {
    lines.push(`  ~ Modify  ${s.name} (${s.type})${where(s.scope)}`)
    for (const c of s.changes) {
      if (c.before === undefined) lines.push(`              + ${c.path}: ${short(c.after)}`)
      else if (c.after === undefined) lines.push(`              - ${c.path}: ${short(c.before)}`)
      else lines.push(`              ~ ${c.path}: ${short(c.before)} -> ${short(c.after)}`)
    }
  }
  const e = diff.edges
  if (e.added.length + e.removed.length + e.changed.length > 0) {
    lines.push('  edges:')
    for (const x of e.added) lines.push(`  + ${edgeLabel(x)} ${x.to}`)
    for (const x of e.removed) lines.push(`  - ${edgeLabel(x)} ${x.to}`)
    for (const x of e.changed) lines.push(`  ~ ${edgeLabel(x)} ${x.before} => ${x.after}`)
  }
  return lines.join('\n')
}
