// Wait: sleeps on the engine clock for Seconds / SecondsPath, or until Timestamp / TimestampPath
// (a past timestamp does not wait), then passes its input on. Invalid values fail the execution
// with AWS's States.Runtime messages.
import {readReferencePath} from '../../../asl/paths.js'
import {parseTimestamp} from '../../../asl/timestamp.js'
import type {JsonValue, WaitState} from '../../../asl/types.js'
import {applyInputPath, applyOutputPath, assignJsonPath} from '../data-flow.js'
import {Aborted, runtimeError} from '../errors.js'
import {evaluateExpression, isJsonataExpression, unexpectedType} from '../jsonata.js'
import {nextOf, type StateContext, type StateResult} from '../runtime.js'
import {finishJsonata, jsonataScope, pathScope} from '../state-io.js'

/** Step Functions keeps wait delays within a signed 32-bit count of seconds. */
const MAX_WAIT_SECONDS = 2_147_483_647

export async function runWait(ctx: StateContext): Promise<StateResult> {
  const state = ctx.state as WaitState
  const next = nextOf(state)
  if (ctx.queryLanguage === 'JSONata') {
    const delay = await delayJsonata(ctx, state)
    await sleep(ctx, delay)
    return {...(await finishJsonata(ctx, undefined, ctx.input)), next}
  }
  const scope = pathScope(ctx)
  const effective = applyInputPath(state.InputPath, ctx.input, scope)
  const delay = delayJsonPath(ctx, state, effective)
  await sleep(ctx, delay)
  const assigned = assignJsonPath(state.Assign, effective, scope)
  const output = applyOutputPath(state.OutputPath, effective, scope)
  return assigned === undefined ? {output, next} : {output, next, assigned}
}

async function sleep(ctx: StateContext, ms: number): Promise<void> {
  if (ms > MAX_WAIT_SECONDS * 1000) throw runtimeError('Wait state delay is too long.')
  try {
    await ctx.frame.run.clock.sleep(ms, ctx.frame.signal)
  } catch {
    throw new Aborted()
  }
  ctx.frame.throwIfStopped()
}

function delayJsonPath(ctx: StateContext, state: WaitState, input: JsonValue): number {
  if (state.Seconds !== undefined) return secondsToMs(state.Seconds, () => `The Seconds field must be a non-negative integer: ${JSON.stringify(state.Seconds)}`)
  if (state.Timestamp !== undefined) return untilMs(ctx, state.Timestamp, () => `The Timestamp field is not a valid ISO-8601 extended offset date-time: ${JSON.stringify(state.Timestamp)}`)
  const scope = pathScope(ctx)
  const data = {input, context: scope.context, variables: scope.variables}
  if (typeof state.SecondsPath === 'string') {
    const path = state.SecondsPath
    const read = readReferencePath(path, data)
    if (!read.found) throw runtimeError(`The SecondsPath parameter does not reference an input value: ${path}`)
    const value = read.value
    if (typeof value === 'number' && Number.isInteger(value) && value < 0) {
      throw runtimeError(`The SecondsPath parameter references a negative value: ${path} == ${JSON.stringify(value)}`)
    }
    return secondsToMs(value, () => `The SecondsPath parameter cannot be parsed as a long value: ${path} == ${JSON.stringify(value)}`)
  }
  if (typeof state.TimestampPath === 'string') {
    const path = state.TimestampPath
    const read = readReferencePath(path, data)
    if (!read.found) throw runtimeError(`The TimestampPath parameter does not reference an input value: ${path}`)
    const value = read.value
    return untilMs(ctx, value, () => `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${typeof value === 'string' ? value : JSON.stringify(value)}`)
  }
  throw runtimeError('A Wait state needs one of Seconds, Timestamp, SecondsPath or TimestampPath')
}

async function delayJsonata(ctx: StateContext, state: WaitState): Promise<number> {
  const scope = jsonataScope(ctx, {input: ctx.input})
  if (state.Seconds !== undefined) {
    const raw = state.Seconds
    const value = isJsonataExpression(raw) ? await evaluateExpression(raw, scope, 'Seconds') : raw
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      if (isJsonataExpression(raw)) throw unexpectedType(raw, 'Seconds', 'non-negative integer', value as JsonValue)
      throw runtimeError(`The Seconds field must be a non-negative integer: ${JSON.stringify(value)}`)
    }
    return value * 1000
  }
  if (state.Timestamp !== undefined) {
    const raw = state.Timestamp
    const value = isJsonataExpression(raw) ? await evaluateExpression(raw, scope, 'Timestamp') : raw
    return untilMs(ctx, value, () => `The Timestamp field is not a valid ISO-8601 extended offset date-time: ${JSON.stringify(value)}`)
  }
  throw runtimeError('A JSONata Wait state needs Seconds or Timestamp')
}

function secondsToMs(value: unknown, message: () => string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw runtimeError(message())
  return value * 1000
}

function untilMs(ctx: StateContext, value: unknown, message: () => string): number {
  const instant = typeof value === 'string' ? parseTimestamp(value) : undefined
  if (instant === undefined) throw runtimeError(message())
  const target = instant.seconds * 1000 + Math.floor(instant.nanos / 1e6)
  return Math.max(0, target - ctx.frame.run.clock.now().getTime())
}
