// Skip gates and the workloads they guard, derived from the definition alone (see "Skip gate" and
// "Workload" in DESIGN.md). A gate is a Choice rule `$.flag == true` (optionally guarded by
// `IsPresent` and ANDed with further conditions) whose Next is the skip target; its Default is
// the run entry. The workload is every state on some path from the run entry to the skip target,
// with everything nested in a Parallel or Map on such a path.
import {buildGraph, descendants, reachable, type StateGraph, type StateNode} from './graph.js'
import type {ChoiceRule, ChoiceState, StateMachineDefinition} from './types.js'

/** Input flags that can form skip gates. `shell_run`-style switches are not skip flags. */
export const DEFAULT_FLAG_PATTERN = /^skip_/

export interface WorkloadOptions {
  /** Which top-level input fields are skip flags (tested against the name without `$.`). */
  flagPattern?: RegExp
}

export interface SkipGate {
  gate: string
  scope: string
  /** Index of the skip rule in the gate's Choices. */
  ruleIndex: number
  flag: string
  skipTarget: string
  runEntry: string
  /** The rule tests `IsPresent: true` on the flag, so an absent flag means "run". */
  guarded: boolean
  /** Conjuncts besides the flag test and its guard: when any is false the flag is inert. */
  conditions: ChoiceRule[]
}

export interface Workload extends SkipGate {
  /** The run entry's name, e.g. "Research". */
  name: string
  /** In pipeline order from the run entry; the gate excluded, nested states included. */
  states: string[]
  /** The name of the innermost workload that contains this one (its gate and all its states). */
  parent: string | null
  /** False when the skip target cannot be reached from the run entry: the workload is empty. */
  rejoins: boolean
}

const FLAG_PATH = /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/
const TRANSITION_FIELDS = new Set(['Next', 'Assign', 'Output', 'Comment'])

/** A regex usable with `.test` repeatedly: a global or sticky flag would make it stateful. */
export const flagMatcher = (pattern: RegExp = DEFAULT_FLAG_PATTERN): RegExp =>
  pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern

/** The flag a Choice Variable names (`$.skip_x` -> `skip_x`), if it is a top-level skip flag. */
export function flagOfVariable(variable: unknown, flagPattern: RegExp = DEFAULT_FLAG_PATTERN): string | undefined {
  if (typeof variable !== 'string') return undefined
  const name = FLAG_PATH.exec(variable)?.[1]
  return name !== undefined && flagMatcher(flagPattern).test(name) ? name : undefined
}

const keysOf = (rule: ChoiceRule) => Object.keys(rule).filter((k) => k !== 'Comment')

const comparisonOf = (rule: ChoiceRule, operator: string, value: unknown): boolean =>
  keysOf(rule).length === 2 && typeof rule.Variable === 'string' && rule[operator] === value

function conjuncts(rule: ChoiceRule): ChoiceRule[] {
  // A malformed conjunct stays as an (unsatisfiable) condition rather than vanishing.
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return [{}]
  const keys = Object.keys(rule).filter((k) => !TRANSITION_FIELDS.has(k))
  if (keys.length === 1 && keys[0] === 'And' && Array.isArray(rule.And)) return rule.And.flatMap(conjuncts)
  const bare: ChoiceRule = {}
  for (const k of keys) bare[k] = rule[k]
  return [bare]
}

export interface SkipRuleMatch {
  flag: string
  guarded: boolean
  conditions: ChoiceRule[]
}

/**
 * Recognises a skip rule: `{Variable: "$.flag", BooleanEquals: true}` alone or as a conjunct of
 * an `And` (nested Ands are flattened), with an optional `IsPresent: true` on the same variable.
 * The other conjuncts are returned as conditions. `BooleanEquals: false` is not a skip rule.
 */
export function matchSkipRule(rule: ChoiceRule, flagPattern: RegExp = DEFAULT_FLAG_PATTERN): SkipRuleMatch | null {
  const parts = conjuncts(rule)
  const test = parts.find((c) => comparisonOf(c, 'BooleanEquals', true) && flagOfVariable(c.Variable, flagPattern) !== undefined)
  if (!test) return null
  const guard = parts.find((c) => comparisonOf(c, 'IsPresent', true) && c.Variable === test.Variable)
  return {
    flag: flagOfVariable(test.Variable, flagPattern) as string,
    guarded: guard !== undefined,
    conditions: parts.filter((c) => c !== test && c !== guard),
  }
}

/** The skip gate a state forms, if any: its first skip rule, provided it has a Default. */
export function skipGateOf(node: StateNode, flagPattern: RegExp = DEFAULT_FLAG_PATTERN): SkipGate | null {
  if (node.type !== 'Choice') return null
  const state = node.state as ChoiceState
  if (typeof state.Default !== 'string' || !Array.isArray(state.Choices)) return null
  for (const [ruleIndex, rule] of state.Choices.entries()) {
    if (typeof rule !== 'object' || rule === null || typeof rule.Next !== 'string') continue
    const match = matchSkipRule(rule, flagPattern)
    if (match) {
      return {gate: node.name, scope: node.scope, ruleIndex, skipTarget: rule.Next, runEntry: state.Default, ...match}
    }
  }
  return null
}

/** Every skip gate, in pipeline order (depth-first into branches, branch by branch). */
export function findSkipGates(graph: StateGraph, options: WorkloadOptions = {}): SkipGate[] {
  const pattern = flagMatcher(options.flagPattern)
  return graph.ordered.map((node) => skipGateOf(node, pattern)).filter((g): g is SkipGate => g !== null)
}

export function deriveWorkloads(def: StateMachineDefinition, options: WorkloadOptions = {}): Workload[] {
  return deriveWorkloadsFromGraph(buildGraph(def), options)
}

export function deriveWorkloadsFromGraph(graph: StateGraph, options: WorkloadOptions = {}): Workload[] {
  const workloads = findSkipGates(graph, options).map((gate) => guardedBy(graph, gate))
  assignParents(workloads)
  return workloads
}

function guardedBy(graph: StateGraph, gate: SkipGate): Workload {
  const scope = graph.scopes.get(gate.scope)
  const walls = new Set([gate.gate])
  const forward = reachable(graph, gate.scope, gate.runEntry, {avoid: walls, stopAt: new Set([gate.skipTarget])})
  const rejoins = scope?.states.has(gate.skipTarget) === true && forward.has(gate.skipTarget)
  const nodes: StateNode[] = []
  if (rejoins) {
    // Failure handling (Extract*Error, HandleFailure, Branch*Failed) never reaches the skip target.
    const backward = reachable(graph, gate.scope, gate.skipTarget, {reverse: true, avoid: walls})
    for (const name of forward) {
      if (name === gate.skipTarget || !backward.has(name)) continue
      const node = scope?.states.get(name) as StateNode
      nodes.push(node, ...descendants(graph, node))
    }
  }
  nodes.sort((a, b) => (graph.position.get(a) ?? 0) - (graph.position.get(b) ?? 0))
  return {...gate, name: gate.runEntry, states: nodes.map((n) => n.name), parent: null, rejoins}
}

// A workload nests in another when the other holds its gate and every one of its states. The
// parent is the smallest such workload: containment between gates is a tree.
function assignParents(workloads: Workload[]): void {
  const sets = new Map(workloads.map((w) => [w, new Set(w.states)]))
  for (const inner of workloads) {
    let best: Workload | undefined
    for (const outer of workloads) {
      if (outer === inner) continue
      const set = sets.get(outer) as Set<string>
      if (!set.has(inner.gate) || !inner.states.every((s) => set.has(s))) continue
      if (!best || outer.states.length < best.states.length) best = outer
    }
    inner.parent = best?.name ?? null
  }
}

export interface WorkloadIndex {
  byName: Map<string, Workload>
  byGate: Map<string, Workload>
  /** A flag may be tested by more than one gate. */
  byFlag: Map<string, Workload[]>
  /** For each state (gates included), the innermost workload holding it. */
  innermost: Map<string, Workload>
}

export function indexWorkloads(workloads: readonly Workload[]): WorkloadIndex {
  const byFlag = new Map<string, Workload[]>()
  for (const w of workloads) byFlag.set(w.flag, [...(byFlag.get(w.flag) ?? []), w])
  const innermost = new Map<string, Workload>()
  // Larger workloads first, so the smallest one holding a state is written last.
  for (const w of [...workloads].sort((a, b) => b.states.length - a.states.length)) {
    for (const s of w.states) innermost.set(s, w)
  }
  return {
    byName: new Map(workloads.map((w) => [w.name, w])),
    byGate: new Map(workloads.map((w) => [w.gate, w])),
    byFlag,
    innermost,
  }
}

/** The innermost workload holding a state, or undefined when the state is outside every workload. */
export const workloadOf = (index: WorkloadIndex, stateName: string): Workload | undefined => index.innermost.get(stateName)

/** The workloads holding a state, innermost first. */
export function enclosingWorkloads(index: WorkloadIndex, stateName: string): Workload[] {
  const out: Workload[] = []
  for (let w = workloadOf(index, stateName); w !== undefined; w = w.parent === null ? undefined : index.byName.get(w.parent)) {
    if (out.includes(w)) break
    out.push(w)
  }
  return out
}
