// Test harness for the conformance table: runs a definition on the local engine and hands back
// what AWS would show in DescribeExecution and GetExecutionHistory. Integrations are fakes with a
// spec (a map of function ARN -> handler), never mocks of the engine.
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import type {Clock, Integrations, TaskHandler, TaskRequest} from '../../../../src/local/engine/api.js'
import {startExecution} from '../../../../src/local/engine/index.js'
import {StatesError, isStatesError} from '../../../../src/asl/states-error.js'
import type {JsonObject, JsonValue, StateMachineDefinition} from '../../../../src/asl/types.js'

export {StatesError}

export interface RunResult {
  status: string
  output: JsonValue | undefined
  error: string | undefined
  cause: string | undefined
  events: HistoryEvent[]
}

export interface RunOptions {
  integrations?: Integrations
  clock?: Clock
  name?: string
  executionArn?: string
  stateMachineArn?: string
  roleArn?: string
}

// A guard against an engine that never settles, so one hang costs seconds, not the suite's
// timeout per case. It measures nothing: no assertion depends on it.
const HANG_GUARD_MS = 10_000

export async function run(definition: StateMachineDefinition, input: JsonValue, options: RunOptions = {}): Promise<RunResult> {
  const execution = startExecution({definition, input, ...options})
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      execution.stop('Conformance.Hang', 'the execution did not finish')
      reject(new Error(`execution did not finish within ${HANG_GUARD_MS} ms of real time`))
    }, HANG_GUARD_MS)
  })
  try {
    const result = await Promise.race([execution.done, hang])
    // A definition AWS would refuse at CreateStateMachine is a mistake in the test, not a result.
    if (result.cause?.startsWith('Invalid State Machine Definition')) throw new Error(`the test definition is invalid: ${result.cause}`)
    return {status: result.status, output: result.output, error: result.error, cause: result.cause, events: execution.events}
  } finally {
    clearTimeout(timer)
  }
}

// ---- fake Lambda -------------------------------------------------------------------------------

/** A function body: gets the payload and the attempt (0, 1, 2... across Retry); returns or throws. */
export type LambdaFn = ((input: JsonValue, attempt: number, req: TaskRequest) => JsonValue | Promise<JsonValue>) & {
  durationMs?: number | ((input: JsonValue, attempt: number) => number)
}

export interface LambdaCall {
  resource: string
  functionArn: string
  stateName: string
  input: JsonValue
  attempt: number
  context: JsonValue
}

export type FakeLambda = Integrations & {calls: LambdaCall[]; callsTo(functionArn: string): LambdaCall[]}

export const lambdaArn = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`

/** The optimized integration; its payload is Parameters.Payload and its result wraps the function's. */
export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke'

/** Makes a function take simulated time (a number, or per input/attempt). */
export function slow(durationMs: LambdaFn['durationMs'], fn: LambdaFn): LambdaFn {
  const wrapped: LambdaFn = (input, attempt, req) => fn(input, attempt, req)
  wrapped.durationMs = durationMs
  return wrapped
}

/** Fails with `error` on the first `times` attempts, then returns `output`. */
export function failing(times: number, error: string, output: JsonValue = 'ok', cause = 'it failed'): LambdaFn {
  return (_input, attempt) => {
    if (attempt < times) throw new StatesError(error, cause)
    return output
  }
}

/** Always fails with the errors in turn (the last one repeats). */
export function failingWith(...errors: string[]): LambdaFn {
  return (_input, attempt) => {
    throw new StatesError(errors[Math.min(attempt, errors.length - 1)] ?? 'Error', `attempt ${attempt}`)
  }
}

function findFunction(fns: Record<string, LambdaFn>, name: string): [string, LambdaFn] | undefined {
  for (const [arn, fn] of Object.entries(fns)) {
    if (arn === name || arn.endsWith(`:function:${name}`)) return [arn, fn]
  }
  return undefined
}

/**
 * Lambda functions served locally. A Resource that is a function ARN calls the function with the
 * effective input; `arn:aws:states:::lambda:invoke` calls Parameters.FunctionName with
 * Parameters.Payload and wraps the result as the service does ({Payload, StatusCode, ...}).
 * A plain `Error` thrown by a function becomes a StatesError named like the error (Lambda reports
 * an unhandled JS error by its errorType).
 */
export function fakeLambda(fns: Record<string, LambdaFn>): FakeLambda {
  const calls: LambdaCall[] = []
  const invoke =
    (resource: string): TaskHandler =>
    async (req) => {
      const optimized = resource.startsWith(LAMBDA_INVOKE)
      const params = (optimized ? req.input : {}) as JsonObject
      const name = optimized ? String(params.FunctionName) : resource
      const found = findFunction(fns, name)
      if (!found) throw new StatesError('Lambda.ResourceNotFoundException', `Function not found: ${name}`)
      const [functionArn, fn] = found
      const payload = optimized ? (params.Payload ?? {}) : req.input
      calls.push({resource, functionArn, stateName: req.stateName, input: payload, attempt: req.attempt, context: req.context})
      const duration = typeof fn.durationMs === 'function' ? fn.durationMs(payload, req.attempt) : fn.durationMs
      let result: JsonValue
      try {
        result = await fn(payload, req.attempt, req)
      } catch (e) {
        if (isStatesError(e)) throw e
        const err = e instanceof Error ? e : new Error(String(e))
        throw new StatesError(err.name, JSON.stringify({errorMessage: err.message, errorType: err.name}))
      }
      const output: JsonValue = optimized ? {ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200} : result
      return duration === undefined ? {output} : {output, durationMs: duration}
    }
  return {
    calls,
    callsTo: (arn) => calls.filter((c) => c.functionArn === arn),
    resolve(resource) {
      if (resource.startsWith(LAMBDA_INVOKE)) return invoke(resource)
      return findFunction(fns, resource)?.[0] === resource ? invoke(resource) : undefined
    },
  }
}

// ---- reading the history -----------------------------------------------------------------------

export const eventsOfType = (events: HistoryEvent[], ...types: string[]): HistoryEvent[] =>
  events.filter((e) => types.includes(String(e.type)))

const ms = (e: HistoryEvent | undefined): number => {
  if (!e?.timestamp) throw new Error(`event without timestamp: ${JSON.stringify(e)}`)
  return new Date(e.timestamp).getTime()
}

/** When each task attempt was scheduled, in order (TaskScheduled, or LambdaFunctionScheduled for a function ARN). */
export const scheduledAt = (events: HistoryEvent[]): number[] =>
  eventsOfType(events, 'TaskScheduled', 'LambdaFunctionScheduled').map(ms)

/** The gaps between consecutive values, e.g. the waits between retry attempts. */
export const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - (times[i] ?? t))

/** Virtual time from ExecutionStarted to the terminal event. */
export function elapsedMs(events: HistoryEvent[]): number {
  const start = eventsOfType(events, 'ExecutionStarted')[0]
  const end = eventsOfType(events, 'ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted')[0]
  return ms(end) - ms(start)
}

export const startedAt = (events: HistoryEvent[]): number => ms(eventsOfType(events, 'ExecutionStarted')[0])
