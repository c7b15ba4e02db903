// How failures travel through the interpreter. A state fails by throwing; what it throws decides
// whether Retry and Catch may see it:
// - StatesError from data processing (paths, intrinsics, JSONata, Choice): `States.Runtime` is never
//   retried or caught (AWS fails the execution at once, even with `"ErrorEquals": ["States.Runtime"]`);
//   the others are.
// - StateFailure: a failure already in AWS terms (a task's error, a Fail state's Error/Cause, which
//   may both be absent), optionally terminal.
// - Aborted: the frame was stopped (a sibling branch failed, StopExecution, a timeout); nothing may
//   be recorded any more, the code just unwinds.
import {StatesError, isStatesError} from '../../asl/states-error.js'
import type {JsonObject} from '../../asl/types.js'

export interface Failure {
  error?: string
  cause?: string
}

export class StateFailure extends Error {
  constructor(
    readonly failure: Failure,
    /** Terminal failures skip Retry and Catch: the execution (or branch) fails as they are. */
    readonly terminal = false,
    /** Whether the cause should be prefixed with the state it happened in (engine-made causes are). */
    readonly prefix = false,
    /** The failure came out of a Parallel branch or Map iteration (matched by States.BranchFailed). */
    readonly fromBranch = false,
  ) {
    super(`${failure.error ?? ''}: ${failure.cause ?? ''}`)
    this.name = 'StateFailure'
  }
}

/** A JSONata failure; `location` names the field (`Output/result`), as the EvaluationFailed event does. */
export class QueryEvaluationError extends StatesError {
  recorded = false
  constructor(
    cause: string,
    readonly location: string,
  ) {
    super('States.QueryEvaluationError', cause)
  }
}

export class Aborted extends Error {
  constructor() {
    super('the frame was stopped')
    this.name = 'Aborted'
  }
}

export const TERMINAL_ERRORS: ReadonlySet<string> = new Set(['States.Runtime'])

// Engine-made errors whose cause AWS words "An error occurred while executing the state ...".
const PREFIXED: ReadonlySet<string> = new Set([
  'States.Runtime',
  'States.QueryEvaluationError',
  'States.IntrinsicFailure',
  'States.ResultPathMatchFailure',
  'States.ParameterPathFailure',
  'States.NoChoiceMatched',
])

export function runtimeError(cause: string): StatesError {
  return new StatesError('States.Runtime', cause)
}

export const stateCause = (stateName: string, enteredId: number, message: string): string =>
  `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredId}). ${message}`

export interface Classified {
  failure: Failure
  terminal: boolean
  fromBranch: boolean
}

/** Puts anything a state threw into AWS terms. Unexpected JavaScript errors are engine bugs: States.Runtime. */
export function classify(thrown: unknown, stateName: string, enteredId: number): Classified {
  if (thrown instanceof StateFailure) {
    const cause = thrown.prefix && thrown.failure.cause !== undefined ? stateCause(stateName, enteredId, thrown.failure.cause) : thrown.failure.cause
    return {failure: {...thrown.failure, cause}, terminal: thrown.terminal, fromBranch: thrown.fromBranch}
  }
  if (isStatesError(thrown)) {
    const prefixed = PREFIXED.has(thrown.error) && !thrown.errorCause.startsWith('An error occurred while executing the state')
    const cause = prefixed ? stateCause(stateName, enteredId, thrown.errorCause) : thrown.errorCause
    return {failure: {error: thrown.error, cause}, terminal: TERMINAL_ERRORS.has(thrown.error), fromBranch: false}
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return {
    failure: {error: 'States.Runtime', cause: stateCause(stateName, enteredId, `Internal error in the local engine: ${message}`)},
    terminal: true,
    fromBranch: false,
  }
}

/** The error output a Catch hands on: AWS binds an empty string for an absent Error or Cause. */
export const errorOutput = (failure: Failure): JsonObject => ({Error: failure.error ?? '', Cause: failure.cause ?? ''})

/** executionFailedEventDetails and the like: absent members stay absent. */
export function failureDetails(failure: Failure): {error?: string; cause?: string} {
  const details: {error?: string; cause?: string} = {}
  if (failure.error !== undefined) details.error = failure.error
  if (failure.cause !== undefined) details.cause = failure.cause
  return details
}
