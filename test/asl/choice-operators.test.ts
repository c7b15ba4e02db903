import {describe, expect, it} from 'vitest'
import {evaluateChoiceRule} from '../../src/asl/choice.js'
import type {PathData} from '../../src/asl/paths.js'
import {StatesError} from '../../src/asl/states-error.js'
import type {ChoiceRule, JsonValue} from '../../src/asl/types.js'

// The comparison operators of choice-operators.ts, exercised through the public evaluateChoiceRule.

const data = (input: JsonValue, extra: Omit<PathData, 'input'> = {}): PathData => ({input, ...extra})

/** Evaluates `{Variable: '$.v', [operator]: operand}` against `{v: value}`. */
const test = (operator: string, value: JsonValue, operand: JsonValue): boolean =>
  evaluateChoiceRule({Variable: '$.v', [operator]: operand}, data({v: value}))

function statesErrorOf(fn: () => unknown): StatesError {
  try {
    fn()
  } catch (error) {
    if (error instanceof StatesError) return error
    throw new Error(`expected a StatesError, got ${String(error)}`)
  }
  throw new Error('expected a StatesError, nothing was thrown')
}

// [operator, variable value, literal operand, expected]
type Row = [string, JsonValue, JsonValue, boolean]

const STRING_ROWS: Row[] = [
  ['StringEquals', 'abc', 'abc', true],
  ['StringEquals', 'abc', 'abd', false],
  ['StringEquals', 'ABC', 'abc', false],
  ['StringEquals', 123, '123', false],
  ['StringEquals', null, 'null', false],
  ['StringLessThan', 'abc', 'abd', true],
  ['StringLessThan', 'abd', 'abc', false],
  ['StringLessThan', 'abc', 'abc', false],
  ['StringLessThan', 'B', 'a', true], // UTF-16 order: uppercase sorts before lowercase
  ['StringLessThan', 'a', 'ab', true], // a prefix sorts first
  ['StringLessThan', 1, 'a', false],
  ['StringGreaterThan', 'b', 'a', true],
  ['StringGreaterThan', 'a', 'b', false],
  ['StringGreaterThan', 'a', 'a', false],
  ['StringGreaterThan', true, 'a', false],
  ['StringLessThanEquals', 'a', 'a', true],
  ['StringLessThanEquals', 'a', 'b', true],
  ['StringLessThanEquals', 'b', 'a', false],
  ['StringLessThanEquals', ['a'], 'b', false],
  ['StringGreaterThanEquals', 'a', 'a', true],
  ['StringGreaterThanEquals', 'b', 'a', true],
  ['StringGreaterThanEquals', 'a', 'b', false],
  ['StringGreaterThanEquals', {s: 'b'}, 'a', false],
]

const NUMERIC_ROWS: Row[] = [
  ['NumericEquals', 1, 1, true],
  ['NumericEquals', 1.0, 1, true],
  ['NumericEquals', 2, 1, false],
  ['NumericEquals', '1', 1, false],
  ['NumericEquals', true, 1, false],
  ['NumericEquals', -0.5, -0.5, true],
  ['NumericLessThan', 1, 2, true],
  ['NumericLessThan', 2, 2, false],
  ['NumericLessThan', 3, 2, false],
  ['NumericLessThan', '1', 2, false],
  ['NumericGreaterThan', 3, 2, true],
  ['NumericGreaterThan', 2, 2, false],
  ['NumericGreaterThan', 1, 2, false],
  ['NumericGreaterThan', '3', 2, false],
  ['NumericLessThanEquals', 2, 2, true],
  ['NumericLessThanEquals', 1.5, 2, true],
  ['NumericLessThanEquals', 2.5, 2, false],
  ['NumericLessThanEquals', null, 2, false],
  ['NumericGreaterThanEquals', 2, 2, true],
  ['NumericGreaterThanEquals', 1e3, 2, true],
  ['NumericGreaterThanEquals', 1, 2, false],
  ['NumericGreaterThanEquals', [3], 2, false],
]

const BOOLEAN_ROWS: Row[] = [
  ['BooleanEquals', true, true, true],
  ['BooleanEquals', false, false, true],
  ['BooleanEquals', false, true, false],
  ['BooleanEquals', 'true', true, false],
  ['BooleanEquals', 1, true, false],
  ['BooleanEquals', null, false, false],
]

const TIMESTAMP_ROWS: Row[] = [
  ['TimestampEquals', '2001-01-01T12:00:00Z', '2001-01-01T12:00:00Z', true],
  ['TimestampEquals', '2026-01-01T00:00:00+01:00', '2025-12-31T23:00:00Z', true],
  ['TimestampEquals', '2026-01-01T00:00:00+01:00', '2026-01-01T00:00:00Z', false],
  ['TimestampEquals', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00Z', true],
  ['TimestampEquals', '2026-01-01T00:00:00.000000001Z', '2026-01-01T00:00:00Z', false],
  ['TimestampEquals', 'yesterday', '2026-01-01T00:00:00Z', false],
  ['TimestampEquals', '2026-01-01t00:00:00z', '2026-01-01T00:00:00Z', false], // lowercase t and z are not timestamps
  ['TimestampEquals', '2026-01-01T00:00:00', '2026-01-01T00:00:00Z', false], // no zone
  ['TimestampEquals', 1767225600, '2026-01-01T00:00:00Z', false],
  ['TimestampLessThan', '2026-01-01T00:00:00+01:00', '2026-01-01T00:00:00Z', true],
  ['TimestampLessThan', '2026-01-01T00:00:00-01:00', '2026-01-01T00:00:00Z', false],
  ['TimestampLessThan', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false],
  ['TimestampLessThan', '2026-02-30T00:00:00Z', '2027-01-01T00:00:00Z', false], // no 30 February
  ['TimestampGreaterThan', '2026-01-01T00:00:00.000000001Z', '2026-01-01T00:00:00Z', true],
  ['TimestampGreaterThan', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.5Z', false],
  ['TimestampGreaterThan', '2026-01-01T00:00:00.5Z', '2026-01-01T00:00:00.123456789Z', true], // .5 is half a second
  ['TimestampEquals', '2026-01-01T00:00:00.5Z', '2026-01-01T00:00:00.500000000Z', true],
  ['TimestampGreaterThan', '2024-02-29T00:00:00Z', '2024-02-28T23:59:59.999Z', true],
  ['TimestampGreaterThan', true, '2024-02-28T23:59:59Z', false],
  ['TimestampLessThanEquals', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00+01:00', true],
  ['TimestampLessThanEquals', '2026-01-01T00:00:00Z', '2025-12-31T23:59:59Z', false],
  ['TimestampLessThanEquals', '2026-13-01T00:00:00Z', '2027-01-01T00:00:00Z', false], // month 13
  ['TimestampGreaterThanEquals', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00+01:00', true],
  ['TimestampGreaterThanEquals', '1999-12-31T23:59:59Z', '2000-01-01T00:00:00Z', false],
  ['TimestampGreaterThanEquals', '2026-01-01T25:00:00Z', '2000-01-01T00:00:00Z', false], // hour 25
]

// A timestamp is also a string: StringEquals compares the text, not the instant.
const CROSS_TYPE_ROWS: Row[] = [
  ['StringEquals', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', true],
  ['StringEquals', '2026-01-01T00:00:00+01:00', '2025-12-31T23:00:00Z', false],
]

const ALL_ROWS = [...STRING_ROWS, ...NUMERIC_ROWS, ...BOOLEAN_ROWS, ...TIMESTAMP_ROWS, ...CROSS_TYPE_ROWS]

describe('evaluateChoiceRule: comparisons with a literal', () => {
  it.each(ALL_ROWS)('%s with variable %j and operand %j is %s', (operator, value, operand, expected) => {
    // Given {v: value}, When compared with the literal, Then the spec's answer; a type mismatch is false
    expect(test(operator, value, operand)).toBe(expected)
  })
})

describe('evaluateChoiceRule: *Path comparisons read the right side from the data', () => {
  // Every literal row again, with the operand moved into the input at $.right.
  it.each(ALL_ROWS.map(([op, value, operand, expected]) => [`${op}Path`, value, operand, expected] as Row))(
    '%s with variable %j and $.right = %j is %s',
    (operator, value, right, expected) => {
      const rule: ChoiceRule = {Variable: '$.v', [operator]: '$.right'}
      expect(evaluateChoiceRule(rule, data({v: value, right}))).toBe(expected)
    },
  )

  it.each<Row>([
    ['StringEqualsPath', 'a', 1, false],
    ['NumericEqualsPath', 1, '1', false],
    ['NumericLessThanPath', 1, null, false],
    ['BooleanEqualsPath', true, 'true', false],
    ['TimestampEqualsPath', '2026-01-01T00:00:00Z', 'not a time', false],
  ])('%s is false when the right side %j has the wrong type', (operator, value, right, expected) => {
    expect(evaluateChoiceRule({Variable: '$.v', [operator]: '$.right'}, data({v: value, right}))).toBe(expected)
  })

  it('fails with States.Runtime naming the right-hand path when it matches nothing', () => {
    // Given a NumericEqualsPath whose right path is absent from the input
    const rule: ChoiceRule = {Variable: '$.v', NumericEqualsPath: '$.missing'}
    // When evaluated, Then Step Functions' invalid-path error names the right-hand path
    const error = statesErrorOf(() => evaluateChoiceRule(rule, data({v: 1})))
    expect(error.error).toBe('States.Runtime')
    expect(error.errorCause).toBe("Invalid path '$.missing': The choice state's condition path references an invalid value.")
  })

  it('reads the right side from the Context object and from a variable', () => {
    const pathData = data({v: 'exec-1', n: 3}, {context: {Execution: {Name: 'exec-1'}}, variables: {limit: 5}})
    expect(evaluateChoiceRule({Variable: '$.v', StringEqualsPath: '$$.Execution.Name'}, pathData)).toBe(true)
    expect(evaluateChoiceRule({Variable: '$.n', NumericLessThanPath: '$limit'}, pathData)).toBe(true)
    expect(evaluateChoiceRule({Variable: '$limit', NumericLessThanPath: '$.n'}, pathData)).toBe(false)
  })
})

describe('evaluateChoiceRule: type tests', () => {
  it.each<[string, JsonValue, boolean]>([
    ['IsNull', null, true],
    ['IsNull', 0, false],
    ['IsNull', 'null', false],
    ['IsNumeric', 1.5, true],
    ['IsNumeric', '1', false],
    ['IsString', '', true],
    ['IsString', 1, false],
    ['IsBoolean', false, true],
    ['IsBoolean', 'false', false],
    ['IsTimestamp', '2026-01-01T00:00:00+01:00', true],
    ['IsTimestamp', '2026-01-01T00:00:00.123456789Z', true],
    ['IsTimestamp', '2026-01-01', false],
    ['IsTimestamp', '2026-01-01 00:00:00Z', false],
    ['IsTimestamp', 1767225600, false],
  ])('%s of %j is %s, and %s:false negates it', (operator, value, expected) => {
    expect(test(operator, value, true)).toBe(expected)
    expect(test(operator, value, false)).toBe(!expected)
  })
})

describe('evaluateChoiceRule: StringMatches', () => {
  it.each<[string, JsonValue, boolean]>([
    ['foo*.log', 'foo23.log', true], // the spec's examples
    ['*.log', 'zebra.log', true],
    ['foo*.*', 'foobar.zebra', true],
    ['foo*.log', 'foo23.txt', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['*', '', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['a*a', 'a', false], // the prefix and the suffix cannot share a character
    ['a*b*b', 'ab', false], // nor a middle segment and the suffix
    ['a*b*b', 'abb', true],
    ['a.c', 'abc', false], // only * is special
    ['a?c', 'abc', false],
    ['[ab]', 'a', false],
    ['a\\*b', 'a*b', true], // JSON "a\\*b": an escaped, literal star
    ['a\\*b', 'axxb', false],
    ['a\\\\b', 'a\\b', true], // JSON "a\\\\b": a literal backslash
    ['a\\\\*', 'a\\anything', true], // a literal backslash, then a wildcard
    ['*a*a*a*a*a*b', 'a'.repeat(5000), false],
    ['*.log', 42, false],
    ['*', null, false],
  ])('pattern %j against %j is %s', (pattern, value, expected) => {
    expect(test('StringMatches', value, pattern)).toBe(expected)
  })

  it.each(['a\\b', 'trailing\\', '\\n'])('rejects the open escape backslash in %j with States.Runtime', (pattern) => {
    const error = statesErrorOf(() => test('StringMatches', 'anything', pattern))
    expect(error.error).toBe('States.Runtime')
    expect(error.errorCause).toContain('open escape backslash')
  })
})
