// Conformance: every JSONPath Choice operator, through a real Choice state. Each operator has a case
// that takes the rule and one that falls to Default, so a Choice that always (or never) matches fails.
import {describe, expect, it} from 'vitest'
import type {ChoiceRule, JsonValue, StateMachineDefinition} from '../../../../src/asl/types.js'
import {run} from './run.js'

/** A Choice with one rule -> "yes", Default -> "no". */
const oneRule = (rule: ChoiceRule): StateMachineDefinition => ({
  StartAt: 'C',
  States: {
    C: {Type: 'Choice', Choices: [{...rule, Next: 'Yes'}], Default: 'No'},
    Yes: {Type: 'Pass', Result: 'yes', End: true},
    No: {Type: 'Pass', Result: 'no', End: true},
  },
})

const decide = async (rule: ChoiceRule, input: JsonValue): Promise<JsonValue | undefined> => {
  const r = await run(oneRule(rule), input)
  expect(r.status, `${r.error}: ${r.cause}`).toBe('SUCCEEDED')
  return r.output
}

type Row = [operator: string, value: JsonValue, variable: JsonValue, expected: 'yes' | 'no']

// ---- Developer guide, "Choice workflow state" (Choice Rules, comparison operators) and the spec's
// "Choice State" (Data-test Expression). Strings compare by code unit as Java's compareTo does;
// values of the wrong type never match.
describe('guide: Choice comparison operators against a literal', () => {
  const rows: Row[] = [
    ['StringEquals', 'MyString', 'MyString', 'yes'],
    ['StringEquals', 'MyString', 'mystring', 'no'],
    ['StringEquals', '1', 1, 'no'],
    ['StringLessThan', 'b', 'a', 'yes'],
    ['StringLessThan', 'b', 'b', 'no'],
    ['StringLessThan', 'a', 'B', 'yes'],
    ['StringGreaterThan', 'MyStringABC', 'MyStringABD', 'yes'],
    ['StringGreaterThan', 'MyStringABC', 'MyString', 'no'],
    ['StringLessThanEquals', 'b', 'b', 'yes'],
    ['StringLessThanEquals', 'b', 'c', 'no'],
    ['StringGreaterThanEquals', 'b', 'b', 'yes'],
    ['StringGreaterThanEquals', 'b', 'a', 'no'],
    ['NumericEquals', 1, 1, 'yes'],
    ['NumericEquals', 1, 2, 'no'],
    ['NumericEquals', 1, '1', 'no'],
    ['NumericEquals', 0, 0, 'yes'],
    ['NumericLessThan', 10, 9.5, 'yes'],
    ['NumericLessThan', 10, 10, 'no'],
    ['NumericLessThan', 0, -1, 'yes'],
    ['NumericGreaterThan', 10, 10.5, 'yes'],
    ['NumericGreaterThan', 10, 10, 'no'],
    ['NumericLessThanEquals', 10, 10, 'yes'],
    ['NumericLessThanEquals', 10, 11, 'no'],
    ['NumericGreaterThanEquals', 20, 20, 'yes'],
    ['NumericGreaterThanEquals', 20, 19, 'no'],
    ['BooleanEquals', true, true, 'yes'],
    ['BooleanEquals', true, false, 'no'],
    ['BooleanEquals', true, 'true', 'no'],
    ['TimestampEquals', '2001-01-01T12:00:00Z', '2001-01-01T12:00:00Z', 'yes'],
    ['TimestampEquals', '2001-01-01T12:00:00Z', '2001-01-01T12:00:01Z', 'no'],
    ['TimestampEquals', '2016-03-14T01:59:00Z', '2016-03-14T02:59:00+01:00', 'yes'],
    ['TimestampLessThan', '2016-03-14T01:59:00Z', '2016-03-14T01:58:59Z', 'yes'],
    ['TimestampLessThan', '2016-03-14T01:59:00Z', '2016-03-14T01:59:00Z', 'no'],
    ['TimestampLessThan', '2016-03-14T01:59:00Z', 'yesterday', 'no'],
    ['TimestampGreaterThan', '2016-03-14T01:59:00Z', '2016-03-14T01:59:00.500Z', 'yes'],
    ['TimestampGreaterThan', '2016-03-14T01:59:00Z', '2016-03-14T01:59:00Z', 'no'],
    ['TimestampLessThanEquals', '2016-03-14T01:59:00Z', '2016-03-14T01:59:00Z', 'yes'],
    ['TimestampLessThanEquals', '2016-03-14T01:59:00Z', '2017-01-01T00:00:00Z', 'no'],
    ['TimestampGreaterThanEquals', '2016-03-14T01:59:00Z', '2016-03-14T01:59:00Z', 'yes'],
    ['TimestampGreaterThanEquals', '2016-03-14T01:59:00Z', '2015-12-31T23:59:59Z', 'no'],
  ]

  it.each(rows)('%s %j with $.foo = %j -> %s', async (operator, value, variable, expected) => {
    expect(await decide({Variable: '$.foo', [operator]: value}, {foo: variable})).toBe(expected)
  })
})

// ---- Spec "Choice State", StringMatches note: "*" matches zero or more characters, "\\*" is a
// literal star, nothing else is special. Guide example "log-*.txt".
describe('spec: StringMatches', () => {
  const rows: Row[] = [
    ['StringMatches', 'log-*.txt', 'log-2024.txt', 'yes'],
    ['StringMatches', 'log-*.txt', 'log-.txt', 'yes'],
    ['StringMatches', 'log-*.txt', 'logs.txt', 'no'],
    ['StringMatches', 'foo*.log', 'foo23.log', 'yes'],
    ['StringMatches', '*.log', 'zebra.log', 'yes'],
    ['StringMatches', 'foo*.*', 'foobar.zebra', 'yes'],
    ['StringMatches', 'LOG-*.txt', 'log-1.txt', 'no'],
    ['StringMatches', 'a.c', 'abc', 'no'],
    ['StringMatches', String.raw`a\*b`, 'a*b', 'yes'],
    ['StringMatches', String.raw`a\*b`, 'axxb', 'no'],
    ['StringMatches', '*', 7, 'no'],
  ]

  it.each(rows)('%s %j with $.foo = %j -> %s', async (operator, value, variable, expected) => {
    expect(await decide({Variable: '$.foo', [operator]: value}, {foo: variable})).toBe(expected)
  })
})

// ---- Guide "Choice workflow state": comparing two variables by appending Path to the operator; the
// value is a path applied to the state's effective input.
describe('guide: Choice *Path operators compare two input values', () => {
  const rows: [operator: string, foo: JsonValue, bar: JsonValue, expected: 'yes' | 'no'][] = [
    ['StringEqualsPath', 'x', 'x', 'yes'],
    ['StringEqualsPath', 'x', 'y', 'no'],
    ['StringLessThanPath', 'a', 'b', 'yes'],
    ['StringLessThanPath', 'b', 'a', 'no'],
    ['StringGreaterThanPath', 'b', 'a', 'yes'],
    ['StringGreaterThanPath', 'a', 'a', 'no'],
    ['StringLessThanEqualsPath', 'a', 'a', 'yes'],
    ['StringLessThanEqualsPath', 'b', 'a', 'no'],
    ['StringGreaterThanEqualsPath', 'a', 'a', 'yes'],
    ['StringGreaterThanEqualsPath', 'a', 'b', 'no'],
    ['NumericEqualsPath', 3, 3, 'yes'],
    ['NumericEqualsPath', 3, 4, 'no'],
    ['NumericLessThanPath', 3, 4, 'yes'],
    ['NumericLessThanPath', 4, 4, 'no'],
    ['NumericGreaterThanPath', 5, 4, 'yes'],
    ['NumericGreaterThanPath', 4, 4, 'no'],
    ['NumericLessThanEqualsPath', 4, 4, 'yes'],
    ['NumericLessThanEqualsPath', 5, 4, 'no'],
    ['NumericGreaterThanEqualsPath', 4, 4, 'yes'],
    ['NumericGreaterThanEqualsPath', 3, 4, 'no'],
    ['BooleanEqualsPath', false, false, 'yes'],
    ['BooleanEqualsPath', false, true, 'no'],
    ['TimestampEqualsPath', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'yes'],
    ['TimestampEqualsPath', '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', 'no'],
    ['TimestampLessThanPath', '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', 'yes'],
    ['TimestampLessThanPath', '2020-01-02T00:00:00Z', '2020-01-01T00:00:00Z', 'no'],
    ['TimestampGreaterThanPath', '2020-01-02T00:00:00Z', '2020-01-01T00:00:00Z', 'yes'],
    ['TimestampGreaterThanPath', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'no'],
    ['TimestampLessThanEqualsPath', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'yes'],
    ['TimestampLessThanEqualsPath', '2020-01-02T00:00:00Z', '2020-01-01T00:00:00Z', 'no'],
    ['TimestampGreaterThanEqualsPath', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'yes'],
    ['TimestampGreaterThanEqualsPath', '2019-12-31T00:00:00Z', '2020-01-01T00:00:00Z', 'no'],
  ]

  it.each(rows)('%s with $.foo = %j, $.bar = %j -> %s', async (operator, foo, bar, expected) => {
    expect(await decide({Variable: '$.foo', [operator]: '$.bar'}, {foo, bar})).toBe(expected)
  })
})

// ---- Spec "Choice State": IsNull, IsPresent ("if the Variable-field Path fails to match anything in
// the input no exception is thrown and the Choice Rule just returns false"), IsNumeric, IsString,
// IsBoolean, IsTimestamp.
describe('spec: type-test operators', () => {
  const rows: [operator: string, value: boolean, input: JsonValue, expected: 'yes' | 'no'][] = [
    ['IsNull', true, {foo: null}, 'yes'],
    ['IsNull', true, {foo: 0}, 'no'],
    ['IsNull', false, {foo: 'x'}, 'yes'],
    ['IsPresent', true, {foo: 1}, 'yes'],
    ['IsPresent', true, {}, 'no'],
    ['IsPresent', true, {foo: null}, 'yes'],
    ['IsPresent', false, {}, 'yes'],
    ['IsPresent', false, {foo: 1}, 'no'],
    ['IsNumeric', true, {foo: 1.5}, 'yes'],
    ['IsNumeric', true, {foo: '1'}, 'no'],
    ['IsNumeric', false, {foo: '1'}, 'yes'],
    ['IsString', true, {foo: 'a'}, 'yes'],
    ['IsString', true, {foo: 1}, 'no'],
    ['IsBoolean', true, {foo: false}, 'yes'],
    ['IsBoolean', true, {foo: 'false'}, 'no'],
    ['IsTimestamp', true, {foo: '2016-03-14T01:59:00Z'}, 'yes'],
    ['IsTimestamp', true, {foo: '2016-03-14'}, 'no'],
    ['IsTimestamp', false, {foo: 'soon'}, 'yes'],
  ]

  it.each(rows)('%s: %s with %j -> %s', async (operator, value, input, expected) => {
    expect(await decide({Variable: '$.foo', [operator]: value}, input)).toBe(expected)
  })

  it('IsPresent false matches inside a nested path whose parent is absent', async () => {
    expect(await decide({Variable: '$.a.b.c', IsPresent: false}, {})).toBe('yes')
  })
})

// ---- Spec "Choice State" example (DispatchEvent): Not, And with IsPresent guarding the numeric
// tests, NumericGreaterThanPath, Default.
describe('spec: the DispatchEvent example', () => {
  const dispatch: StateMachineDefinition = {
    StartAt: 'DispatchEvent',
    States: {
      DispatchEvent: {
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
            Next: 'ValueInTwenties',
          },
          {Variable: '$.rating', NumericGreaterThanPath: '$.auditThreshold', Next: 'StartAudit'},
        ],
        Default: 'RecordEvent',
      },
      Public: {Type: 'Pass', Result: 'Public', End: true},
      ValueInTwenties: {Type: 'Pass', Result: 'ValueInTwenties', End: true},
      StartAudit: {Type: 'Pass', Result: 'StartAudit', End: true},
      RecordEvent: {Type: 'Pass', Result: 'RecordEvent', End: true},
    },
  }

  it.each([
    [{type: 'Private', value: 22}, 'ValueInTwenties'],
    [{type: 'Public', value: 22}, 'Public'],
    [{type: 'Private', rating: 5, auditThreshold: 3}, 'StartAudit'],
    [{type: 'Private', value: 35, rating: 1, auditThreshold: 3}, 'RecordEvent'],
  ])('input %j goes to %s', async (input, expected) => {
    const r = await run(dispatch, input)
    expect(r.output).toBe(expected)
  })
})

// ---- Developer guide, "Choice workflow state", Choice State Example (ChoiceStateX)
describe('guide: the ChoiceStateX example', () => {
  const choiceX: StateMachineDefinition = {
    StartAt: 'ChoiceStateX',
    States: {
      ChoiceStateX: {
        Type: 'Choice',
        Choices: [
          {Not: {Variable: '$.type', StringEquals: 'Private'}, Next: 'Public'},
          {Variable: '$.value', NumericEquals: 0, Next: 'ValueIsZero'},
          {And: [{Variable: '$.value', NumericGreaterThanEquals: 20}, {Variable: '$.value', NumericLessThan: 30}], Next: 'ValueInTwenties'},
        ],
        Default: 'DefaultState',
      },
      Public: {Type: 'Pass', Result: 'Public', End: true},
      ValueIsZero: {Type: 'Pass', Result: 'ValueIsZero', End: true},
      ValueInTwenties: {Type: 'Pass', Result: 'ValueInTwenties', End: true},
      DefaultState: {Type: 'Fail', Cause: 'No Matches!'},
    },
  }

  it('{"type": "Private", "value": 22} goes to ValueInTwenties', async () => {
    expect((await run(choiceX, {type: 'Private', value: 22})).output).toBe('ValueInTwenties')
  })

  it('{"type": "Private", "value": 0} goes to ValueIsZero', async () => {
    expect((await run(choiceX, {type: 'Private', value: 0})).output).toBe('ValueIsZero')
  })

  it('no rule matching goes to the Default, here a Fail state with its Cause', async () => {
    const r = await run(choiceX, {type: 'Private', value: 5})
    expect(r.status).toBe('FAILED')
    expect(r.cause).toBe('No Matches!')
  })

  it('a Variable path that matches nothing fails the execution with States.Runtime', async () => {
    // The guide's note: "If the state input doesn't contain the $.type field, the execution fails"
    const r = await run(choiceX, {value: 22})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.Runtime')
  })
})

// ---- Guide "Choice workflow state": And/Or/Not, order of rules, IsPresent guarding StringEquals,
// Default, and the spec's States.NoChoiceMatched.
describe('guide: Boolean expressions, rule order and Default', () => {
  it('the IsPresent guard in an And stops before StringEquals reads an absent key', async () => {
    const rule: ChoiceRule = {
      And: [
        {Variable: '$.keyThatMightNotExist', IsPresent: true},
        {Variable: '$.keyThatMightNotExist', StringEquals: 'foo'},
      ],
    }
    expect(await decide(rule, {})).toBe('no')
    expect(await decide(rule, {keyThatMightNotExist: 'foo'})).toBe('yes')
  })

  it.each([
    [{v: 'a'}, 'yes'],
    [{v: 'b'}, 'yes'],
    [{v: 'c'}, 'no'],
  ])('Or matches when any rule does: %j -> %s', async (input, expected) => {
    const rule: ChoiceRule = {Or: [{Variable: '$.v', StringEquals: 'a'}, {Variable: '$.v', StringEquals: 'b'}]}
    expect(await decide(rule, input)).toBe(expected)
  })

  it('Not inverts its rule, including IsPresent on an absent field', async () => {
    expect(await decide({Not: {Variable: '$.flag', IsPresent: true}}, {})).toBe('yes')
    expect(await decide({Not: {Variable: '$.flag', IsPresent: true}}, {flag: 1})).toBe('no')
  })

  it('nested And inside Or inside Not evaluates as written', async () => {
    const rule: ChoiceRule = {
      Not: {Or: [{And: [{Variable: '$.a', NumericGreaterThan: 1}, {Variable: '$.b', BooleanEquals: true}]}, {Variable: '$.c', IsNull: true}]},
    }
    expect(await decide(rule, {a: 2, b: true, c: 1})).toBe('no')
    expect(await decide(rule, {a: 2, b: false, c: 1})).toBe('yes')
  })

  it('the first matching rule wins', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            {Variable: '$.n', NumericGreaterThan: 10, Next: 'Big'},
            {Variable: '$.n', NumericGreaterThan: 1, Next: 'Small'},
          ],
          Default: 'None',
        },
        Big: {Type: 'Pass', Result: 'Big', End: true},
        Small: {Type: 'Pass', Result: 'Small', End: true},
        None: {Type: 'Pass', Result: 'None', End: true},
      },
    }
    expect((await run(def, {n: 50})).output).toBe('Big')
    expect((await run(def, {n: 5})).output).toBe('Small')
  })

  it('no match and no Default fails with States.NoChoiceMatched', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'C',
      States: {
        C: {Type: 'Choice', Choices: [{Variable: '$.n', NumericEquals: 1, Next: 'One'}]},
        One: {Type: 'Succeed'},
      },
    }
    const r = await run(def, {n: 2})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.NoChoiceMatched')
  })

  it('a Variable may read the Context object ($$.Execution.Input)', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Strip',
      States: {
        Strip: {Type: 'Pass', Result: {}, Next: 'C'},
        C: {Type: 'Choice', Choices: [{Variable: '$$.Execution.Input.writeMetrics', BooleanEquals: true, Next: 'Yes'}], Default: 'No'},
        Yes: {Type: 'Pass', Result: 'yes', End: true},
        No: {Type: 'Pass', Result: 'no', End: true},
      },
    }
    expect((await run(def, {writeMetrics: true})).output).toBe('yes')
    expect((await run(def, {writeMetrics: false})).output).toBe('no')
  })
})

// ---- Spec "Input and Output Processing": a Choice has InputPath and OutputPath and passes its
// (filtered) input on unchanged.
describe('spec: Choice input and output', () => {
  it('the chosen state receives the Choice input unchanged', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'C',
      States: {
        C: {Type: 'Choice', Choices: [{Variable: '$.go', BooleanEquals: true, Next: 'Done'}]},
        Done: {Type: 'Pass', End: true},
      },
    }
    expect((await run(def, {go: true, payload: [1, 2]})).output).toEqual({go: true, payload: [1, 2]})
  })

  it('InputPath narrows what the rules read and OutputPath what goes on', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'C',
      States: {
        C: {Type: 'Choice', InputPath: '$.inner', OutputPath: '$.data', Choices: [{Variable: '$.go', BooleanEquals: true, Next: 'Done'}], Default: 'Other'},
        Done: {Type: 'Pass', End: true},
        Other: {Type: 'Fail', Error: 'WrongBranch'},
      },
    }
    const r = await run(def, {go: false, inner: {go: true, data: {x: 1}}})
    expect(r.output).toEqual({x: 1})
  })
})
