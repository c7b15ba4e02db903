// Where a failed run left the success path, and which error it carried. A run leaves it in one of
// two ways: a Task throws and a Catch takes it into failure handling (the Task is the failing
// state, its error the error), or a Choice judges a result bad and routes into failure handling
// (an SSM command that ended Failed, a Lambda payload with status ERROR). In the second case no
// event carries an error: the failing state is the Task whose result was judged (through a polling
// loop back to the Task that started the command), and the error is the one the failure handling
// builds (ExtractDataPhase1Error's literal `Error`), its cause found in the data that carried it.
import {reachable, type StateGraph, type StateNode} from '../asl/graph.js'
import {recordedStatus} from './branches.js'
import type {StateError} from './outcomes.js'
import type {StateVisit, VisitLog} from './visits.js'

/** A transition from the success path into failure handling. */
export interface FailureExit {
  /** The last visit on the success path: a Task whose error was caught, or a Choice. */
  exit: StateVisit
  /** The first failure-handling visit after it (Extract*Error, HandleFailure, Branch*Failed, a Fail). */
  handler: StateVisit
}

const FAILED_RECORD = /^(FAILED|FAILURE|ERROR)$/i

const isFailTerminal = (node: StateNode): boolean => node.type === 'Fail' || FAILED_RECORD.test(recordedStatus(node)?.value ?? '')

/**
 * States from which every way to the end of their scope ends in a Fail state or in a Pass terminal
 * that records FAILED: failure handling. A fail-soft Catch target reaches a successful terminal,
 * so it is not.
 */
export function failureHandlingStates(graph: StateGraph): Set<string> {
  const out = new Set<string>()
  for (const scope of graph.scopes.values()) {
    for (const node of scope.states.values()) {
      const terminals = [...reachable(graph, scope.id, node.name)].map((n) => scope.states.get(n)).filter((n): n is StateNode => n !== undefined && n.end)
      if (terminals.length > 0 && terminals.every(isFailTerminal)) out.add(node.name)
    }
  }
  return out
}

/** Every step from the success path into failure handling, in event order. */
export function failureExits(log: VisitLog, handling: ReadonlySet<string>): FailureExit[] {
  const out: FailureExit[] = []
  for (const v of log.visits) {
    if (handling.has(v.name) && v.from && !handling.has(v.from.name)) out.push({exit: v.from, handler: v})
  }
  return out
}

const nodeOf = (graph: StateGraph, name: string): StateNode | undefined => graph.byName.get(name)?.[0]

/** The failing state and its error for one exit into failure handling. */
export function attributeExit(graph: StateGraph, log: VisitLog, {exit, handler}: FailureExit): StateError {
  if (exit.failure) return {state: exit.name, error: exit.failure.error, cause: exit.failure.cause}
  return {state: judgedState(graph, exit).name, ...carriedError(graph, log, handler)}
}

/**
 * The Task whose result a Choice judged: the visit it was entered from, or, when the Choice sits in
 * a polling loop (WaitForX -> CheckXStatus -> XWait -> WaitForX), the Task that entered the loop
 * (X, which started the command). Anything else: the Choice itself.
 */
export function judgedState(graph: StateGraph, choice: StateVisit): StateVisit {
  const node = nodeOf(graph, choice.name)
  if (!node || node.type !== 'Choice') return choice
  const component = graph.scopes.get(node.scope)?.components.find((c) => c.includes(node)) ?? [node]
  const loop = new Set(component.map((n) => n.name))
  let p = choice.from
  while (p && loop.has(p.name)) p = p.from
  return p && p.type === 'Task' ? p : choice
}

/** The literal error name a failure-handling state builds: a Pass's `Error` field, or a Fail's. */
function errorLiteral(node: StateNode | undefined): string | undefined {
  if (!node) return undefined
  const s = node.state as {Error?: unknown; Parameters?: unknown; Result?: unknown}
  if (node.type === 'Fail') return typeof s.Error === 'string' ? s.Error : undefined
  if (node.type !== 'Pass') return undefined
  for (const payload of [s.Parameters, s.Result]) {
    if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
      const error = (payload as Record<string, unknown>).Error
      if (typeof error === 'string') return error
    }
  }
  return undefined
}

function carriedError(graph: StateGraph, log: VisitLog, handler: StateVisit): {error: string; cause: string} {
  const error = errorLiteral(nodeOf(graph, handler.name))
  const executionFailure = log.execution.failure ?? {error: log.execution.status, cause: ''}
  if (!error) return executionFailure
  // The handler's own output holds it when execution data was read that far; otherwise the Fail
  // state's cause (FailExecution's CausePath is the JSON of $.error), possibly nested in a branch record.
  const places: unknown[] = [handler.output, ...handler.next.map((n) => n.output), log.execution.failure?.cause]
  for (const place of places) {
    const cause = findCause(place, error, 0)
    if (cause !== undefined) return {error, cause}
  }
  return {error, cause: ''}
}

/** The Cause of an object {Error: error, Cause} anywhere inside a value, JSON text included. */
function findCause(value: unknown, error: string, depth: number): string | undefined {
  if (depth > 8 || value === null || value === undefined) return undefined
  if (typeof value === 'string') {
    const parsed = parseEmbeddedJson(value)
    return parsed === undefined ? undefined : findCause(parsed, error, depth + 1)
  }
  if (typeof value !== 'object') return undefined
  if (!Array.isArray(value)) {
    const o = value as Record<string, unknown>
    if (o.Error === error && typeof o.Cause === 'string') return o.Cause
  }
  for (const child of Object.values(value as Record<string, unknown>)) {
    const found = findCause(child, error, depth + 1)
    if (found !== undefined) return found
  }
  return undefined
}

/** JSON text, or text ending in JSON ("Branch records: [...]"), parsed; else undefined. */
function parseEmbeddedJson(text: string): unknown {
  const starts = [0, text.indexOf('{'), text.indexOf('[')].filter((i) => i >= 0)
  for (const start of [...new Set(starts)].sort((a, b) => a - b)) {
    const c = text[start]
    if (c !== '{' && c !== '[') continue
    try {
      return JSON.parse(text.slice(start)) as unknown
    } catch {
      // not JSON from here
    }
  }
  return undefined
}
