// Runs the states of one frame (the top level, a Parallel branch or a Map iteration) from a start
// state to its end: records <Type>StateEntered / <Type>StateExited, applies the variables a state
// assigns, enforces the payload quota on state input and output, and turns whatever a state throws
// into a failure of the frame. Never rejects: a frame ends succeeded, failed or aborted.
import type {HistoryEventType} from '@aws-sdk/client-sfn'
import type {JsonObject, JsonValue, State} from '../../../asl/types.js'
import {Aborted, classify, QueryEvaluationError, StateFailure, type Failure} from '../errors.js'
import {dataLimitExceeded, exceedsPayloadLimit, own, toJson} from '../payload.js'
import type {ResumePoint} from '../redrive.js'
import {isStateObject, queryLanguageOf, type Frame, type StateContext, type StateResult} from '../runtime.js'
import {STATE_HANDLERS} from './states.js'

export type FrameOutcome =
  | {status: 'succeeded'; output: JsonValue}
  | {status: 'failed'; failure: Failure; terminal: boolean; fromBranch: boolean}
  | {status: 'aborted'}

/** How often a frame yields to the event loop (through the clock, so virtual time order holds). */
const YIELD_EVERY = 50

export async function runFrame(frame: Frame, start: ResumePoint | {name: string; input: JsonValue}): Promise<FrameOutcome> {
  let name = start.name
  let input = start.input
  let resume: ResumePoint | undefined = 'variables' in start ? start : undefined
  try {
    for (;;) {
      frame.throwIfStopped()
      if (++frame.run.transitions % YIELD_EVERY === 0) await frame.run.clock.sleep(0, frame.signal)
      const state = own(frame.branch.States, name)
      if (!isStateObject(state) || !Object.hasOwn(STATE_HANDLERS, state.Type)) {
        return fail(frame, {error: 'States.Runtime', cause: `The state '${name}' does not exist or has no valid Type in its scope`}, true)
      }
      const ctx = enter(frame, name, state, input, resume)
      resume = undefined
      let result: StateResult
      try {
        result = await (STATE_HANDLERS[state.Type] as (ctx: StateContext) => Promise<StateResult>)(ctx)
        exit(ctx, result)
      } catch (error) {
        if (error instanceof Aborted || frame.stopped || frame.aborted) throw new Aborted()
        recordEvaluationFailure(ctx, error)
        const c = classify(error, name, ctx.enteredId)
        return fail(frame, c.failure, c.terminal, c.fromBranch)
      }
      if (result.next === undefined) {
        frame.record.status = 'succeeded'
        frame.record.output = result.output
        return {status: 'succeeded', output: result.output}
      }
      name = result.next
      input = result.output
    }
  } catch (error) {
    if (error instanceof Aborted || frame.stopped || frame.aborted) {
      if (frame.record.status === 'running') frame.record.status = 'aborted'
      return {status: 'aborted'}
    }
    const c = classify(error, name, frame.cursor)
    return fail(frame, c.failure, true, false)
  }
}

function fail(frame: Frame, failure: Failure, terminal: boolean, fromBranch = false): FrameOutcome {
  frame.record.status = 'failed'
  return {status: 'failed', failure, terminal, fromBranch}
}

function enter(frame: Frame, name: string, state: State, input: JsonValue, resume: ResumePoint | undefined): StateContext {
  const json = toJson(input)
  if (exceedsPayloadLimit(json)) throw dataLimitExceeded(name, true)
  const enteredPrev = frame.cursor
  const enteredTime = frame.run.clock.now()
  const enteredId = frame.emit(`${state.Type}StateEntered` as HistoryEventType, {
    stateEnteredEventDetails: {name, input: json, inputDetails: {truncated: false}},
  })
  frame.open = {name, type: state.Type, closed: false}
  frame.record.current = {name, input, variables: frame.variables}
  const ctx: StateContext = {frame, name, state, input, queryLanguage: queryLanguageOf(state, frame), enteredId, enteredPrev, enteredTime}
  if (resume !== undefined) ctx.resume = resume
  return ctx
}

function exit(ctx: StateContext, result: StateResult): void {
  const {frame, name, state} = ctx
  const json = toJson(result.output)
  if (exceedsPayloadLimit(json)) throw dataLimitExceeded(name, true)
  const assigned = result.assigned
  const details: Record<string, unknown> = {name, output: json, outputDetails: {truncated: false}}
  if (assigned !== undefined && Object.keys(assigned).length > 0) {
    checkAssignable(frame, assigned)
    const rendered: Record<string, string> = {}
    for (const [key, value] of Object.entries(assigned)) rendered[key] = toJson(value)
    details.assignedVariables = rendered
    details.assignedVariablesDetails = {truncated: false}
  }
  frame.emit(`${state.Type}StateExited` as HistoryEventType, {stateExitedEventDetails: details as {name: string}})
  if (frame.open !== undefined) frame.open.closed = true
  if (assigned !== undefined && Object.keys(assigned).length > 0) frame.variables = {...frame.variables, ...assigned}
}

// Variable names as Step Functions accepts them; `states` is reserved for JSONata.
const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u

function checkAssignable(frame: Frame, assigned: JsonObject): void {
  for (const key of Object.keys(assigned)) {
    if (!VARIABLE_NAME.test(key) || key === 'states') {
      throw new StateFailure({error: 'States.Runtime', cause: `The variable name '${key}' is not valid`}, true, true)
    }
    if (frame.outerNames.has(key)) {
      throw new StateFailure(
        {error: 'States.Runtime', cause: `Cannot assign the variable '${key}': it belongs to an outer scope, which a Parallel branch or Map iteration cannot change`},
        true,
        true,
      )
    }
  }
}

/**
 * A JSONata failure gets an EvaluationFailed event, chained (as AWS chains it) to the event before
 * the state's StateEntered. It becomes the frame's last event: what a failing branch aborts from.
 */
export function recordEvaluationFailure(ctx: StateContext, error: unknown): void {
  if (!(error instanceof QueryEvaluationError) || error.recorded) return
  error.recorded = true
  const c = classify(error, ctx.name, ctx.enteredId)
  ctx.frame.emit(
    'EvaluationFailed',
    {evaluationFailedEventDetails: {error: c.failure.error, cause: c.failure.cause, location: error.location, state: ctx.name}},
    {prev: ctx.enteredPrev},
  )
}
