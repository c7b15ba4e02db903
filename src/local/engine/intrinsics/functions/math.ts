// States.MathAdd and States.MathRandom. Both round non-integer arguments to the nearest integer
// (documented, and confirmed by results recorded from the service for MathAdd).
import {randomInt} from 'node:crypto'
import type {JsonValue} from '../../../../asl/types.js'
import {IntrinsicError} from '../errors.js'
import {JavaRandom} from '../java-random.js'
import {roundedIntegerArg} from '../values.js'

const INT_MIN = -2147483648
const INT_MAX = 2147483647

export function mathAdd(args: JsonValue[]): JsonValue {
  const fn = 'States.MathAdd'
  const [a, b] = [roundedIntegerArg(fn, args, 0), roundedIntegerArg(fn, args, 1)]
  for (const value of [a, b]) {
    if (value < INT_MIN || value > INT_MAX) {
      throw new IntrinsicError(`${fn} accepts integers from ${INT_MIN} to ${INT_MAX}, but got ${value}`)
    }
  }
  return a + b + 0
}

/** A random integer from start (inclusive) to end (exclusive); the same seed gives the same number. */
export function mathRandom(args: JsonValue[]): JsonValue {
  const fn = 'States.MathRandom'
  const start = roundedIntegerArg(fn, args, 0)
  const end = roundedIntegerArg(fn, args, 1)
  const span = end - start
  if (span < 1) throw new IntrinsicError(`${fn} expects the end (${end}) to be greater than the start (${start})`)
  if (span > INT_MAX) throw new IntrinsicError(`${fn} expects end - start to be at most ${INT_MAX}, but got ${span}`)
  const seed = args.length > 2 ? roundedIntegerArg(fn, args, 2) : randomInt(0, 2 ** 48 - 1)
  return start + new JavaRandom(seed).nextInt(span)
}
