// Which fields each state type accepts in each query language, and the checks of field contents
// that need a parser: paths, intrinsic functions, payload templates and JSONata expressions.
import {parsePath} from '../../asl/path-syntax.js'
import type {JsonValue, QueryLanguage} from '../../asl/types.js'
import {IntrinsicError} from './intrinsics/errors.js'
import {bind} from './intrinsics/evaluate.js'
import {isIntrinsic} from './intrinsics/index.js'
import {parseIntrinsic} from './intrinsics/parse.js'
import {compileExpression, expressionBody, isJsonataExpression} from './jsonata.js'
import {isObject} from './payload.js'

export type Severity = 'ERROR' | 'WARNING'

export interface Diagnostic {
  code: string
  message: string
  location: string
  /** Added to the contract: AWS's ValidateStateMachineDefinition severities. */
  severity: Severity
}

const COMMON = ['Type', 'Comment', 'QueryLanguage']
const FLOW = ['Next', 'End']

/** Fields a state type accepts whatever its query language. */
export const FIELDS: Readonly<Record<string, readonly string[]>> = {
  Pass: [...COMMON, ...FLOW, 'Assign', 'Result'],
  Task: [...COMMON, ...FLOW, 'Resource', 'Retry', 'Catch', 'TimeoutSeconds', 'HeartbeatSeconds', 'Credentials', 'Assign'],
  Choice: [...COMMON, 'Choices', 'Default', 'Assign'],
  Wait: [...COMMON, ...FLOW, 'Seconds', 'Timestamp', 'Assign'],
  Succeed: [...COMMON],
  Fail: [...COMMON, 'Error', 'Cause'],
  Parallel: [...COMMON, ...FLOW, 'Branches', 'Retry', 'Catch', 'Assign'],
  Map: [
    ...COMMON,
    ...FLOW,
    'ItemProcessor',
    'Iterator',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'ItemSelector',
    'MaxConcurrency',
    'ToleratedFailurePercentage',
    'ToleratedFailureCount',
    'Label',
    'Retry',
    'Catch',
    'Assign',
  ],
}

/** Fields only JSONPath states have. */
export const JSONPATH_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Pass: ['InputPath', 'OutputPath', 'Parameters', 'ResultPath'],
  Task: ['InputPath', 'OutputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath'],
  Choice: ['InputPath', 'OutputPath'],
  Wait: ['InputPath', 'OutputPath', 'SecondsPath', 'TimestampPath'],
  Succeed: ['InputPath', 'OutputPath'],
  Fail: ['ErrorPath', 'CausePath'],
  Parallel: ['InputPath', 'OutputPath', 'Parameters', 'ResultSelector', 'ResultPath'],
  Map: [
    'InputPath',
    'OutputPath',
    'ItemsPath',
    'Parameters',
    'ResultSelector',
    'ResultPath',
    'MaxConcurrencyPath',
    'ToleratedFailurePercentagePath',
    'ToleratedFailureCountPath',
  ],
}

/** Fields only JSONata states have. */
export const JSONATA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Pass: ['Output'],
  Task: ['Arguments', 'Output'],
  Choice: ['Output'],
  Wait: ['Output'],
  Succeed: ['Output'],
  Fail: [],
  Parallel: ['Arguments', 'Output'],
  Map: ['Items', 'Output'],
}

export const RETRY_FIELDS = new Set(['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy', 'Comment'])
export const CATCH_FIELDS: Readonly<Record<QueryLanguage, ReadonlySet<string>>> = {
  JSONPath: new Set(['ErrorEquals', 'Next', 'ResultPath', 'Assign', 'Comment']),
  JSONata: new Set(['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment']),
}

/** Why a path string is malformed, or undefined when it parses. */
export function pathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string') return 'must be a string'
  try {
    parsePath(path)
    return undefined
  } catch (error) {
    return error instanceof Error ? (error as {errorCause?: string}).errorCause ?? error.message : String(error)
  }
}

/** Why an intrinsic function call does not parse or names an unknown function, or undefined. */
export function intrinsicProblem(expression: string): string | undefined {
  try {
    bind(parseIntrinsic(expression))
    return undefined
  } catch (error) {
    if (error instanceof IntrinsicError) return error.message
    return error instanceof Error ? error.message : String(error)
  }
}

export interface Problem {
  at: string
  message: string
}

/** The problems of a JSONPath payload template: `.$` fields must hold a valid path or intrinsic. */
export function templateProblems(template: JsonValue, at: string, out: Problem[] = [], depth = 0): Problem[] {
  if (depth > 64) return out
  if (Array.isArray(template)) {
    template.forEach((item, i) => templateProblems(item, `${at}[${i}]`, out, depth + 1))
  } else if (isObject(template)) {
    for (const [key, value] of Object.entries(template)) {
      const where = `${at}/${key}`
      if (key.endsWith('.$') && key.length > 2) {
        if (typeof value !== 'string') out.push({at: where, message: `The value for the field '${key}' must be a STRING that contains a JSONPath or an intrinsic function`})
        else if (isIntrinsic(value)) {
          const problem = intrinsicProblem(value)
          if (problem !== undefined) out.push({at: where, message: `The value for the field '${key}' must be a valid intrinsic function call: ${problem}`})
        } else {
          const problem = pathProblem(value)
          if (problem !== undefined) out.push({at: where, message: `The value for the field '${key}' must be a valid JSONPath: ${problem}`})
        }
      } else templateProblems(value, where, out, depth + 1)
    }
  }
  return out
}

/** The problems of the `{% %}` expressions in a JSONata field value, at any depth. */
export function expressionProblems(value: JsonValue | undefined, at: string, out: Problem[] = [], depth = 0): Problem[] {
  if (value === undefined || depth > 64) return out
  if (isJsonataExpression(value)) {
    try {
      compileExpression(expressionBody(value))
    } catch (error) {
      const message = error instanceof Error ? error.message : String((error as {message?: unknown})?.message ?? error)
      out.push({at, message: `The JSONata expression '${expressionBody(value)}' is not valid: ${message}`})
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => expressionProblems(item, `${at}[${i}]`, out, depth + 1))
  } else if (isObject(value)) {
    for (const [key, member] of Object.entries(value)) expressionProblems(member, `${at}/${key}`, out, depth + 1)
  }
  return out
}

const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u

/** Problems of an Assign object: variable names, and in JSONPath the `.$` values. */
export function assignProblems(assign: unknown, language: QueryLanguage, at: string): Problem[] {
  if (!isObject(assign)) return [{at, message: 'Assign must be an object'}]
  const out: Problem[] = []
  for (const key of Object.keys(assign)) {
    const name = language === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key
    if (!VARIABLE_NAME.test(name) || name === 'states') out.push({at: `${at}/${key}`, message: `'${name}' is not a valid variable name`})
  }
  if (language === 'JSONPath') templateProblems(assign, at, out)
  else expressionProblems(assign, at, out)
  return out
}
