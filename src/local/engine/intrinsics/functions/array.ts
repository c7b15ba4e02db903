// States.Array and the array intrinsics. Behaviour follows the developer guide and results
// recorded from the service: ArrayRange includes its end value, ArrayPartition keeps a short
// last chunk, ArrayContains and ArrayUnique compare by deep JSON equality.
import type {JsonValue} from '../../../../asl/types.js'
import {IntrinsicError} from '../errors.js'
import {arrayArg, canonicalKey, deepEqual, integerArg, roundedIntegerArg} from '../values.js'

/** The documented limit of States.ArrayRange. */
export const MAX_RANGE_ITEMS = 1000

export function array(args: JsonValue[]): JsonValue {
  return [...args]
}

export function arrayPartition(args: JsonValue[]): JsonValue {
  const fn = 'States.ArrayPartition'
  const items = arrayArg(fn, args, 0)
  const size = roundedIntegerArg(fn, args, 1)
  if (size < 1) throw new IntrinsicError(`${fn} expects a chunk size of at least 1, but got ${size}`)
  const chunks: JsonValue[] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

export function arrayContains(args: JsonValue[]): JsonValue {
  const items = arrayArg('States.ArrayContains', args, 0)
  const wanted = args[1] as JsonValue
  return items.some((item) => deepEqual(item, wanted))
}

export function arrayRange(args: JsonValue[]): JsonValue {
  const fn = 'States.ArrayRange'
  const first = roundedIntegerArg(fn, args, 0)
  const last = roundedIntegerArg(fn, args, 1)
  const step = roundedIntegerArg(fn, args, 2)
  if (step === 0) throw new IntrinsicError(`${fn} expects a non-zero step`)
  // A step pointing away from the end value yields no elements rather than running forever.
  const count = (last - first) / step < 0 ? 0 : Math.floor((last - first) / step) + 1
  if (count > MAX_RANGE_ITEMS) {
    throw new IntrinsicError(`${fn} can create at most ${MAX_RANGE_ITEMS} elements, but this range has ${count}`)
  }
  return Array.from({length: count}, (_, i) => first + i * step)
}

export function arrayGetItem(args: JsonValue[]): JsonValue {
  const fn = 'States.ArrayGetItem'
  const items = arrayArg(fn, args, 0)
  const index = integerArg(fn, args, 1)
  if (index < 0 || index >= items.length) {
    throw new IntrinsicError(`${fn} index ${index} is out of bounds for an array of length ${items.length}`)
  }
  return items[index] as JsonValue
}

export function arrayLength(args: JsonValue[]): JsonValue {
  return arrayArg('States.ArrayLength', args, 0).length
}

export function arrayUnique(args: JsonValue[]): JsonValue {
  const seen = new Set<string>()
  return arrayArg('States.ArrayUnique', args, 0).filter((item) => {
    const key = canonicalKey(item)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
