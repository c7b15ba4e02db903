// The JSON intrinsics: StringToJson, JsonToString, JsonMerge.
import type {JsonObject, JsonValue} from '../../../../asl/types.js'
import {IntrinsicError} from '../errors.js'
import {booleanArg, objectArg, stringArg} from '../values.js'

export function stringToJson(args: JsonValue[]): JsonValue {
  const fn = 'States.StringToJson'
  const text = stringArg(fn, args, 0)
  // Recorded from the service: "" and " " both give null instead of failing.
  if (text.trim() === '') return null
  try {
    return JSON.parse(text, (_key, value: JsonValue) => (Object.is(value, -0) ? 0 : value)) as JsonValue
  } catch (error) {
    throw new IntrinsicError(`${fn} could not parse its argument as JSON: ${(error as Error).message}`)
  }
}

/** Compact JSON, no spaces, as the service writes it (`{"name":"Foo","year":2020}`). */
export function jsonToString(args: JsonValue[]): JsonValue {
  return JSON.stringify(args[0] as JsonValue)
}

/**
 * Shallow merge, the second object's keys win. The service accepts only `false` for the deep
 * flag. The result is a fresh deep copy, so neither argument (often a slice of the state input)
 * can be changed through it, now or by whoever edits the result later.
 */
export function jsonMerge(args: JsonValue[]): JsonValue {
  const fn = 'States.JsonMerge'
  const left = objectArg(fn, args, 0)
  const right = objectArg(fn, args, 1)
  if (booleanArg(fn, args, 2)) {
    throw new IntrinsicError(`${fn} supports only shallow merging: the third argument must be false`)
  }
  const merged: JsonObject = {}
  for (const source of [left, right]) {
    // defineProperty rather than assignment, so a key named "__proto__" stays an ordinary key.
    for (const [key, value] of Object.entries(source)) {
      const copy = structuredClone(value)
      Object.defineProperty(merged, key, {value: copy, enumerable: true, writable: true, configurable: true})
    }
  }
  return merged
}
