// Building LocalResponses the way S3 shapes them: XML documents, error documents, and the
// request id headers every response carries.
import {randomBytes} from 'node:crypto'
import type {LocalResponse} from '../http.js'
import type {S3Error} from './errors.js'
import {container, document, element} from './xml.js'

/** Listings name an owner; there is none locally, so every bucket and object has this one. */
export const LOCAL_OWNER = container('Owner', element('ID', '0'.repeat(64)) + element('DisplayName', 'ae-local'))

export interface RequestContext {
  requestId: string
  hostId: string
  method: string
  /** The request path, which S3 error documents name as the Resource. */
  resource: string
}

export function newRequestContext(method: string, resource: string): RequestContext {
  return {
    requestId: randomBytes(8).toString('hex').toUpperCase(),
    hostId: randomBytes(24).toString('base64'),
    method: method.toUpperCase(),
    resource,
  }
}

export function requestIdHeaders(ctx: RequestContext): Record<string, string> {
  return {'x-amz-request-id': ctx.requestId, 'x-amz-id-2': ctx.hostId}
}

export function xmlResponse(body: string, status = 200, headers: Record<string, string> = {}): LocalResponse {
  return {status, headers: {'content-type': 'application/xml', ...headers}, body}
}

/** S3 answers HEAD errors with the status alone: a HEAD response cannot carry the document. */
export function errorResponse(error: S3Error, ctx: RequestContext, headers: Record<string, string> = {}): LocalResponse {
  if (ctx.method === 'HEAD') return {status: error.status, headers}
  const fields = Object.entries(error.fields)
    .map(([name, value]) => element(name, value))
    .join('')
  const body = document(
    'Error',
    element('Code', error.code) +
      element('Message', error.message) +
      fields +
      element('Resource', ctx.resource) +
      element('RequestId', ctx.requestId) +
      element('HostId', ctx.hostId),
    false,
  )
  return xmlResponse(body, error.status, headers)
}
