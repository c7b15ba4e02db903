// Shared state data and helpers for the intrinsic function tests.
import {expect, it} from 'vitest'
import type {PathData} from '../../../src/asl/paths.js'
import {isStatesError, type StatesError} from '../../../src/asl/states-error.js'
import type {JsonObject, JsonValue} from '../../../src/asl/types.js'
import {evaluateIntrinsic} from '../../../src/local/engine/intrinsics/index.js'

// Sources of the expected values: "doc" = the example in the developer guide page "Intrinsic
// functions for JSONPath states"; "spec" = the States Language spec, Appendix B; "recorded" =
// results recorded from Step Functions itself (LocalStack's AWS-validated snapshots).

export const CONTEXT: JsonObject = {
  Execution: {
    Id: 'arn:aws:states:us-east-1:123456789012:execution:weekday:run-1',
    Name: 'run-1',
    StartTime: '2026-03-07T06:00:00.000Z',
  },
  StateMachine: {Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:weekday', Name: 'weekday'},
  State: {Name: 'Prepare', EnteredTime: '2026-03-07T06:00:01.000Z'},
}

export const VARIABLES: JsonObject = {runDate: '2026-03-07', team: {name: 'research', size: 4}}

export const data = (input: JsonValue = {}): PathData => ({input, context: CONTEXT, variables: VARIABLES})

export function failureOf(expression: string, input: JsonValue = {}): StatesError {
  try {
    evaluateIntrinsic(expression, data(input))
  } catch (error) {
    if (isStatesError(error)) return error
    throw error
  }
  throw new Error(`expected ${expression} to fail`)
}

/** Expression text as it reads after JSON decoding of a definition (`\\{` in the file is `\{`). */
export const fromJson = (jsonText: string): string => JSON.parse(jsonText) as string

export interface Case {
  name: string
  expression: string
  input?: JsonValue
  expected: JsonValue
}

export const runCases = (cases: Case[]) =>
  it.each(cases)('$name', ({expression, input, expected}) => {
    // Given the state data, When the expression is evaluated
    const result = evaluateIntrinsic(expression, data(input))
    // Then it yields what Step Functions yields
    expect(result).toStrictEqual(expected)
  })

