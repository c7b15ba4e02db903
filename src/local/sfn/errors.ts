// Step Functions errors as the service sends them: status 400 (500 for our own bugs) with
// `{"__type": "<Name>", "message": "..."}`; the SDK turns `__type` into the error's `name`. The
// messages follow the service's wording ("Execution Does Not Exist: '<arn>'") so a CLI that shows
// them reads the same against AWS and against the local endpoint.
export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message)
    this.name = type
  }
}

const quoted = (what: string, value: string) => `${what}: '${value}'`

export const validationError = (message: string) => new SfnError('ValidationException', message)
export const serializationError = (message: string) => new SfnError('SerializationException', message)
export const invalidArn = (detail: string) => new SfnError('InvalidArn', quoted('Invalid Arn', detail))
export const invalidName = (name: string) => new SfnError('InvalidName', quoted('Invalid Name', name))
export const invalidToken = (token: string) => new SfnError('InvalidToken', quoted('Invalid Token', token))
export const invalidDefinition = (detail: string) => new SfnError('InvalidDefinition', quoted('Invalid State Machine Definition', detail))
export const invalidExecutionInput = (detail: string) =>
  new SfnError('InvalidExecutionInput', quoted('Invalid State Machine Execution Input', detail))
export const stateMachineDoesNotExist = (arn: string) => new SfnError('StateMachineDoesNotExist', quoted('State Machine Does Not Exist', arn))
export const stateMachineAlreadyExists = (arn: string) => new SfnError('StateMachineAlreadyExists', quoted('State Machine Already Exists', arn))
export const executionDoesNotExist = (arn: string) => new SfnError('ExecutionDoesNotExist', quoted('Execution Does Not Exist', arn))
export const executionAlreadyExists = (arn: string) => new SfnError('ExecutionAlreadyExists', quoted('Execution Already Exists', arn))
export const executionNotRedrivable = (reason: string) => new SfnError('ExecutionNotRedrivable', reason)
export const resourceNotFound = (arn: string) => new SfnError('ResourceNotFound', quoted('Resource not found', arn))
export const internalFailure = (detail: string) => new SfnError('InternalFailure', `local endpoint error: ${detail}`, 500)
