// JSONPath payload templates (Parameters, ResultSelector, ItemSelector): a key ending in `.$`
// takes its value from a path or an intrinsic, everything else is copied. Pure ASL semantics,
// used by the recovery planner's walk; the engine has the same rules.
import {evaluateIntrinsic, isIntrinsic} from '../local/engine/intrinsics/index.js'
import {queryPath, type PathData} from './paths.js'
import type {JsonObject, JsonValue} from './types.js'

export interface TemplateOptions {
  /** A `.$` value that cannot be evaluated becomes null instead of failing (the planner's walk). */
  lenient?: boolean
}

export function applyPayloadTemplate(template: JsonValue, data: PathData, options: TemplateOptions = {}): JsonValue {
  if (Array.isArray(template)) return template.map((t) => applyPayloadTemplate(t, data, options))
  if (template === null || typeof template !== 'object') return template
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      try {
        out[key.slice(0, -2)] = isIntrinsic(value) ? evaluateIntrinsic(value, data) : queryPath(value, data, 'States.Runtime', key)
      } catch (error) {
        if (!options.lenient) throw error
        out[key.slice(0, -2)] = null
      }
    } else {
      out[key] = applyPayloadTemplate(value, data, options)
    }
  }
  return out
}
