// Rules about skip gates: Choices that test a skip flag but are not well-formed gates, gates whose
// skip target never rejoins the run path, and the shell-run defaults that must switch every gate.
import {flagAssignments} from './flag-literals.js'
import {reachable, stateIn, type StateGraph, type StateNode} from './graph.js'
import {at, quoteList, type Diagnostic, type LintContext} from './lint-types.js'
import type {ChoiceRule, ChoiceState, JsonValue, PassState} from './types.js'
import {flagOfVariable, matchSkipRule, skipGateOf} from './workloads.js'

interface FlagTest {
  flag: string
  rule: ChoiceRule
  /** Under an Or or a Not, where "flag is true" no longer means "take this rule". */
  negatedOrAlternative: boolean
}

function flagTests(rule: ChoiceRule, pattern: RegExp, underOrNot = false): FlagTest[] {
  if (typeof rule !== 'object' || rule === null) return []
  const out: FlagTest[] = []
  const flag = flagOfVariable(rule.Variable, pattern)
  if (flag !== undefined) out.push({flag, rule, negatedOrAlternative: underOrNot})
  if (Array.isArray(rule.And)) for (const r of rule.And) out.push(...flagTests(r, pattern, underOrNot))
  if (Array.isArray(rule.Or)) for (const r of rule.Or) out.push(...flagTests(r, pattern, true))
  if (rule.Not !== undefined) out.push(...flagTests(rule.Not, pattern, true))
  return out
}

const OPERATOR_FIELDS = new Set(['Variable', 'Next', 'Comment', 'Assign', 'Output', 'And', 'Or', 'Not'])
const operatorsOf = (rule: ChoiceRule) => Object.keys(rule).filter((k) => !OPERATOR_FIELDS.has(k))

/** Why a rule that tests a skip flag is not a skip rule. */
function whyNotSkipRule(tests: FlagTest[]): string {
  const falseTest = tests.find((t) => t.rule.BooleanEquals === false)
  if (falseTest) return `tests $.${falseTest.flag} with BooleanEquals false; a skip gate takes its skip branch when the flag is true`
  const hidden = tests.find((t) => t.negatedOrAlternative)
  if (hidden) return `tests $.${hidden.flag} under an Or or a Not; a skip rule is the flag test alone or ANDed with other conditions`
  const t = tests[0] as FlagTest
  return `tests $.${t.flag} with ${operatorsOf(t.rule).join(', ') || 'no operator'}, not with BooleanEquals true`
}

export function gateShape(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  const setters = flagSetters(ctx.graph, ctx.flagPattern)
  for (const node of ctx.graph.ordered) {
    if (node.type !== 'Choice') continue
    const state = node.state as ChoiceState
    const rules = Array.isArray(state.Choices) ? state.Choices : []
    const perRule = rules.map((r) => flagTests(r, ctx.flagPattern))
    if (perRule.every((t) => t.length === 0)) continue
    const warn = (message: string) => out.push(at(node, 'gate-shape', 'warning', `Choice "${node.name}" ${message}.`))
    perRule.forEach((tests, i) => {
      if (tests.length > 0 && matchSkipRule(rules[i] as ChoiceRule, ctx.flagPattern) === null) warn(`rule ${i} ${whyNotSkipRule(tests)}`)
    })
    if (typeof state.Default !== 'string') warn('tests a skip flag but has no Default, so it has no run entry')
    if (rules.length > 1) warn(`tests a skip flag in a Choice of ${rules.length} rules; a skip gate has exactly one, so what the flag skips depends on the other rules`)
    const gate = skipGateOf(node, ctx.flagPattern)
    if (!gate) continue
    if (gate.skipTarget === gate.runEntry) warn(`sends both its skip rule and its Default to "${gate.runEntry}", so $.${gate.flag} has no effect`)
    if (!gate.guarded && !alwaysPassesThrough(ctx.graph, node, setters.get(gate.flag) ?? new Set())) {
      warn(
        `tests $.${gate.flag} without an IsPresent guard, and no state on every path before it sets the flag: an execution input without ${gate.flag} fails here with States.Runtime`,
      )
    }
  }
  return out
}

/** Pass states writing each flag (any value), by flag. */
function flagSetters(graph: StateGraph, pattern: RegExp): Map<string, Set<StateNode>> {
  const out = new Map<string, Set<StateNode>>()
  for (const node of graph.ordered) {
    for (const flag of passFlags(node, pattern).keys()) {
      const set = out.get(flag) ?? new Set()
      set.add(node)
      out.set(flag, set)
    }
  }
  return out
}

/** What a Pass state writes to skip flags, from its Result, Parameters and Output literals. */
function passFlags(node: StateNode, pattern: RegExp): Map<string, JsonValue> {
  if (node.type !== 'Pass') return new Map()
  const s = node.state as PassState
  const out = new Map<string, JsonValue>()
  for (const payload of [s.Result, s.Parameters, s.Output]) {
    for (const [flag, value] of flagAssignments(payload, pattern)) if (!out.has(flag)) out.set(flag, value)
  }
  return out
}

// True when every path from StartAt to `node` goes through one of `walls`, in its own scope or,
// for a nested scope, on the way to the enclosing Parallel/Map.
function alwaysPassesThrough(graph: StateGraph, node: StateNode, walls: ReadonlySet<StateNode>): boolean {
  let current: StateNode | undefined = node
  while (current) {
    const scope = graph.scopes.get(current.scope)
    if (!scope || scope.startAt === undefined) return false
    const avoid = new Set([...walls].filter((w) => w.scope === scope.id).map((w) => w.name))
    if (!reachable(graph, scope.id, scope.startAt, {avoid}).has(current.name)) return true
    current = scope.parent ? stateIn(graph, scope.parent.scope, scope.parent.state) : undefined
  }
  return false
}

export function gateNeverRejoins({graph, workloads}: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const w of workloads) {
    const node = stateIn(graph, w.scope, w.gate)
    // A skip target or run entry that does not exist is dangling-target's to report.
    if (w.rejoins || !node || !stateIn(graph, w.scope, w.skipTarget) || !stateIn(graph, w.scope, w.runEntry)) continue
    out.push(
      at(
        node,
        'gate-never-rejoins',
        'warning',
        `Gate "${w.gate}" never rejoins: its skip target "${w.skipTarget}" cannot be reached from its run entry "${w.runEntry}", so it guards no workload.`,
      ),
    )
  }
  return out
}

export function shellRunDefaults(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  const gateFlags = [...new Set(ctx.workloads.map((w) => w.flag))]
  for (const node of ctx.graph.ordered) {
    const flags = passFlags(node, ctx.flagPattern)
    const setTrue = [...flags].filter(([, v]) => v === true).map(([f]) => f)
    if (setTrue.length === 0) continue
    const missing = gateFlags.filter((f) => flags.get(f) !== true)
    if (missing.length > 0) {
      out.push(
        at(
          node,
          'shell-run-defaults',
          'error',
          `Pass "${node.name}" sets skip flags to true but not ${quoteList(missing)}: a run through it would still run ${missing.length === 1 ? 'that workload' : 'those workloads'}.`,
        ),
      )
    }
    const unknown = setTrue.filter((f) => !gateFlags.includes(f))
    if (unknown.length > 0) {
      out.push(at(node, 'shell-run-defaults', 'warning', `Pass "${node.name}" sets ${quoteList(unknown)} to true, but no skip gate tests ${unknown.length === 1 ? 'it' : 'them'}.`))
    }
  }
  return out
}
