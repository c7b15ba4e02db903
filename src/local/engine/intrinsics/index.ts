// Intrinsic functions of JSONPath states (States.Format, States.Array, ...): the entry points the
// payload-template processor calls for a `.$` value that is not a path.
import type {PathData} from '../../../asl/paths.js'
import type {JsonValue} from '../../../asl/types.js'
import {functionFailure, IntrinsicError} from './errors.js'
import {bind, evaluate, type BoundCall} from './evaluate.js'
import {parseIntrinsic} from './parse.js'

// The engine evaluates the same few expressions of a definition over and over (every Map
// iteration, every retry), so each is parsed and bound once. Failures are cached too. The bound
// keeps a definition with generated expressions from growing the cache without limit.
const MAX_CACHED = 5_000
const compiled = new Map<string, BoundCall | IntrinsicError>()

/** True when a `.$` value is an intrinsic call (`States.Name(`) rather than a path. */
export function isIntrinsic(value: string): boolean {
  return /^\s*States\.[A-Za-z0-9_]+\(/.test(value)
}

/**
 * Evaluates an intrinsic expression against the state's input, Context object and variables.
 * Throws StatesError: 'States.IntrinsicFailure' for a malformed expression, an unknown function,
 * wrong argument count or types, or a failing function; 'States.Runtime' for a path that matches
 * nothing.
 */
export function evaluateIntrinsic(expression: string, data: PathData): JsonValue {
  const call = compile(expression)
  try {
    if (call instanceof IntrinsicError) throw call
    return evaluate(call, data)
  } catch (error) {
    if (error instanceof IntrinsicError) throw functionFailure(expression, error)
    throw error
  }
}

function compile(expression: string): BoundCall | IntrinsicError {
  let call = compiled.get(expression)
  if (call === undefined) {
    try {
      call = bind(parseIntrinsic(expression))
    } catch (error) {
      if (!(error instanceof IntrinsicError)) throw error
      call = error
    }
    if (compiled.size >= MAX_CACHED) compiled.clear()
    compiled.set(expression, call)
  }
  return call
}
