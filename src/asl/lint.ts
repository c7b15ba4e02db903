// ae's lint rules over a definition. Each rule is a small function over one shared context (the
// state graph and the derived workloads, built once); lintDefinition runs the selected ones in a
// fixed order and returns their diagnostics. Deploy refuses errors; the local engine runs the
// structural rules as its own validation.
import {buildGraph, type StateGraph} from './graph.js'
import {gateNeverRejoins, gateShape, shellRunDefaults} from './lint-gates.js'
import {unboundedPollLoop} from './lint-loops.js'
import {danglingTarget, duplicateStateName, edgeLeavesBranch, invalidState, unreachableState} from './lint-structure.js'
import {branchIsolation, taskTimeout, taskWithoutCatch} from './lint-tasks.js'
import type {Diagnostic, LintContext, LintRule, LintRuleId} from './lint-types.js'
import type {StateMachineDefinition} from './types.js'
import {deriveWorkloadsFromGraph, flagMatcher, type Workload} from './workloads.js'

export type {Diagnostic, LintRuleId, Severity} from './lint-types.js'

export const LINT_RULES: Readonly<Record<LintRuleId, LintRule>> = {
  'invalid-state': invalidState,
  'dangling-target': danglingTarget,
  'edge-leaves-branch': edgeLeavesBranch,
  'duplicate-state-name': duplicateStateName,
  'unreachable-state': unreachableState,
  'branch-isolation': branchIsolation,
  'shell-run-defaults': shellRunDefaults,
  'gate-shape': gateShape,
  'gate-never-rejoins': gateNeverRejoins,
  'task-without-catch': taskWithoutCatch,
  'unbounded-poll-loop': unboundedPollLoop,
  'task-timeout': taskTimeout,
}

export const LINT_RULE_IDS = Object.keys(LINT_RULES) as LintRuleId[]

/** The rules AWS's own validation enforces too: what the local engine checks before it runs. */
export const STRUCTURAL_RULES: readonly LintRuleId[] = ['invalid-state', 'dangling-target', 'edge-leaves-branch', 'duplicate-state-name']

export interface LintOptions {
  /** Which top-level input fields are skip flags; defaults to `skip_*`. */
  flagPattern?: RegExp
  /** Run only these rules (default: all). */
  rules?: readonly LintRuleId[]
  /** A graph and workloads already built for this definition, to avoid building them again. */
  graph?: StateGraph
  workloads?: Workload[]
}

export function lintDefinition(def: StateMachineDefinition, options: LintOptions = {}): Diagnostic[] {
  const graph = options.graph ?? buildGraph(def)
  const flagPattern = flagMatcher(options.flagPattern)
  const ctx: LintContext = {graph, flagPattern, workloads: options.workloads ?? deriveWorkloadsFromGraph(graph, {flagPattern})}
  const selected = new Set(options.rules ?? LINT_RULE_IDS)
  return LINT_RULE_IDS.filter((id) => selected.has(id)).flatMap((id) => LINT_RULES[id](ctx))
}

export const lintErrors = (diagnostics: readonly Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.severity === 'error')

/** One line per diagnostic: `error dangling-target Research (ResearchPredictorParallel/0): ...`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.state === undefined ? '' : ` ${d.state}${d.scope === undefined ? '' : ` (${d.scope})`}`
  return `${d.severity} ${d.id}${where}: ${d.message}`
}
