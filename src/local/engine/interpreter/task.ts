// Task: computes the task input (Parameters or Arguments), calls the local integration for the
// Resource through the Integrations interface (the engine knows no AWS service), and records
// TaskScheduled / TaskStarted / TaskSucceeded | TaskFailed | TaskTimedOut as AWS does (or the
// LambdaFunction* events when the Resource is a Lambda function ARN). TimeoutSeconds defaults to
// 99999999; HeartbeatSeconds is enforced for `.waitForTaskToken` tasks.
import {randomBytes} from 'node:crypto'
import type {HistoryEventType} from '@aws-sdk/client-sfn'
import type {JsonValue, TaskState} from '../../../asl/types.js'
import type {Integrations, TaskRequest} from '../api.js'
import {holdClock} from '../clock.js'
import {readPath} from '../data-flow.js'
import {Aborted, runtimeError, StateFailure, type Failure} from '../errors.js'
import {isLambdaFunctionArn, resourceNames, type EventDetails} from '../history.js'
import {evaluateExpression, isJsonataExpression, unexpectedType} from '../jsonata.js'
import {dataLimitExceeded, exceedsPayloadLimit, toJson} from '../payload.js'
import {HEARTBEAT_TIMEOUT, withRetryAndCatch} from '../retry-catch.js'
import {nextOf, type StateContext, type StateResult} from '../runtime.js'
import {
  argumentsJsonata,
  contextOf,
  effectiveInputJsonPath,
  finishJsonata,
  finishJsonPath,
  jsonataScope,
  pathScope,
  type ContextExtras,
} from '../state-io.js'

export const DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999

export async function runTask(ctx: StateContext): Promise<StateResult> {
  const state = ctx.state as TaskState
  if (typeof state.Resource !== 'string') throw runtimeError('A Task state needs a Resource string')
  const next = nextOf(state)
  const callback = state.Resource.endsWith('.waitForTaskToken')
  return withRetryAndCatch(ctx, async (retryCount) => {
    const extras: ContextExtras = {retryCount}
    if (callback) extras.taskToken = randomBytes(48).toString('base64')
    const jsonata = ctx.queryLanguage === 'JSONata'
    const input = jsonata ? await argumentsJsonata(ctx, extras) : effectiveInputJsonPath(ctx, 'Parameters', extras)
    // *SecondsPath read the state input (after InputPath), not the Parameters: AWS records the
    // timeout of a path that Parameters drops.
    const selected = jsonata ? ctx.input : effectiveInputJsonPath(ctx, undefined, extras)
    const timeout = await seconds(ctx, state.TimeoutSeconds, state.TimeoutSecondsPath, 'TimeoutSeconds', selected, extras)
    const heartbeat = await seconds(ctx, state.HeartbeatSeconds, state.HeartbeatSecondsPath, 'HeartbeatSeconds', selected, extras)
    const result = await invoke(ctx, {resource: state.Resource, input, timeout, heartbeat: callback ? heartbeat : undefined, heartbeatShown: heartbeat, attempt: retryCount, extras})
    const done = jsonata ? await finishJsonata(ctx, result, result, extras) : finishJsonPath(ctx, result, {resultSelector: true, extras})
    return {...done, next}
  })
}

/** TimeoutSeconds / HeartbeatSeconds: a positive integer literal, a Reference Path, or a JSONata expression. */
async function seconds(
  ctx: StateContext,
  literal: unknown,
  path: unknown,
  name: string,
  input: JsonValue,
  extras: ContextExtras,
): Promise<number | undefined> {
  let value: unknown = literal
  if (ctx.queryLanguage === 'JSONata' && isJsonataExpression(literal)) {
    value = await evaluateExpression(literal, jsonataScope(ctx, {input: ctx.input}, extras), name)
    if (!isPositiveInteger(value)) throw unexpectedType(literal, name, 'positive integer', value as JsonValue)
  } else if (typeof path === 'string') {
    value = readPath(path, input, pathScope(ctx, extras), `${name}Path`)
    if (!isPositiveInteger(value)) throw runtimeError(`The ${name}Path '${path}' must reference a positive integer, but references ${JSON.stringify(value)}`)
  }
  if (value === undefined) return undefined
  if (!isPositiveInteger(value)) throw runtimeError(`The field '${name}' must be a positive integer: ${JSON.stringify(value)}`)
  return value
}

const isPositiveInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0

interface Call {
  resource: string
  input: JsonValue
  /** Seconds, when the definition sets a timeout (else the default applies and is not recorded). */
  timeout: number | undefined
  /** Enforced heartbeat, seconds (callback tasks only). */
  heartbeat: number | undefined
  /** The HeartbeatSeconds to record in TaskScheduled. */
  heartbeatShown: number | undefined
  attempt: number
  extras: ContextExtras
}

type Outcome = {ok: true; output: JsonValue} | {ok: false; failure: Failure; timedOut: boolean}

async function invoke(ctx: StateContext, call: Call): Promise<JsonValue> {
  const {frame} = ctx
  const events = taskEvents(call.resource)
  const json = toJson(call.input)
  // An input over the quota after Parameters is a terminal error, as for any state's input.
  if (exceedsPayloadLimit(json)) throw dataLimitExceeded(ctx.name, true)
  frame.emit(events.scheduled, events.scheduledDetails(json, frame.run.region, call))
  frame.emit(events.started, events.startedDetails())
  const outcome = await perform(ctx, call)
  if (outcome.ok) {
    const output = toJson(outcome.output)
    if (!exceedsPayloadLimit(output)) {
      frame.emit(events.succeeded, events.succeededDetails(output))
      return outcome.output
    }
    // Terminal, as the guide says of a connector's output over the quota: States.ALL does not catch it.
    const failure = dataLimitExceeded(events.who, true).failure
    frame.emit(events.failed, events.failedDetails(failure))
    throw new StateFailure(failure, true)
  }
  frame.emit(outcome.timedOut ? events.timedOut : events.failed, outcome.timedOut ? events.timedOutDetails(outcome.failure) : events.failedDetails(outcome.failure))
  throw new StateFailure(outcome.failure)
}

/** Runs the handler against the task's timeout, heartbeat and the frame's abort. */
function perform(ctx: StateContext, call: Call): Promise<Outcome> {
  const {frame} = ctx
  const clock = frame.run.clock
  let handler: ReturnType<Integrations['resolve']>
  try {
    handler = frame.run.integrations?.resolve(call.resource)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return Promise.resolve({ok: false, failure: {error: 'States.TaskFailed', cause: `the local integration for ${call.resource} failed: ${message}`}, timedOut: false})
  }
  if (typeof handler !== 'function') {
    return Promise.resolve({ok: false, failure: {error: 'States.TaskFailed', cause: `no local integration for ${call.resource}`}, timedOut: false})
  }
  const attempt = new AbortController()
  const timers = new AbortController()
  const signal = AbortSignal.any([frame.signal, attempt.signal])
  return new Promise<Outcome>((resolve, reject) => {
    let settled = false
    // A callback or .sync task waits for the outside world (SendTaskSuccess, a child execution on
    // the same clock), while which time passes. Any other handler holds virtual time still unless it
    // sleeps on the clock it was given, so its real I/O never looks like time passing.
    const outside = waitsOutside(call.resource)
    const hold = outside ? undefined : new HandlerHold(clock)
    const settle = (outcome: Outcome | Aborted): void => {
      if (settled) return
      settled = true
      // A handler that ignores its abort signal must not keep time still for everyone.
      hold?.end()
      timers.abort()
      frame.signal.removeEventListener('abort', onAbort)
      if (outcome instanceof Aborted) {
        attempt.abort(outcome)
        reject(outcome)
        return
      }
      if (!outcome.ok) attempt.abort(new Aborted())
      resolve(outcome)
    }
    const onAbort = (): void => settle(new Aborted())
    if (frame.signal.aborted) return settle(new Aborted())
    frame.signal.addEventListener('abort', onAbort, {once: true})

    // The default timeout is only armed where time is held: waiting for the outside world at
    // timeScale 0 would otherwise jump straight to it.
    if (call.timeout !== undefined || !outside) {
      clock.sleep((call.timeout ?? DEFAULT_TASK_TIMEOUT_SECONDS) * 1000, timers.signal).then(
        () => settle({ok: false, failure: {error: 'States.Timeout'}, timedOut: true}),
        () => {},
      )
    }
    let heartbeatTimer: AbortController | undefined
    const armHeartbeat = (): void => {
      if (call.heartbeat === undefined || settled) return
      heartbeatTimer?.abort()
      const mine = new AbortController()
      heartbeatTimer = mine
      clock.sleep(call.heartbeat * 1000, AbortSignal.any([timers.signal, mine.signal])).then(
        () => settle({ok: false, failure: {error: HEARTBEAT_TIMEOUT}, timedOut: true}),
        () => {},
      )
    }
    armHeartbeat()

    const req = request(ctx, call, signal, armHeartbeat)
    if (hold !== undefined) req.clock = hold.view()
    Promise.resolve()
      .then(() => handler(req))
      .then(
        async (result) => {
          hold?.end()
          if (settled) return
          const output = normalizeOutput(result?.output)
          const duration = Number(result?.durationMs)
          if (Number.isFinite(duration) && duration > 0) await clock.sleep(duration, signal)
          settle({ok: true, output})
        },
        (error: unknown) => {
          hold?.end()
          settle({ok: false, failure: handlerFailure(error), timedOut: false})
        },
      )
      .catch((error: unknown) => {
        hold?.end()
        if (error instanceof SyntaxError || error instanceof TypeError) {
          settle({ok: false, failure: {error: 'States.Runtime', cause: `The task result is not JSON: ${error.message}`}, timedOut: false})
        } else settle(new Aborted())
      })
  })
}

const waitsOutside = (resource: string): boolean => /\.(waitForTaskToken|sync(:\d+)?)$/.test(resource)

/**
 * Holds the clock while a handler works outside the clock (real I/O), and lets go while it sleeps
 * on the clock it was handed, so simulated waits inside a handler still move time.
 */
class HandlerHold {
  private release: (() => void) | undefined
  private sleeping = 0
  private ended = false

  constructor(private readonly clock: TaskRequest['clock']) {
    this.release = holdClock(clock)
  }

  view(): TaskRequest['clock'] {
    return {
      now: () => this.clock.now(),
      sleep: async (ms, signal) => {
        if (this.sleeping++ === 0) this.letGo()
        try {
          await this.clock.sleep(ms, signal)
        } finally {
          if (--this.sleeping === 0 && !this.ended) this.release = holdClock(this.clock)
        }
      },
    }
  }

  end(): void {
    this.ended = true
    this.letGo()
  }

  private letGo(): void {
    this.release?.()
    this.release = undefined
  }
}

function request(ctx: StateContext, call: Call, signal: AbortSignal, heartbeat: () => void): TaskRequest {
  const req: TaskRequest = {
    resource: call.resource,
    input: call.input,
    stateName: ctx.name,
    context: contextOf(ctx, call.extras),
    executionArn: ctx.frame.run.identity.executionArn,
    attempt: call.attempt,
    signal,
    clock: ctx.frame.run.clock,
    heartbeat,
  }
  if (call.extras.taskToken !== undefined) req.taskToken = call.extras.taskToken
  return req
}

function normalizeOutput(output: unknown): JsonValue {
  if (output === undefined) return null
  return JSON.parse(JSON.stringify(output)) as JsonValue
}

function handlerFailure(error: unknown): Failure {
  if (error instanceof StateFailure) return error.failure
  if (error !== null && typeof error === 'object') {
    const e = error as {error?: unknown; errorCause?: unknown; name?: unknown; message?: unknown}
    if (typeof e.error === 'string') return {error: e.error, cause: typeof e.errorCause === 'string' ? e.errorCause : undefined}
    return {error: typeof e.name === 'string' ? e.name : 'Error', cause: typeof e.message === 'string' ? e.message : String(error)}
  }
  return {error: 'Error', cause: String(error)}
}

interface TaskEvents {
  who: string
  scheduled: HistoryEventType
  started: HistoryEventType
  succeeded: HistoryEventType
  failed: HistoryEventType
  timedOut: HistoryEventType
  scheduledDetails(input: string, region: string, call: Call): EventDetails
  startedDetails(): EventDetails
  succeededDetails(output: string): EventDetails
  failedDetails(failure: Failure): EventDetails
  timedOutDetails(failure: Failure): EventDetails
}

const withFailure = <T extends object>(base: T, failure: Failure): T & Failure => {
  const out: T & Failure = {...base}
  if (failure.error !== undefined) out.error = failure.error
  if (failure.cause !== undefined) out.cause = failure.cause
  return out
}

/** The event types and details AWS records for a resource. */
function taskEvents(resource: string): TaskEvents {
  if (isLambdaFunctionArn(resource)) {
    return {
      who: resource,
      scheduled: 'LambdaFunctionScheduled',
      started: 'LambdaFunctionStarted',
      succeeded: 'LambdaFunctionSucceeded',
      failed: 'LambdaFunctionFailed',
      timedOut: 'LambdaFunctionTimedOut',
      scheduledDetails: (input, _region, call) => {
        const details: {resource: string; input: string; inputDetails: {truncated: boolean}; timeoutInSeconds?: number} = {resource, input, inputDetails: {truncated: false}}
        if (call.timeout !== undefined) details.timeoutInSeconds = call.timeout
        return {lambdaFunctionScheduledEventDetails: details}
      },
      startedDetails: () => ({}),
      succeededDetails: (output) => ({lambdaFunctionSucceededEventDetails: {output, outputDetails: {truncated: false}}}),
      failedDetails: (failure) => ({lambdaFunctionFailedEventDetails: withFailure({}, failure)}),
      timedOutDetails: (failure) => ({lambdaFunctionTimedOutEventDetails: withFailure({}, failure)}),
    }
  }
  const names = resourceNames(resource)
  return {
    who: names.resourceType,
    scheduled: 'TaskScheduled',
    started: 'TaskStarted',
    succeeded: 'TaskSucceeded',
    failed: 'TaskFailed',
    timedOut: 'TaskTimedOut',
    scheduledDetails: (input, region, call) => {
      const details: NonNullable<EventDetails['taskScheduledEventDetails']> = {...names, region, parameters: input}
      if (call.timeout !== undefined) details.timeoutInSeconds = call.timeout
      if (call.heartbeatShown !== undefined) details.heartbeatInSeconds = call.heartbeatShown
      return {taskScheduledEventDetails: details}
    },
    startedDetails: () => ({taskStartedEventDetails: {...names}}),
    succeededDetails: (output) => ({taskSucceededEventDetails: {...names, output, outputDetails: {truncated: false}}}),
    failedDetails: (failure) => ({taskFailedEventDetails: withFailure({...names}, failure)}),
    timedOutDetails: (failure) => ({taskTimedOutEventDetails: withFailure({...names}, failure)}),
  }
}

