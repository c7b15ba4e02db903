// JSONPath payload templates (Parameters, ResultSelector, ItemSelector, Assign): a key ending in
// `.$` takes its value from a path or an intrinsic, everything else is copied. The one
// implementation of the rule, used by the local engine and by the recovery planner's walk.
import {evaluateIntrinsic, isIntrinsic} from '../local/engine/intrinsics/index.js'
import {queryPath, type PathData} from './paths.js'
import {StatesError} from './states-error.js'
import type {JsonObject, JsonValue} from './types.js'

export interface TemplateOptions {
  /** A `.$` value that cannot be evaluated becomes null instead of failing (the planner's walk). */
  lenient?: boolean
}

/** Throws StatesError('States.Runtime') as AWS does for a bad `.$` field or a path that matches nothing. */
export function applyPayloadTemplate(template: JsonValue, data: PathData, options: TemplateOptions = {}): JsonValue {
  return processTemplate(template, data, options.lenient === true, 0)
}

function processTemplate(template: JsonValue, data: PathData, lenient: boolean, depth: number): JsonValue {
  if (depth > 256) throw new StatesError('States.Runtime', 'The payload template is nested too deeply')
  if (Array.isArray(template)) return template.map((item) => processTemplate(item, data, lenient, depth + 1))
  if (template === null || typeof template !== 'object') return template
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(template)) {
    let name = key
    let result: JsonValue
    if (key.endsWith('.$') && key.length > 2) {
      name = key.slice(0, -2)
      try {
        result = fieldValue(key, value, data)
      } catch (error) {
        if (!lenient) throw error
        result = null
      }
    } else {
      result = processTemplate(value, data, lenient, depth + 1)
    }
    // defineProperty, so a field named "__proto__" stays data.
    Object.defineProperty(out, name, {value: result, enumerable: true, writable: true, configurable: true})
  }
  return out
}

function fieldValue(key: string, value: JsonValue, data: PathData): JsonValue {
  if (typeof value !== 'string') {
    throw new StatesError('States.Runtime', `The value for the field '${key}' must be a STRING that contains a JSONPath but was ${describeType(value)}`)
  }
  return isIntrinsic(value) ? evaluateIntrinsic(value, data) : queryPath(value, data, 'States.Runtime', key)
}

function describeType(value: JsonValue): string {
  if (value === null) return 'NULL'
  if (Array.isArray(value)) return 'an ARRAY'
  return `a ${typeof value === 'number' ? 'NUMBER' : typeof value === 'boolean' ? 'BOOLEAN' : 'OBJECT'}`
}
