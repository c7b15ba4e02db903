// Rules about how Tasks fail: per-branch isolation of status-recording Parallels, Tasks whose
// error nothing catches, and Tasks that can wait forever.
import {describeScope, enclosingStates, reachable, ROOT_SCOPE, type Scope, type StateNode} from './graph.js'
import {at, type Diagnostic, type LintContext} from './lint-types.js'
import type {CatchRule, JsonValue, ParallelState, PassState, TaskState} from './types.js'

const isRecord = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v)

const catchesOf = (node: StateNode): CatchRule[] => {
  const c = (node.state as TaskState).Catch
  return Array.isArray(c) ? c.filter((r) => isRecord(r)) : []
}

function hasStatusKey(value: JsonValue | undefined): boolean {
  if (Array.isArray(value)) return value.some(hasStatusKey)
  if (!isRecord(value)) return false
  return Object.entries(value).some(([k, v]) => k.replace(/\.\$$/, '').endsWith('_status') || hasStatusKey(v))
}

/** A branch-local terminal that records the branch's outcome as data instead of throwing. */
function isStatusTerminal(node: StateNode): boolean {
  if (node.type !== 'Pass' || node.state.End !== true) return false
  const s = node.state as PassState
  return node.name.endsWith('Failed') || hasStatusKey(s.Result) || hasStatusKey(s.Parameters) || hasStatusKey(s.Output)
}

const CAN_THROW = new Set(['Task', 'Parallel', 'Map'])

/**
 * A Parallel whose every branch ends in a status-recording Pass is "isolated": its branches must
 * never throw, or the Parallel fails and cancels the siblings' work. So every Task (and nested
 * Parallel/Map) in such a branch catches States.ALL into its own branch, no Fail state sits in a
 * branch, and the Parallel itself never retries (a retry would re-run a completed branch).
 */
export function branchIsolation({graph}: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const parallel of graph.ordered) {
    if (parallel.type !== 'Parallel') continue
    const branches = parallel.childScopes.map((id) => graph.scopes.get(id)).filter((s): s is Scope => s !== undefined)
    if (branches.length === 0 || !branches.every((b) => [...b.states.values()].some(isStatusTerminal))) continue
    const retry = (parallel.state as ParallelState).Retry
    if (Array.isArray(retry) && retry.some((r) => !isRecord(r) || r.MaxAttempts !== 0)) {
      out.push(
        at(
          parallel,
          'branch-isolation',
          'error',
          `Parallel "${parallel.name}" isolates its branches but has a Retry with MaxAttempts other than 0 (AWS defaults to 3): a retry re-runs branches that already completed.`,
        ),
      )
    }
    for (const branch of branches) out.push(...branchEscapes(parallel, branch))
  }
  return out
}

function branchEscapes(parallel: StateNode, branch: Scope): Diagnostic[] {
  const out: Diagnostic[] = []
  const where = `${describeScope(branch.id)} of isolated Parallel "${parallel.name}"`
  for (const node of branch.states.values()) {
    if (node.type === 'Fail') {
      out.push(at(node, 'branch-isolation', 'error', `Fail state "${node.name}" in ${where} throws out of the branch; record the failure in a Pass terminal instead.`))
      continue
    }
    if (!CAN_THROW.has(node.type)) continue
    const catches = catchesOf(node)
    catches.forEach((rule, i) => {
      if (typeof rule.Next === 'string' && !branch.states.has(rule.Next)) {
        out.push(at(node, 'branch-isolation', 'error', `Catch[${i}] of "${node.name}" in ${where} goes to "${rule.Next}", which is not a state of its branch.`))
      }
    })
    if (!catches.some((r) => Array.isArray(r.ErrorEquals) && r.ErrorEquals.includes('States.ALL'))) {
      out.push(
        at(
          node,
          'branch-isolation',
          'error',
          `"${node.name}" in ${where} has no Catch for States.ALL: an error escapes the branch, fails the Parallel and cancels its sibling branches.`,
        ),
      )
    }
  }
  return out
}

export function taskWithoutCatch({graph}: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const node of graph.ordered) {
    if (node.type !== 'Task' || catchesOf(node).length > 0) continue
    if (enclosingStates(graph, node.scope).some((p) => catchesOf(p).length > 0)) continue
    if (onFailurePath(graph, node)) continue
    out.push(
      at(node, 'task-without-catch', 'warning', `Task "${node.name}" has no Catch: when its retries run out, the ${node.scope === ROOT_SCOPE ? 'execution' : 'enclosing branch'} fails without going through failure handling.`),
    )
  }
  return out
}

// A Task whose every way out ends in a Fail state is failure handling itself (a failure
// notification): if it fails, the execution fails, as it was about to.
function onFailurePath(graph: LintContext['graph'], node: StateNode): boolean {
  const scope = graph.scopes.get(node.scope)
  const terminals = [...reachable(graph, node.scope, node.name)].map((n) => scope?.states.get(n)).filter((n) => n?.end === true)
  return terminals.length > 0 && terminals.every((n) => n?.type === 'Fail')
}

export function taskTimeout({graph}: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const node of graph.ordered) {
    if (node.type !== 'Task') continue
    const s = node.state as TaskState
    if (s.TimeoutSeconds !== undefined || s.TimeoutSecondsPath !== undefined) continue
    out.push(at(node, 'task-timeout', 'warning', `Task "${node.name}" has no TimeoutSeconds: AWS lets it run for 99999999 seconds (over 3 years).`))
  }
  return out
}
