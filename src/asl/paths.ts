// JSONPath access as Step Functions does it: Reference Paths (Choice variables, ResultPath,
// *SecondsPath...), full Paths (payload template `.$` fields, InputPath, OutputPath, ItemsPath) and
// ResultPath placement.
//
// Values returned here share structure with the data they were read from, and applyResultPath
// copies only the objects on the path it writes. Callers treat state data as immutable.
import {JSONPath} from 'jsonpath-plus'
import {malformed, parsePath, type ParsedPath, type PathStep} from './path-syntax.js'
import {StatesError} from './states-error.js'
import type {JsonObject, JsonValue} from './types.js'

/** What a path can read: `$` the state input, `$$` the Context object, `$name` a variable. */
export interface PathData {
  input: JsonValue
  context?: JsonValue
  variables?: JsonObject
}

export type PathRead = {found: true; value: JsonValue} | {found: false}

const NOT_FOUND: PathRead = Object.freeze({found: false})

/** Reads a Reference Path (`$.a.b`, `$.a[0]`, `$$.Execution.Id`, `$var.x`); found:false when absent. */
export function readReferencePath(path: string, data: PathData): PathRead {
  const parsed = parsePath(path)
  if (parsed.steps === undefined) throw notAReferencePath(path)
  const root = rootOf(parsed, data)
  if (root === undefined) return NOT_FOUND
  return walk(root, parsed.steps)
}

/**
 * Evaluates a `.$` path of a payload template or InputPath/OutputPath/ItemsPath: a full JSONPath
 * (filters, wildcards) through jsonpath-plus. A definite path returns its value; an indefinite one
 * returns the array of matches. Throws StatesError('States.Runtime' or 'States.ParameterPathFailure'
 * as the caller passes in errorName) when a definite path matches nothing.
 *
 * `field` names what held the path (`'address.$'`, `'InputPath'`), as Step Functions does in its
 * message: "The JSONPath '$.a' specified for the field 'address.$' could not be found in the input '{}'".
 */
export function queryPath(path: string, data: PathData, errorName?: string, field?: string): JsonValue {
  const parsed = parsePath(path)
  const root = rootOf(parsed, data)
  if (root === undefined) throw notFound(path, parsed, data, errorName, field)
  if (parsed.steps !== undefined) {
    const read = walk(root, parsed.steps)
    if (!read.found) throw notFound(path, parsed, data, errorName, field)
    return read.value
  }
  return queryIndefinite(parsed, root)
}

/**
 * Applies ResultPath: undefined -> `$` (result replaces input); null -> input unchanged; `$` ->
 * result; `$.a.b` -> a copy of input with result placed at a.b, creating objects on the way.
 * Never mutates `input`. Throws StatesError('States.ResultPathMatchFailure') when the path runs
 * through a non-object.
 */
export function applyResultPath(input: JsonValue, resultPath: string | null | undefined, result: JsonValue): JsonValue {
  if (resultPath === undefined || resultPath === '$') return result
  if (resultPath === null) return input
  const parsed = parsePath(resultPath)
  if (parsed.root !== 'input') {
    throw new StatesError('States.Runtime', `The ResultPath '${resultPath}' must address the state input ('$...'), not the Context object or a variable`)
  }
  if (parsed.steps === undefined) throw notAReferencePath(resultPath)
  if (parsed.steps.length === 0) return result
  return placeAt(input, parsed.steps, 0, result, input)
}

/**
 * The error name applyResultPath throws. The spec names it States.ResultPathMatchFailure; executions
 * on AWS have been seen failing with States.ReferencePathConflict and the same "Unable to apply
 * step" cause instead. Kept as the spec says until a recorded AWS execution settles it.
 */
export const RESULT_PATH_ERROR = 'States.ResultPathMatchFailure'

function rootOf(parsed: ParsedPath, data: PathData): JsonValue | undefined {
  if (parsed.root === 'input') return data.input
  if (parsed.root === 'context') return data.context
  const vars = data.variables
  const name = parsed.variable as string
  return vars !== undefined && Object.hasOwn(vars, name) ? vars[name] : undefined
}

function walk(root: JsonValue, steps: readonly PathStep[]): PathRead {
  let node: JsonValue = root
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return NOT_FOUND
      const index = step < 0 ? node.length + step : step
      if (index < 0 || index >= node.length) return NOT_FOUND
      node = node[index] as JsonValue
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return NOT_FOUND
      // Own fields only: '$.constructor' or '$.a.__proto__' must not reach JavaScript internals.
      if (!Object.hasOwn(node, step)) return NOT_FOUND
      node = node[step] as JsonValue
    }
  }
  return {found: true, value: node}
}

function queryIndefinite(parsed: ParsedPath, root: JsonValue): JsonValue[] {
  let matches: unknown
  try {
    // wrap:true always yields an array, so one match is not silently unwrapped. eval:'safe' runs
    // filter expressions in jsonpath-plus's own restricted evaluator, never through JavaScript eval.
    matches = JSONPath({path: parsed.query as string, json: root as object, wrap: true, eval: 'safe', resultType: 'value'})
  } catch (error) {
    throw malformed(parsed.source, error instanceof Error ? error.message : String(error))
  }
  // jsonpath-plus answers undefined (not []) when the root is null.
  return Array.isArray(matches) ? (matches as JsonValue[]) : []
}

function placeAt(node: JsonValue, steps: readonly PathStep[], i: number, result: JsonValue, input: JsonValue): JsonValue {
  const step = steps[i] as PathStep
  const last = i === steps.length - 1
  if (typeof step === 'number') {
    // An index can replace an existing element, never grow an array or invent one.
    if (!Array.isArray(node)) throw cannotApply(step, input)
    const index = step < 0 ? node.length + step : step
    if (index < 0 || index >= node.length) throw cannotApply(step, input)
    const copy = node.slice()
    copy[index] = last ? result : placeAt(node[index] as JsonValue, steps, i + 1, result, input)
    return copy
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw cannotApply(step, input)
  const copy: JsonObject = {...node}
  let value: JsonValue
  if (last) {
    value = result
  } else {
    // A missing field becomes an object when the next step names a field; an index cannot be
    // applied to a field that does not exist.
    const child: JsonValue | undefined = Object.hasOwn(node, step) ? node[step] : typeof steps[i + 1] === 'string' ? {} : undefined
    if (child === undefined) throw cannotApply(steps[i + 1] as PathStep, input)
    value = placeAt(child, steps, i + 1, result, input)
  }
  // defineProperty, so a field named "__proto__" is data and not the prototype setter.
  Object.defineProperty(copy, step, {value, enumerable: true, writable: true, configurable: true})
  return copy
}

function cannotApply(step: PathStep, input: JsonValue): StatesError {
  return new StatesError(RESULT_PATH_ERROR, `Unable to apply step "${String(step)}" to input ${JSON.stringify(input)}`)
}

function notAReferencePath(path: string): StatesError {
  return new StatesError(
    'States.Runtime',
    `The path '${path}' is not a valid Reference Path: it must identify a single node, so '*', '..', filters, slices and unions are not allowed`,
  )
}

function notFound(path: string, parsed: ParsedPath, data: PathData, errorName: string | undefined, field: string | undefined): StatesError {
  const where = field === undefined ? '' : ` specified for the field '${field}'`
  const searched = rootOf(parsed, data)
  const cause =
    searched === undefined && parsed.root === 'variable'
      ? `The JSONPath '${path}'${where} references the variable '${parsed.variable ?? ''}', which is not defined`
      : `The JSONPath '${path}'${where} could not be found in the input '${JSON.stringify(searched ?? null)}'`
  return new StatesError(errorName ?? 'States.Runtime', cause)
}
