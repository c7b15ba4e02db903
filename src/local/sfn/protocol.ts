// The AWS JSON 1.0 wire protocol as Step Functions speaks it: POST, the operation in
// `x-amz-target: AWSStepFunctions.<Operation>`, a JSON object in the body, timestamps as epoch
// seconds, and errors as `{"__type": "<Name>", "message": "..."}`.
import {randomUUID} from 'node:crypto'
import type {LocalRequest, LocalResponse} from '../http.js'
import {SfnError, serializationError} from './errors.js'
import type {Input} from './members.js'

export const JSON_10 = 'application/x-amz-json-1.0'
const TARGET_PREFIX = 'AWSStepFunctions.'

/** An operation's output already serialized (history pages are assembled from cached event JSON). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** The operation name from the target header, e.g. `StartExecution`. */
export function operationOf(req: LocalRequest): string {
  const target = req.headers['x-amz-target']
  if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX) || target.length === TARGET_PREFIX.length) {
    const shown = typeof target === 'string' ? target : '(none)'
    throw new SfnError('UnknownOperationException', `The local Step Functions endpoint does not know the operation ${shown}.`)
  }
  if (req.method !== 'POST') throw new SfnError('UnknownOperationException', `Step Functions takes POST requests, not ${req.method}.`)
  return target.slice(TARGET_PREFIX.length)
}

/** The request body as a JSON object; an empty body stands for `{}`. */
export function bodyOf(req: LocalRequest): Input {
  const text = req.body.toString('utf8')
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw serializationError('The request body is not valid JSON.')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw serializationError('The request body must be a JSON object.')
  return parsed as Input
}

export function okResponse(output: unknown): LocalResponse {
  const body = output instanceof RawJson ? output.text : JSON.stringify(output ?? {}, wireValue)
  return {status: 200, headers: headers(), body}
}

export function errorResponse(error: SfnError): LocalResponse {
  return {status: error.status, headers: headers(), body: JSON.stringify({__type: error.type, message: error.message})}
}

/** Dates go on the wire as epoch seconds (JSON.stringify has already turned them into strings: read the original). */
export function wireValue(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key]
  return original instanceof Date ? original.getTime() / 1000 : value
}

function headers(): Record<string, string> {
  return {'content-type': JSON_10, 'x-amzn-requestid': randomUUID()}
}
