import {describe, expect, it} from 'vitest'
import {OPERATORS} from '../../src/asl/choice-operators.js'
import {chooseNext, evaluateChoiceRule} from '../../src/asl/choice.js'
import type {PathData} from '../../src/asl/paths.js'
import {StatesError} from '../../src/asl/states-error.js'
import type {ChoiceRule, ChoiceState, JsonObject, JsonValue} from '../../src/asl/types.js'

const data = (input: JsonValue, extra: Omit<PathData, 'input'> = {}): PathData => ({input, ...extra})

function statesErrorOf(fn: () => unknown): StatesError {
  try {
    fn()
  } catch (error) {
    if (error instanceof StatesError) return error
    throw new Error(`expected a StatesError, got ${String(error)}`)
  }
  throw new Error('expected a StatesError, nothing was thrown')
}

// One operand per operator that fits its type, to probe behaviour that does not depend on it.
const OPERAND: Record<string, JsonValue> = {
  StringMatches: 'a*',
  BooleanEquals: true,
  BooleanEqualsPath: '$.right',
  IsNull: true,
  IsNumeric: true,
  IsString: true,
  IsBoolean: true,
  IsTimestamp: true,
}
for (const type of ['String', 'Numeric', 'Timestamp']) {
  for (const relation of ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals']) {
    OPERAND[`${type}${relation}`] = type === 'String' ? 'a' : type === 'Numeric' ? 1 : '2026-01-01T00:00:00Z'
    OPERAND[`${type}${relation}Path`] = '$.right'
  }
}
const OPERATORS_BUT_IS_PRESENT = Object.keys(OPERAND)

describe('evaluateChoiceRule: a Variable that matches nothing', () => {
  it('covers the 38 operators of the spec other than IsPresent', () => {
    expect(OPERATORS_BUT_IS_PRESENT).toHaveLength(38)
    expect(new Set(OPERATORS_BUT_IS_PRESENT)).toEqual(new Set([...OPERATORS.keys()].filter((name) => name !== 'IsPresent')))
  })

  it.each(OPERATORS_BUT_IS_PRESENT)('%s fails with States.Runtime instead of answering', (operator) => {
    // Given an input without $.missing, When any operator but IsPresent tests it,
    // Then the execution fails as on AWS ("You must specify the $.type field")
    const rule: ChoiceRule = {Variable: '$.missing', [operator]: OPERAND[operator] as JsonValue}
    const error = statesErrorOf(() => evaluateChoiceRule(rule, data({right: 'a'})))
    expect(error.error).toBe('States.Runtime')
    expect(error.errorCause).toBe("Invalid path '$.missing': The choice state's condition path references an invalid value.")
  })

  it('fails the same way for an undefined variable and a missing Context field', () => {
    expect(statesErrorOf(() => evaluateChoiceRule({Variable: '$undefinedVar', StringEquals: 'x'}, data({}))).errorCause).toContain("Invalid path '$undefinedVar'")
    expect(statesErrorOf(() => evaluateChoiceRule({Variable: '$$.Execution.Nope', IsNull: true}, data({}, {context: {Execution: {}}}))).error).toBe('States.Runtime')
  })
})

describe('evaluateChoiceRule: IsPresent', () => {
  it.each<[string, string, JsonValue, boolean, boolean]>([
    ['a present value', '$.x', {x: 1}, true, true],
    ['a present value', '$.x', {x: 1}, false, false],
    ['an absent value', '$.x', {}, true, false],
    ['an absent value', '$.x', {}, false, true], // the case another library gets wrong: IsPresent:false must match
    ['a null value', '$.x', {x: null}, true, true],
    ['a null value', '$.x', {x: null}, false, false],
    ['a false value', '$.x', {x: false}, true, true],
    ['a path through a string', '$.x.y', {x: 'text'}, true, false],
    ['a path through a string', '$.x.y', {x: 'text'}, false, true],
    ['an index past the end', '$.x[3]', {x: [1, 2, 3]}, true, false],
  ])('on %s (%s in %j) with IsPresent %s answers %s', (_label, variable, input, operand, expected) => {
    expect(evaluateChoiceRule({Variable: variable, IsPresent: operand}, data(input))).toBe(expected)
  })

  it('answers for variables and the Context object too', () => {
    const pathData = data({}, {variables: {defined: 0}, context: {Execution: {Id: 'arn'}}})
    expect(evaluateChoiceRule({Variable: '$defined', IsPresent: true}, pathData)).toBe(true)
    expect(evaluateChoiceRule({Variable: '$undefinedVar', IsPresent: false}, pathData)).toBe(true)
    expect(evaluateChoiceRule({Variable: '$$.Execution.Id', IsPresent: true}, pathData)).toBe(true)
    expect(evaluateChoiceRule({Variable: '$$.Map.Item', IsPresent: true}, pathData)).toBe(false)
  })
})

describe('evaluateChoiceRule: And, Or, Not', () => {
  const input = {n: 25, s: 'x', t: true}
  it.each<[string, ChoiceRule, boolean]>([
    ['Not of a true rule', {Not: {Variable: '$.s', StringEquals: 'x'}}, false],
    ['Not of a false rule', {Not: {Variable: '$.s', StringEquals: 'y'}}, true],
    ['And of two true rules', {And: [{Variable: '$.n', NumericGreaterThanEquals: 20}, {Variable: '$.n', NumericLessThan: 30}]}, true],
    ['And with one false rule', {And: [{Variable: '$.n', NumericGreaterThanEquals: 20}, {Variable: '$.n', NumericLessThan: 25}]}, false],
    ['Or with one true rule', {Or: [{Variable: '$.s', StringEquals: 'y'}, {Variable: '$.t', BooleanEquals: true}]}, true],
    ['Or of false rules', {Or: [{Variable: '$.s', StringEquals: 'y'}, {Variable: '$.t', BooleanEquals: false}]}, false],
    [
      'nested And/Or/Not',
      {And: [{Or: [{Not: {Variable: '$.s', StringEquals: 'x'}}, {Variable: '$.n', IsNumeric: true}]}, {Not: {Not: {Variable: '$.t', BooleanEquals: true}}}]},
      true,
    ],
    ['a single-rule And', {And: [{Variable: '$.t', BooleanEquals: false}]}, false],
    ['Not guarding an absent field', {Not: {Variable: '$.absent', IsPresent: true}}, true],
    ['And stopping at a false guard before an absent field', {And: [{Variable: '$.absent', IsPresent: true}, {Variable: '$.absent', NumericEquals: 1}]}, false],
    ['Or stopping at a true rule before an absent field', {Or: [{Variable: '$.t', BooleanEquals: true}, {Variable: '$.absent', NumericEquals: 1}]}, true],
  ])('%s is %s', (_label, rule, expected) => {
    expect(evaluateChoiceRule(rule, data(input))).toBe(expected)
  })

  it('evaluates rules nested twenty deep', () => {
    let rule: ChoiceRule = {Variable: '$.n', NumericEquals: 25}
    for (let i = 0; i < 20; i++) rule = i % 2 === 0 ? {Not: {Not: rule}} : {And: [{Or: [rule]}]}
    expect(evaluateChoiceRule(rule, data(input))).toBe(true)
    expect(evaluateChoiceRule(rule, data({n: 24}))).toBe(false)
  })

  it('fails when an Or reaches an absent field because nothing before it matched', () => {
    const rule: ChoiceRule = {Or: [{Variable: '$.t', BooleanEquals: false}, {Variable: '$.absent', NumericEquals: 1}]}
    expect(statesErrorOf(() => evaluateChoiceRule(rule, data(input))).errorCause).toContain("'$.absent'")
  })
})

describe('evaluateChoiceRule: the skip-gate shape', () => {
  // The gate of DESIGN.md: skip when the input flag is present and true.
  const gate: ChoiceRule = {And: [{Variable: '$.skip_x', IsPresent: true}, {Variable: '$.skip_x', BooleanEquals: true}], Next: 'Skip'}

  it.each<[string, JsonObject, boolean]>([
    ['absent', {}, false],
    ['false', {skip_x: false}, false],
    ['true', {skip_x: true}, true],
    ['the string "true"', {skip_x: 'true'}, false],
    ['null', {skip_x: null}, false],
  ])('does not fail and answers correctly when the flag is %s', (_label, input, expected) => {
    expect(evaluateChoiceRule(gate, data(input))).toBe(expected)
  })

  it('fails the execution when the flag is absent and the gate has no IsPresent guard', () => {
    // Given the bare form of the gate, When the flag is absent, Then AWS fails with States.Runtime,
    // which is why a recovery must send the flag explicitly or the gate must be guarded
    const bare: ChoiceRule = {Variable: '$.skip_x', BooleanEquals: true, Next: 'Skip'}
    expect(statesErrorOf(() => evaluateChoiceRule(bare, data({}))).error).toBe('States.Runtime')
    expect(evaluateChoiceRule(bare, data({skip_x: true}))).toBe(true)
  })
})

describe('evaluateChoiceRule: Variables outside the input', () => {
  it('tests the Context object, variables and array elements', () => {
    const pathData = data({list: ['a', 'b']}, {context: {Execution: {Input: {mode: 'recover'}}}, variables: {attempt: 2, cfg: {on: true}}})
    expect(evaluateChoiceRule({Variable: '$$.Execution.Input.mode', StringEquals: 'recover'}, pathData)).toBe(true)
    expect(evaluateChoiceRule({Variable: '$attempt', NumericGreaterThan: 1}, pathData)).toBe(true)
    expect(evaluateChoiceRule({Variable: '$cfg.on', BooleanEquals: true}, pathData)).toBe(true)
    expect(evaluateChoiceRule({Variable: "$['list'][1]", StringEquals: 'b'}, pathData)).toBe(true)
    expect(evaluateChoiceRule({Variable: '$', IsNull: false}, pathData)).toBe(true)
  })
})

describe('evaluateChoiceRule: definition errors', () => {
  it.each<[string, ChoiceRule, string]>([
    ['two operators', {Variable: '$.v', StringEquals: 'a', StringMatches: 'a*'}, 'more than one operator: StringEquals, StringMatches'],
    ['an unknown operator', {Variable: '$.v', StringEqual: 'a'}, "unknown Choice operator 'StringEqual'"],
    ['StringMatchesPath, which the spec does not have', {Variable: '$.v', StringMatchesPath: '$.p'}, "unknown Choice operator 'StringMatchesPath'"],
    ['no operator', {Variable: '$.v'}, 'no comparison operator'],
    ['a Variable with And', {Variable: '$.v', And: [{Variable: '$.v', IsNull: true}]}, 'combines Variable with And'],
    ['And and Or together', {And: [{Variable: '$.v', IsNull: true}], Or: [{Variable: '$.v', IsNull: true}]}, 'more than one operator: And, Or'],
    ['an empty And', {And: []}, 'non-empty array'],
    ['a Not holding an array', {Not: [{Variable: '$.v', IsNull: true}] as unknown as ChoiceRule}, 'single Choice rule'],
    ['a nested Next', {Not: {Variable: '$.v', IsNull: true, Next: 'X'}}, "cannot have 'Next'"],
    ['a string where a number belongs', {Variable: '$.v', NumericEquals: '1'}, 'NumericEquals must be a number'],
    ['a number where a string belongs', {Variable: '$.v', StringEquals: 1}, 'StringEquals must be a string'],
    ['an invalid timestamp literal', {Variable: '$.v', TimestampLessThan: '2026-01-01'}, 'RFC 3339 timestamp'],
    ['a non-boolean type test', {Variable: '$.v', IsNull: 'yes'}, 'IsNull must be true or false'],
    ['an indefinite Variable', {Variable: '$.list[*]', IsPresent: true}, 'must be a Reference Path'],
    ['an indefinite right-hand path', {Variable: '$.v', StringEqualsPath: '$..name'}, 'must be a Reference Path'],
    ['a Variable that is not a path', {Variable: 'v', IsNull: true}, "must begin with '$'"],
  ])('rejects %s with States.Runtime', (_label, rule, message) => {
    const error = statesErrorOf(() => evaluateChoiceRule(rule, data({v: 'a', list: [1]})))
    expect(error.error).toBe('States.Runtime')
    expect(error.errorCause).toContain(message)
  })
})

describe('chooseNext', () => {
  // The JSONPath example of the States Language spec ("DispatchEvent").
  const dispatchEvent: ChoiceState = {
    Type: 'Choice',
    Choices: [
      {Not: {Variable: '$.type', StringEquals: 'Private'}, Next: 'Public'},
      {
        And: [
          {Variable: '$.value', IsPresent: true},
          {Variable: '$.value', IsNumeric: true},
          {Variable: '$.value', NumericGreaterThanEquals: 20},
          {Variable: '$.value', NumericLessThan: 30},
        ],
        Assign: {range: 'twenties'},
        Next: 'ValueInTwenties',
      },
      {Variable: '$.rating', NumericGreaterThanPath: '$.auditThreshold', Next: 'StartAudit'},
    ],
    Default: 'RecordEvent',
    Assign: {range: 'default'},
  }

  it.each<[JsonObject, string, number]>([
    [{type: 'Private', value: 22}, 'ValueInTwenties', 1], // the spec's own input and answer
    [{type: 'Public', value: 22}, 'Public', 0],
    [{type: 'Private', value: 35, rating: 90, auditThreshold: 80}, 'StartAudit', 2],
    [{type: 'Private', value: '22', rating: 90, auditThreshold: 80}, 'StartAudit', 2],
    [{type: 'Private', rating: 70, auditThreshold: 80}, 'RecordEvent', -1],
  ])('routes the spec example input %j to %s', (input, next, ruleIndex) => {
    expect(chooseNext(dispatchEvent, data(input))).toEqual({next, ruleIndex})
  })

  it('fails the spec example when no rule matches before the absent $.rating', () => {
    expect(statesErrorOf(() => chooseNext(dispatchEvent, data({type: 'Private', value: 5}))).errorCause).toContain("'$.rating'")
  })

  // The example of the AWS developer guide ("ChoiceStateX").
  const choiceStateX: ChoiceState = {
    Type: 'Choice',
    Choices: [
      {Not: {Variable: '$.type', StringEquals: 'Private'}, Next: 'Public'},
      {Variable: '$.value', NumericEquals: 0, Next: 'ValueIsZero'},
      {And: [{Variable: '$.value', NumericGreaterThanEquals: 20}, {Variable: '$.value', NumericLessThan: 30}], Next: 'ValueInTwenties'},
    ],
    Default: 'DefaultState',
  }

  it.each<[JsonObject, string, number]>([
    [{type: 'Private', value: 22}, 'ValueInTwenties', 2],
    [{type: 'Private', value: 0}, 'ValueIsZero', 1],
    [{type: 'Private', value: 40}, 'DefaultState', -1],
  ])('routes the developer guide example input %j to %s', (input, next, ruleIndex) => {
    expect(chooseNext(choiceStateX, data(input))).toEqual({next, ruleIndex})
  })

  it('takes the first matching rule when several match', () => {
    const state: ChoiceState = {
      Type: 'Choice',
      Choices: [
        {Variable: '$.n', NumericGreaterThan: 100, Next: 'Big'},
        {Variable: '$.n', NumericGreaterThan: 1, Next: 'First'},
        {Variable: '$.n', NumericGreaterThan: 0, Next: 'Second'},
      ],
      Default: 'Else',
    }
    expect(chooseNext(state, data({n: 5}))).toEqual({next: 'First', ruleIndex: 1})
  })

  it('answers next null when nothing matches and there is no Default (States.NoChoiceMatched)', () => {
    const state: ChoiceState = {Type: 'Choice', Choices: [{Variable: '$.n', NumericEquals: 1, Next: 'One'}]}
    expect(chooseNext(state, data({n: 2}))).toEqual({next: null, ruleIndex: -1})
  })

  it('refuses JSONata rules with a plain Error, not a StatesError', () => {
    const state: ChoiceState = {Type: 'Choice', QueryLanguage: 'JSONata', Choices: [{Condition: '{% $x = 1 %}', Next: 'One'}]}
    let thrown: unknown
    try {
      chooseNext(state, data({}))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    expect(thrown).not.toBeInstanceOf(StatesError)
    expect((thrown as Error).message).toContain('JSONPath rules only')
  })

  it('rejects a broken later rule even when an earlier rule matches', () => {
    const state: ChoiceState = {
      Type: 'Choice',
      Choices: [
        {Variable: '$.n', NumericEquals: 1, Next: 'One'},
        {Variable: '$.n', NumericEquals: 2, StringEquals: 'x', Next: 'Two'},
      ],
    }
    expect(statesErrorOf(() => chooseNext(state, data({n: 1}))).errorCause).toContain('more than one operator')
  })

  it.each<[string, ChoiceState, string]>([
    ['a top-level rule without Next', {Type: 'Choice', Choices: [{Variable: '$.n', IsNull: true}]}, 'has no Next'],
    ['an empty Choices array', {Type: 'Choice', Choices: []}, 'non-empty Choices'],
  ])('rejects %s', (_label, state, message) => {
    expect(statesErrorOf(() => chooseNext(state, data({n: 1}))).errorCause).toContain(message)
  })

  it('gives the same answer on every call (compiled rules are reused)', () => {
    const inputs: JsonObject[] = [{type: 'Private', value: 22}, {type: 'Public'}, {type: 'Private', value: 22}]
    expect(inputs.map((input) => chooseNext(choiceStateX, data(input)).next)).toEqual(['ValueInTwenties', 'Public', 'ValueInTwenties'])
  })
})
