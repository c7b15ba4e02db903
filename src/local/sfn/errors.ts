// Step Functions errors as the service sends them (see ../aws-json/errors.ts for the shape). The
// messages follow the service's wording ("Execution Does Not Exist: '<arn>'") so a CLI that shows
// them reads the same against AWS and against the local endpoint.
import {AwsJsonError} from '../aws-json/index.js'

// The endpoint outside this folder refuses an unknown test case with it, as Step Functions Local does.

const quoted = (what: string, value: string) => `${what}: '${value}'`

export const invalidArn = (detail: string) => new AwsJsonError('InvalidArn', quoted('Invalid Arn', detail))
export const invalidName = (name: string) => new AwsJsonError('InvalidName', quoted('Invalid Name', name))
export const invalidToken = (token: string) => new AwsJsonError('InvalidToken', quoted('Invalid Token', token))
export const invalidDefinition = (detail: string) => new AwsJsonError('InvalidDefinition', quoted('Invalid State Machine Definition', detail))
export const invalidExecutionInput = (detail: string) =>
  new AwsJsonError('InvalidExecutionInput', quoted('Invalid State Machine Execution Input', detail))
export const stateMachineDoesNotExist = (arn: string) => new AwsJsonError('StateMachineDoesNotExist', quoted('State Machine Does Not Exist', arn))
export const stateMachineAlreadyExists = (arn: string) => new AwsJsonError('StateMachineAlreadyExists', quoted('State Machine Already Exists', arn))
export const executionDoesNotExist = (arn: string) => new AwsJsonError('ExecutionDoesNotExist', quoted('Execution Does Not Exist', arn))
export const executionAlreadyExists = (arn: string) => new AwsJsonError('ExecutionAlreadyExists', quoted('Execution Already Exists', arn))
export const executionNotRedrivable = (reason: string) => new AwsJsonError('ExecutionNotRedrivable', reason)
export const resourceNotFound = (arn: string) => new AwsJsonError('ResourceNotFound', quoted('Resource not found', arn))
export const internalFailure = (detail: string) => new AwsJsonError('InternalFailure', `local endpoint error: ${detail}`, 500)
