// The envelope fields AWS's optimized integrations add to a service response (lambda:invoke,
// sns:publish, dynamodb:*): SdkHttpMetadata with the response headers twice (AllHttpHeaders as
// lists, HttpHeaders as strings) and SdkResponseMetadata with the request id. AWS SDK integrations
// (aws-sdk:*) return the bare API response and never carry them.
import {randomUUID} from 'node:crypto'
import type {JsonObject} from '../../asl/types.js'

export const newRequestId = (): string => randomUUID()

/** The Date header: "Thu, 16 Apr 2020 17:58:15 GMT". */
export const httpDate = (date: Date): string => date.toUTCString()

export interface EnvelopeOptions {
  date: Date
  requestId: string
  contentType: string
  contentLength: number
  /** Service-specific headers (X-Amz-Executed-Version, x-amz-crc32...). */
  headers?: Record<string, string>
}

export function sdkEnvelope(options: EnvelopeOptions): {SdkHttpMetadata: JsonObject; SdkResponseMetadata: JsonObject} {
  const headers: Record<string, string> = {
    'Content-Length': String(options.contentLength),
    'Content-Type': options.contentType,
    Date: httpDate(options.date),
    'x-amzn-RequestId': options.requestId,
    ...options.headers,
  }
  const all: JsonObject = {}
  for (const [name, value] of Object.entries(headers)) all[name] = [value]
  return {
    SdkHttpMetadata: {AllHttpHeaders: all, HttpHeaders: {...headers}, HttpStatusCode: 200},
    SdkResponseMetadata: {RequestId: options.requestId},
  }
}

/** How the Java SDK behind AWS SDK integrations words a service error's cause. */
export const sdkCause = (message: string, service: string, status: number, requestId = newRequestId()): string =>
  `${message} (Service: ${service}, Status Code: ${status}, Request ID: ${requestId})`
