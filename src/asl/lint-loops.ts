// Loops with no bound. A poll loop (Wait -> poll Task -> Choice -> Wait) ends only if something
// forces it to: a counter compared in a Choice, or an SSM command that is guaranteed to finish
// because its sendCommand set an executionTimeout (or TimeoutSeconds).
import {loopsIn, reachable, type StateGraph, type StateNode} from './graph.js'
import {at, type Diagnostic, type LintContext} from './lint-types.js'
import type {ChoiceRule, ChoiceState, JsonValue, TaskState} from './types.js'

const isRecord = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v)

function comparesNumber(rule: ChoiceRule): boolean {
  if (typeof rule !== 'object' || rule === null) return false
  if (Object.keys(rule).some((k) => k.startsWith('Numeric'))) return true
  const nested = [...(Array.isArray(rule.And) ? rule.And : []), ...(Array.isArray(rule.Or) ? rule.Or : []), ...(rule.Not ? [rule.Not] : [])]
  return nested.some(comparesNumber)
}

const hasCounter = (node: StateNode) =>
  node.type === 'Choice' && Array.isArray((node.state as ChoiceState).Choices) && (node.state as ChoiceState).Choices.some(comparesNumber)

const resourceIs = (node: StateNode, api: string) =>
  node.type === 'Task' && typeof (node.state as TaskState).Resource === 'string' && (node.state as TaskState).Resource.endsWith(`:ssm:${api}`)

const argumentsOf = (node: StateNode): Record<string, JsonValue> => {
  const s = node.state as TaskState
  return isRecord(s.Parameters) ? s.Parameters : isRecord(s.Arguments) ? s.Arguments : {}
}

const hasKey = (o: Record<string, JsonValue>, key: string) => key in o || `${key}.$` in o

/** The SendCommand call sets a bound the command cannot outlive. */
function commandIsBounded(send: StateNode): boolean {
  const args = argumentsOf(send)
  const documentParameters = args.Parameters ?? args['Parameters.$']
  return hasKey(args, 'TimeoutSeconds') || (isRecord(documentParameters) && hasKey(documentParameters, 'executionTimeout'))
}

// The sendCommand whose result the poll reads: by ResultPath prefix of the poll's CommandId path;
// failing that, every sendCommand of the scope from which the poll can be reached.
function sendersFor(graph: StateGraph, poll: StateNode): StateNode[] {
  const senders = graph.ordered.filter((n) => resourceIs(n, 'sendCommand'))
  const commandId = argumentsOf(poll)['CommandId.$']
  if (typeof commandId === 'string') {
    const matched = senders.filter((s) => {
      const rp = (s.state as TaskState).ResultPath
      return typeof rp === 'string' && rp !== '$' && (commandId === rp || commandId.startsWith(`${rp}.`) || commandId.startsWith(`${rp}[`))
    })
    if (matched.length > 0) return matched
  }
  return senders.filter((s) => s.scope === poll.scope && reachable(graph, s.scope, s.name).has(poll.name))
}

function whyUnbounded(graph: StateGraph, loop: StateNode[]): string | null {
  if (loop.some(hasCounter)) return null
  const polls = loop.filter((n) => resourceIs(n, 'getCommandInvocation'))
  const unbounded: string[] = []
  for (const poll of polls) {
    const senders = sendersFor(graph, poll)
    if (senders.length > 0 && senders.every(commandIsBounded)) return null
    unbounded.push(
      senders.length === 0
        ? `"${poll.name}" polls an SSM command whose sendCommand cannot be found`
        : `"${poll.name}" polls a command sent by ${senders.map((s) => `"${s.name}"`).join(', ')} without executionTimeout or TimeoutSeconds`,
    )
  }
  const base = 'no Choice in it compares a counter (Numeric*)'
  return unbounded.length > 0 ? `${base}, and ${unbounded.join('; ')}` : `${base}, and it polls no SSM command guaranteed to end`
}

export function unboundedPollLoop({graph}: LintContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const scope of graph.scopes.values()) {
    for (const loop of loopsIn(graph, scope.id)) {
      const reason = whyUnbounded(graph, loop)
      if (reason === null) continue
      const first = loop[0] as StateNode
      out.push(at(first, 'unbounded-poll-loop', 'warning', `The loop through ${loop.map((n) => `"${n.name}"`).join(', ')} has no bound: ${reason}.`))
    }
  }
  return out
}
