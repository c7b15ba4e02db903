// Intrinsic failures are raised as plain IntrinsicError with a short detail deep inside parsing,
// path reading and the function bodies; index.ts turns them into the StatesError the engine
// reports, naming the whole expression once, the way Step Functions words its failures
// ("The function '<expression>' had the following error: <detail>").
import {StatesError} from '../../../asl/states-error.js'

export const INTRINSIC_FAILURE = 'States.IntrinsicFailure'

export class IntrinsicError extends Error {
  override readonly name = 'IntrinsicError'

  /** `error` is the Step Functions error name; a path that matches nothing is 'States.Runtime'. */
  constructor(
    message: string,
    readonly error: string = INTRINSIC_FAILURE,
  ) {
    super(message)
  }
}

export function functionFailure(expression: string, failure: IntrinsicError): StatesError {
  return new StatesError(failure.error, `The function '${expression}' had the following error: ${failure.message}`)
}
