// Binds a parsed expression to the function table (unknown names and wrong argument counts fail
// here, once per expression) and evaluates the bound tree against the data of one state.
import {isStatesError} from '../../../asl/states-error.js'
import {queryPath, type PathData} from '../../../asl/paths.js'
import type {JsonValue} from '../../../asl/types.js'
import type {IntrinsicArgument, IntrinsicCall} from './ast.js'
import {IntrinsicError} from './errors.js'
import {describeArity, INTRINSIC_FUNCTIONS, type IntrinsicFunction} from './functions.js'

export interface BoundCall {
  fn: IntrinsicFunction
  args: BoundArgument[]
  written: IntrinsicArgument[]
}

type BoundArgument = {kind: 'value'; value: JsonValue} | {kind: 'path'; path: string} | {kind: 'call'; call: BoundCall}

export function bind(call: IntrinsicCall): BoundCall {
  const fn = INTRINSIC_FUNCTIONS.get(call.name)
  if (fn === undefined) throw new IntrinsicError(`unknown intrinsic function '${call.name}'`)
  if (call.args.length < fn.minArgs || call.args.length > fn.maxArgs) {
    throw new IntrinsicError(`${call.name} takes ${describeArity(fn)}, but was given ${call.args.length}`)
  }
  const args = call.args.map((arg): BoundArgument => {
    switch (arg.kind) {
      case 'string':
      case 'literal':
        return {kind: 'value', value: arg.value}
      case 'path':
        return arg
      case 'call':
        return {kind: 'call', call: bind(arg.call)}
    }
  })
  return {fn, args, written: call.args}
}

export function evaluate(call: BoundCall, data: PathData): JsonValue {
  const values = call.args.map((arg) => {
    switch (arg.kind) {
      case 'value':
        return arg.value
      case 'path':
        return readPath(arg.path, data)
      case 'call':
        return evaluate(arg.call, data)
    }
  })
  return call.fn.apply(values, call.written)
}

/**
 * A path that matches nothing (or is malformed, or names an undefined variable) fails with
 * States.Runtime, as a missing path in Parameters does; paths.ts words the detail.
 */
function readPath(path: string, data: PathData): JsonValue {
  try {
    return queryPath(path, data, 'States.Runtime')
  } catch (error) {
    if (!isStatesError(error)) throw error
    throw new IntrinsicError(error.errorCause, error.error)
  }
}
