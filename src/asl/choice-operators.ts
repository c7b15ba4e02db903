// The comparison operators of a JSONPath Choice rule, as the States Language lists them, and how
// each compares two values. A comparison whose values are not both of the operator's type is false,
// never an error (spec: "if the values are not both of the appropriate type ... the comparison will
// return false").
import {StatesError} from './states-error.js'
import {compareInstants, isTimestamp, parseTimestamp} from './timestamp.js'
import type {JsonValue} from './types.js'

export type ValueType = 'String' | 'Numeric' | 'Boolean' | 'Timestamp'
export type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals'
export type TypeTest = 'Null' | 'Present' | 'Numeric' | 'String' | 'Boolean' | 'Timestamp'

export type Operator =
  | {kind: 'compare'; type: ValueType; relation: Relation; path: boolean}
  | {kind: 'matches'}
  | {kind: 'is'; test: TypeTest}

const RELATIONS: readonly Relation[] = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals']

/** Every operator name a data-test rule may use, e.g. NumericLessThanEqualsPath, StringMatches, IsPresent. */
export const OPERATORS: ReadonlyMap<string, Operator> = (() => {
  const table = new Map<string, Operator>()
  for (const type of ['String', 'Numeric', 'Timestamp'] as const) {
    for (const relation of RELATIONS) {
      table.set(`${type}${relation}`, {kind: 'compare', type, relation, path: false})
      table.set(`${type}${relation}Path`, {kind: 'compare', type, relation, path: true})
    }
  }
  table.set('BooleanEquals', {kind: 'compare', type: 'Boolean', relation: 'Equals', path: false})
  table.set('BooleanEqualsPath', {kind: 'compare', type: 'Boolean', relation: 'Equals', path: true})
  table.set('StringMatches', {kind: 'matches'})
  for (const test of ['Null', 'Present', 'Numeric', 'String', 'Boolean', 'Timestamp'] as const) {
    table.set(`Is${test}`, {kind: 'is', test})
  }
  return table
})()

/** Whether a literal right-hand value has the operator's type (a definition error otherwise). */
export function literalFits(type: ValueType, value: unknown): boolean {
  switch (type) {
    case 'String':
      return typeof value === 'string'
    case 'Numeric':
      return typeof value === 'number'
    case 'Boolean':
      return typeof value === 'boolean'
    case 'Timestamp':
      return isTimestamp(value)
  }
}

/** Compares two values under an operator's type and relation; false when either has another type. */
export function compareValues(type: ValueType, relation: Relation, left: JsonValue, right: JsonValue): boolean {
  let order: number
  if (type === 'String') {
    if (typeof left !== 'string' || typeof right !== 'string') return false
    // UTF-16 code unit order, which is what Java's String.compareTo (the documented semantics) uses.
    order = left < right ? -1 : left > right ? 1 : 0
  } else if (type === 'Numeric') {
    if (typeof left !== 'number' || typeof right !== 'number') return false
    order = left - right
  } else if (type === 'Boolean') {
    if (typeof left !== 'boolean' || typeof right !== 'boolean') return false
    order = left === right ? 0 : 1
  } else {
    if (typeof left !== 'string' || typeof right !== 'string') return false
    const a = parseTimestamp(left)
    const b = parseTimestamp(right)
    if (a === undefined || b === undefined) return false
    order = compareInstants(a, b)
  }
  return holds(relation, order)
}

function holds(relation: Relation, order: number): boolean {
  switch (relation) {
    case 'Equals':
      return order === 0
    case 'LessThan':
      return order < 0
    case 'GreaterThan':
      return order > 0
    case 'LessThanEquals':
      return order <= 0
    case 'GreaterThanEquals':
      return order >= 0
  }
}

/** The Is* type tests; IsPresent is answered by the caller, which knows whether the path matched. */
export function passesTypeTest(test: Exclude<TypeTest, 'Present'>, value: JsonValue): boolean {
  switch (test) {
    case 'Null':
      return value === null
    case 'Numeric':
      return typeof value === 'number'
    case 'String':
      return typeof value === 'string'
    case 'Boolean':
      return typeof value === 'boolean'
    case 'Timestamp':
      return isTimestamp(value)
  }
}

/**
 * Compiles a StringMatches pattern: "*" matches any run of characters, "\*" a literal star and
 * "\\" a literal backslash; any other backslash is an open escape, which the spec makes an error.
 */
export function compileStringMatches(pattern: string): (value: string) => boolean {
  // The pattern split at its unescaped stars: literal segments that must appear in order.
  const segments: string[] = ['']
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '\\') {
      const next = pattern[i + 1]
      if (next !== '*' && next !== '\\') {
        throw new StatesError('States.Runtime', `StringMatches pattern '${pattern}' has an open escape backslash at position ${i}; only \\* and \\\\ are escapes`)
      }
      segments[segments.length - 1] += next
      i++
    } else if (c === '*') {
      segments.push('')
    } else {
      segments[segments.length - 1] += c
    }
  }
  return (value) => globMatch(segments, value)
}

// Linear in practice and without regular-expression backtracking: the first segment is a prefix,
// the last a suffix, and the leftmost occurrence of each middle segment is always the best choice.
function globMatch(segments: readonly string[], value: string): boolean {
  const first = segments[0] as string
  if (segments.length === 1) return value === first
  const last = segments[segments.length - 1] as string
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false
  const end = value.length - last.length
  let at = first.length
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] as string
    const found = value.indexOf(segment, at)
    if (found < 0 || found + segment.length > end) return false
    at = found + segment.length
  }
  return true
}
