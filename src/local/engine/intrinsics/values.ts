// Argument checks and JSON value helpers shared by the function bodies. Each check throws an
// IntrinsicError whose message names the function and the argument, so a failed run says which
// argument was wrong without the operator re-reading the definition.
import type {JsonObject, JsonValue} from '../../../asl/types.js'
import {IntrinsicError} from './errors.js'

export const isObject = (value: JsonValue): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function typeName(value: JsonValue): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

/** `ordinal` is 1-based, as people count arguments. */
function wrongType(fn: string, ordinal: number, wanted: string, value: JsonValue): IntrinsicError {
  const got = `${typeName(value)}: ${preview(value)}`
  return new IntrinsicError(`${fn} expects ${wanted} as argument ${ordinal}, but got ${got}`)
}

export function preview(value: JsonValue): string {
  const text = JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

export function arrayArg(fn: string, args: JsonValue[], index: number): JsonValue[] {
  const value = args[index] as JsonValue
  if (!Array.isArray(value)) throw wrongType(fn, index + 1, 'an array', value)
  return value
}

export function objectArg(fn: string, args: JsonValue[], index: number): JsonObject {
  const value = args[index] as JsonValue
  if (!isObject(value)) throw wrongType(fn, index + 1, 'a JSON object', value)
  return value
}

export function stringArg(fn: string, args: JsonValue[], index: number, maxLength?: number): string {
  const value = args[index] as JsonValue
  if (typeof value !== 'string') throw wrongType(fn, index + 1, 'a string', value)
  if (maxLength !== undefined && value.length > maxLength) {
    throw new IntrinsicError(
      `${fn} accepts at most ${maxLength} characters in argument ${index + 1}, but got ${value.length}`,
    )
  }
  return value
}

export function booleanArg(fn: string, args: JsonValue[], index: number): boolean {
  const value = args[index] as JsonValue
  if (typeof value !== 'boolean') throw wrongType(fn, index + 1, 'a boolean', value)
  return value
}

/**
 * A number rounded to the nearest integer, halves towards positive infinity: Step Functions
 * documents rounding for ArrayPartition, ArrayRange, MathRandom and MathAdd, and its recorded
 * results (MathAdd(-1.5, 0) = -1, MathAdd(2.5, 0) = 3) match Math.round exactly.
 */
export function roundedIntegerArg(fn: string, args: JsonValue[], index: number): number {
  const value = args[index] as JsonValue
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(fn, index + 1, 'a number', value)
  return Math.round(value) + 0 // + 0 turns -0 into 0
}

/** An integer, not rounded: for indexes, where a fraction is a mistake rather than a value. */
export function integerArg(fn: string, args: JsonValue[], index: number): number {
  const value = args[index] as JsonValue
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(fn, index + 1, 'an integer', value)
  return value
}

/**
 * A text equal for values that are equal as JSON: object keys sorted, 1 and 1.0 the same (JSON
 * numbers have no separate integer type). Used to compare and de-duplicate by deep equality.
 */
export function canonicalKey(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`
  if (isObject(value)) {
    const keys = Object.keys(value).sort()
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalKey(value[key] as JsonValue)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export const deepEqual = (a: JsonValue, b: JsonValue): boolean => canonicalKey(a) === canonicalKey(b)
