// The AWS JSON 1.1 wire protocol as EventBridge speaks it: POST, the operation in
// `x-amz-target: AWSEvents.<Operation>`, a JSON object in the body, and errors as status 400
// with `{"__type": "<ErrorName>", "message": "..."}`. EventBridge's model names the error member
// `message` in lower case; the SDK turns `__type` into the error's `name`.
import {randomUUID} from 'node:crypto'

import type {LocalRequest, LocalResponse} from '../http.js'

export const JSON_11 = 'application/x-amz-json-1.1'
const TARGET_PREFIX = 'AWSEvents.'

/** An error to send back to the client as it is, in AWS's shape. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message)
    this.name = type
  }
}

export const validationError = (message: string) => new AwsError('ValidationException', message)
export const serializationError = (message: string) => new AwsError('SerializationException', message)

/** The operation name from the target header, e.g. `PutRule`. */
export function operationOf(req: LocalRequest): string {
  if (req.method !== 'POST') {
    throw new AwsError('UnknownOperationException', `EventBridge takes POST requests, not ${req.method}.`)
  }
  const target = req.headers['x-amz-target']
  if (typeof target !== 'string' || target === '') {
    throw new AwsError('UnknownOperationException', 'The request has no X-Amz-Target header naming the operation.')
  }
  if (!target.startsWith(TARGET_PREFIX) || target.length === TARGET_PREFIX.length) {
    throw new AwsError('UnknownOperationException', `Unknown operation ${target}.`)
  }
  return target.slice(TARGET_PREFIX.length)
}

/** The request body as a JSON object. An empty body stands for `{}`, as for other JSON services. */
export function bodyOf(req: LocalRequest): Record<string, unknown> {
  const text = req.body.toString('utf8')
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw serializationError('The request body is not valid JSON.')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw serializationError('The request body must be a JSON object.')
  }
  return parsed as Record<string, unknown>
}

export function okResponse(output: unknown): LocalResponse {
  // Operations without output (EnableRule, DeleteRule, ...) answer with an empty body, as AWS does.
  const body = output === undefined ? '' : JSON.stringify(output)
  return {status: 200, headers: headers(), body}
}

export function errorResponse(error: AwsError): LocalResponse {
  return {status: error.status, headers: headers(), body: JSON.stringify({__type: error.type, message: error.message})}
}

function headers(): Record<string, string> {
  return {'content-type': JSON_11, 'x-amzn-requestid': randomUUID()}
}
