// Errors of the AWS JSON protocols (1.0 for Step Functions, 1.1 for EventBridge) as the services
// send them: a status (400 for the caller's mistakes, 500 for our own bugs) and a body
// `{"__type": "<Name>", "message": "..."}`. The SDK turns `__type` into the error's `name`, so
// `type` is what a client catches.
export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message)
    this.name = type
  }
}

export const validationError = (message: string) => new AwsJsonError('ValidationException', message)
export const serializationError = (message: string) => new AwsJsonError('SerializationException', message)
export const unknownOperation = (message: string) => new AwsJsonError('UnknownOperationException', message)
