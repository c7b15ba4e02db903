// Answers in an AWS JSON protocol: the content type names the version (1.0 or 1.1), every answer
// carries a request id, and timestamps go on the wire as epoch seconds, as both versions write them.
import {randomUUID} from 'node:crypto'
import type {LocalResponse} from '../http.js'
import type {AwsJsonError} from './errors.js'

export const JSON_10 = 'application/x-amz-json-1.0'
export const JSON_11 = 'application/x-amz-json-1.1'
export type JsonContentType = typeof JSON_10 | typeof JSON_11

/** An operation's output already serialized (Step Functions history pages are assembled from cached event JSON). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** An operation without output (EventBridge's EnableRule, DeleteRule, ...) answers with an empty body, as AWS does. */
export function okResponse(contentType: JsonContentType, output: unknown): LocalResponse {
  const body = output instanceof RawJson ? output.text : output === undefined ? '' : JSON.stringify(output, wireValue)
  return {status: 200, headers: headers(contentType), body}
}

export function errorResponse(contentType: JsonContentType, error: AwsJsonError): LocalResponse {
  return {status: error.status, headers: headers(contentType), body: JSON.stringify({__type: error.type, message: error.message})}
}

/** Dates as epoch seconds (JSON.stringify has already turned them into strings: read the original). */
function wireValue(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key]
  return original instanceof Date ? original.getTime() / 1000 : value
}

function headers(contentType: JsonContentType): Record<string, string> {
  return {'content-type': contentType, 'x-amzn-requestid': randomUUID()}
}
