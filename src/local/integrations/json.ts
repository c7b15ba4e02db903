// Reading task parameters: Step Functions hands every integration plain JSON.
import type {JsonObject, JsonValue} from '../../asl/types.js'

/** The value as an object, or undefined when it is not one (arrays and null are not). */
export const asObject = (v: JsonValue | undefined): JsonObject | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined
