// The table of intrinsic functions Step Functions offers in JSONPath states: each name with how
// many arguments it takes and its body. The bodies receive evaluated argument values; Format
// also receives the arguments as written, to tell escaped braces from placeholders.
import type {JsonValue} from '../../../asl/types.js'
import type {IntrinsicArgument} from './ast.js'
import {
  array,
  arrayContains,
  arrayGetItem,
  arrayLength,
  arrayPartition,
  arrayRange,
  arrayUnique,
} from './functions/array.js'
import {base64Decode, base64Encode, hash} from './functions/encoding.js'
import {jsonMerge, jsonToString, stringToJson} from './functions/json.js'
import {mathAdd, mathRandom} from './functions/math.js'
import {format, stringSplit, uuid} from './functions/string.js'

export interface IntrinsicFunction {
  minArgs: number
  maxArgs: number
  apply(args: JsonValue[], written: readonly IntrinsicArgument[]): JsonValue
}

const fixed = (count: number, apply: IntrinsicFunction['apply']): IntrinsicFunction => ({
  minArgs: count,
  maxArgs: count,
  apply,
})

export const INTRINSIC_FUNCTIONS: ReadonlyMap<string, IntrinsicFunction> = new Map([
  ['States.Format', {minArgs: 1, maxArgs: Infinity, apply: format}],
  ['States.StringToJson', fixed(1, stringToJson)],
  ['States.JsonToString', fixed(1, jsonToString)],
  ['States.Array', {minArgs: 0, maxArgs: Infinity, apply: array}],
  ['States.ArrayPartition', fixed(2, arrayPartition)],
  ['States.ArrayContains', fixed(2, arrayContains)],
  ['States.ArrayRange', fixed(3, arrayRange)],
  ['States.ArrayGetItem', fixed(2, arrayGetItem)],
  ['States.ArrayLength', fixed(1, arrayLength)],
  ['States.ArrayUnique', fixed(1, arrayUnique)],
  ['States.Base64Encode', fixed(1, base64Encode)],
  ['States.Base64Decode', fixed(1, base64Decode)],
  ['States.Hash', fixed(2, hash)],
  ['States.JsonMerge', fixed(3, jsonMerge)],
  ['States.MathRandom', {minArgs: 2, maxArgs: 3, apply: mathRandom}],
  ['States.MathAdd', fixed(2, mathAdd)],
  ['States.StringSplit', fixed(2, stringSplit)],
  ['States.UUID', fixed(0, uuid)],
])

export function describeArity(fn: IntrinsicFunction): string {
  if (fn.minArgs === fn.maxArgs) return `${fn.minArgs} argument${fn.minArgs === 1 ? '' : 's'}`
  if (fn.maxArgs === Infinity) return `at least ${fn.minArgs} argument${fn.minArgs === 1 ? '' : 's'}`
  return `${fn.minArgs} to ${fn.maxArgs} arguments`
}
