// Structural rules: what AWS itself would reject (unknown types, missing transitions, targets that
// do not exist or lie in another scope, repeated names) and states nothing can reach.
import {describeScope, reachable, ROOT_SCOPE, type Edge, type Scope, type StateNode} from './graph.js'
import {at, type Diagnostic, type LintContext} from './lint-types.js'

const STATE_TYPES = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'])
const NO_TRANSITION_TYPES = new Set(['Choice', 'Succeed', 'Fail'])

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export const describeEdge = (edge: Edge): string =>
  edge.kind === 'next' ? 'Next' : edge.kind === 'default' ? 'Default' : edge.kind === 'choice' ? `Choices[${edge.index}].Next` : `Catch[${edge.index}].Next`

function scopeDiagnostic(scope: Scope, message: string): Diagnostic {
  const d: Diagnostic = {id: 'invalid-state', severity: 'error', message}
  if (scope.parent) d.state = scope.parent.state
  if (scope.id !== ROOT_SCOPE) d.scope = scope.id
  return d
}

export function invalidState({graph}: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const scope of graph.scopes.values()) {
    const where = scope.id === ROOT_SCOPE ? 'The definition' : `Branch ${scope.id}`
    if (scope.startAt === undefined) out.push(scopeDiagnostic(scope, `${where} has no StartAt.`))
    if (scope.states.size === 0) out.push(scopeDiagnostic(scope, `${where} has no States.`))
  }
  for (const node of graph.ordered) out.push(...stateProblems(node).map((m) => at(node, 'invalid-state', 'error', m)))
  return out
}

function stateProblems(node: StateNode): string[] {
  const s = node.state as unknown as Record<string, unknown>
  const name = `State "${node.name}"`
  if (!STATE_TYPES.has(node.type)) {
    return [node.type === '' ? `${name} has no Type.` : `${name} has unknown Type "${node.type}".`]
  }
  const problems: string[] = []
  const hasNext = s.Next !== undefined
  if (hasNext && typeof s.Next !== 'string') problems.push(`${name} has a Next that is not a state name.`)
  if (NO_TRANSITION_TYPES.has(node.type)) {
    if (hasNext || s.End !== undefined) problems.push(`${name} is a ${node.type} state, which cannot have Next or End.`)
  } else if (hasNext && s.End === true) {
    problems.push(`${name} has both Next and End: true.`)
  } else if (!hasNext && s.End !== true) {
    problems.push(`${name} has neither Next nor End: true, so the run cannot leave it.`)
  }
  if (node.type === 'Choice') {
    if (!Array.isArray(s.Choices) || s.Choices.length === 0) problems.push(`${name} is a Choice without Choices.`)
    else
      s.Choices.forEach((rule, i) => {
        if (!isRecord(rule) || typeof rule.Next !== 'string') problems.push(`${name}: Choices[${i}] has no Next.`)
      })
  }
  if (node.type === 'Parallel' && (!Array.isArray(s.Branches) || s.Branches.length === 0)) {
    problems.push(`${name} is a Parallel without Branches.`)
  }
  if (node.type === 'Map' && !isRecord(s.ItemProcessor) && !isRecord(s.Iterator)) {
    problems.push(`${name} is a Map without ItemProcessor (or Iterator).`)
  }
  if (node.type === 'Task' && typeof s.Resource !== 'string') problems.push(`${name} is a Task without Resource.`)
  if (s.Catch !== undefined) {
    if (!Array.isArray(s.Catch)) problems.push(`${name} has a Catch that is not a list.`)
    else
      s.Catch.forEach((rule, i) => {
        if (!isRecord(rule) || typeof rule.Next !== 'string') problems.push(`${name}: Catch[${i}] has no Next.`)
        else if (!Array.isArray(rule.ErrorEquals) || rule.ErrorEquals.length === 0) problems.push(`${name}: Catch[${i}] has no ErrorEquals.`)
      })
  }
  return problems
}

/** Scopes (other than `own`) in which a name exists. */
function scopesHolding({graph}: LintContext, name: string, own: string): string[] {
  return (graph.byName.get(name) ?? []).map((n) => n.scope).filter((s) => s !== own)
}

export function danglingTarget(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const scope of ctx.graph.scopes.values()) {
    const start = scope.startAt
    if (start !== undefined && !scope.states.has(start) && !ctx.graph.byName.has(start)) {
      const d = scopeDiagnostic(scope, `StartAt of ${describeScope(scope.id)} names "${start}", but no state "${start}" exists.`)
      out.push({...d, id: 'dangling-target'})
    }
  }
  for (const node of ctx.graph.ordered) {
    const scope = ctx.graph.scopes.get(node.scope) as Scope
    for (const edge of node.edges) {
      if (scope.states.has(edge.to) || ctx.graph.byName.has(edge.to)) continue
      out.push(at(node, 'dangling-target', 'error', `State "${node.name}" names "${edge.to}" as its ${describeEdge(edge)}, but no state "${edge.to}" exists.`))
    }
  }
  return out
}

export function edgeLeavesBranch(ctx: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const scope of ctx.graph.scopes.values()) {
    const start = scope.startAt
    if (start === undefined || scope.states.has(start)) continue
    const elsewhere = scopesHolding(ctx, start, scope.id)
    if (elsewhere.length === 0) continue
    const d = scopeDiagnostic(scope, `StartAt of ${describeScope(scope.id)} names "${start}", which exists only in ${elsewhere.map(describeScope).join(', ')}.`)
    out.push({...d, id: 'edge-leaves-branch'})
  }
  for (const node of ctx.graph.ordered) {
    const scope = ctx.graph.scopes.get(node.scope) as Scope
    for (const edge of node.edges) {
      if (scope.states.has(edge.to)) continue
      const elsewhere = scopesHolding(ctx, edge.to, node.scope)
      if (elsewhere.length === 0) continue
      const verb = node.scope === ROOT_SCOPE ? 'enter' : 'leave'
      out.push(
        at(
          node,
          'edge-leaves-branch',
          'error',
          `State "${node.name}" in ${describeScope(node.scope)} names "${edge.to}" as its ${describeEdge(edge)}, but "${edge.to}" exists only in ${elsewhere.map(describeScope).join(', ')}: a transition cannot ${verb} a Parallel branch or Map processor.`,
        ),
      )
    }
  }
  return out
}

export function duplicateStateName({graph}: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [name, nodes] of graph.byName) {
    if (nodes.length < 2) continue
    out.push({
      id: 'duplicate-state-name',
      severity: 'error',
      state: name,
      message: `State name "${name}" is used ${nodes.length} times (${nodes.map((n) => describeScope(n.scope)).join('; ')}); AWS requires state names to be unique in the whole definition.`,
    })
  }
  return out
}

export function unreachableState({graph}: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const scope of graph.scopes.values()) {
    // Without a valid StartAt every state would be "unreachable"; dangling-target says why.
    if (scope.startAt === undefined || !scope.states.has(scope.startAt)) continue
    const seen = reachable(graph, scope.id, scope.startAt)
    const lost = [...scope.states.values()].filter((n) => !seen.has(n.name))
    for (const node of lost) {
      out.push(at(node, 'unreachable-state', 'warning', `State "${node.name}" cannot be reached from StartAt "${scope.startAt}" of ${describeScope(scope.id)}.`))
    }
  }
  return out
}
