// What a lint rule sees and returns. Kept apart from lint.ts so rule modules and the registry do not
// import each other.
import {ROOT_SCOPE, type StateGraph, type StateNode} from './graph.js'
import type {Workload} from './workloads.js'

export type Severity = 'error' | 'warning'

export type LintRuleId =
  | 'invalid-state'
  | 'dangling-target'
  | 'edge-leaves-branch'
  | 'duplicate-state-name'
  | 'unreachable-state'
  | 'branch-isolation'
  | 'shell-run-defaults'
  | 'gate-shape'
  | 'gate-never-rejoins'
  | 'task-without-catch'
  | 'unbounded-poll-loop'
  | 'task-timeout'

export interface Diagnostic {
  id: LintRuleId
  severity: Severity
  state?: string
  /** The scope of `state`, absent for the top level. */
  scope?: string
  message: string
}

export interface LintContext {
  graph: StateGraph
  workloads: Workload[]
  flagPattern: RegExp
}

export type LintRule = (ctx: LintContext) => Diagnostic[]

/** A diagnostic about one state, carrying its scope when it is nested. */
export function at(node: StateNode, id: LintRuleId, severity: Severity, message: string): Diagnostic {
  return node.scope === ROOT_SCOPE ? {id, severity, state: node.name, message} : {id, severity, state: node.name, scope: node.scope, message}
}

export const quoteList = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ')
