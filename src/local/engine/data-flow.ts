// Input and output processing of JSONPath states, in the order the States Language applies it:
// InputPath -> Parameters (a payload template) -> the state's work -> ResultSelector (a payload
// template over the result) -> ResultPath (the result placed into the raw state input) ->
// OutputPath. Payload templates also serve ItemSelector and JSONPath Assign.
//
// State data is treated as immutable throughout: nothing here mutates what it reads.
import {applyResultPath, queryPath, type PathData} from '../../asl/paths.js'
import {applyPayloadTemplate} from '../../asl/payload-template.js'
import type {JsonObject, JsonValue} from '../../asl/types.js'
import {runtimeError} from './errors.js'
import {isObject} from './payload.js'

/** What paths read besides `$`: the Context object (`$$`) and the variables in scope (`$name`). */
export interface PathScope {
  context: JsonValue
  variables: JsonObject
}

// The Context object is read only by `$$` paths: a getter keeps it from being built for every state.
class ScopedPathData implements PathData {
  constructor(
    readonly input: JsonValue,
    private readonly scope: PathScope,
  ) {}
  get context(): JsonValue {
    return this.scope.context
  }
  get variables(): JsonObject {
    return this.scope.variables
  }
}
const data = (input: JsonValue, scope: PathScope): PathData => new ScopedPathData(input, scope)

/** InputPath: absent -> the input; null -> {}; a path -> what it selects (States.Runtime when nothing). */
export function applyInputPath(path: unknown, input: JsonValue, scope: PathScope): JsonValue {
  return selectPath(path, input, scope, 'InputPath')
}

/** OutputPath, with the same rules as InputPath, applied to the state's output. */
export function applyOutputPath(path: unknown, output: JsonValue, scope: PathScope): JsonValue {
  return selectPath(path, output, scope, 'OutputPath')
}

function selectPath(path: unknown, value: JsonValue, scope: PathScope, field: string): JsonValue {
  if (path === undefined) return value
  if (path === null) return {}
  if (typeof path !== 'string') throw runtimeError(`The field '${field}' must be a path string or null`)
  return queryPath(path, data(value, scope), 'States.Runtime', field)
}

/**
 * A payload template: fields whose name ends in `.$` take the value of a path or an intrinsic
 * function evaluated against `input`; the others are copied, nested objects and arrays processed
 * the same way.
 */
export function applyTemplate(template: JsonValue, input: JsonValue, scope: PathScope): JsonValue {
  return applyPayloadTemplate(template, data(input, scope))
}

/** ResultPath: where the result goes in the raw state input (States.ResultPathMatchFailure when it cannot). */
export function applyResultPathTo(rawInput: JsonValue, resultPath: unknown, result: JsonValue): JsonValue {
  if (resultPath !== undefined && resultPath !== null && typeof resultPath !== 'string') {
    throw runtimeError("The field 'ResultPath' must be a path string or null")
  }
  return applyResultPath(rawInput, resultPath as string | null | undefined, result)
}

/** JSONPath Assign: a payload template whose `$` is the state's result (or input, or error output). */
export function assignJsonPath(assign: unknown, value: JsonValue, scope: PathScope): JsonObject | undefined {
  if (assign === undefined) return undefined
  if (!isObject(assign)) throw runtimeError("The field 'Assign' must be an object")
  return applyTemplate(assign, value, scope) as JsonObject
}

/** A Reference Path that must select a value (SecondsPath, TimeoutSecondsPath...). */
export function readPath(path: string, input: JsonValue, scope: PathScope, field: string): JsonValue {
  return queryPath(path, data(input, scope), 'States.Runtime', field)
}
