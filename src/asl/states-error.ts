/**
 * An error inside a state machine run, named as Step Functions names it (`States.Runtime`,
 * `States.TaskFailed`, a Lambda's own error name...). It is data for Retry/Catch matching and for
 * history events, never a user-facing CLI error.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    readonly errorCause: string,
  ) {
    super(`${error}: ${errorCause}`)
    this.name = 'StatesError'
  }
}

export const isStatesError = (e: unknown): e is StatesError => e instanceof StatesError
