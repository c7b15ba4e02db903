// The S3 protocol handler of the embedded endpoint: path-style REST (`/bucket/key`), routed to
// the operations in bucket-ops, list-ops and object-ops. It never throws: whatever the request,
// the answer is an S3 response or an S3 XML error, and a rejected request leaves the store
// unchanged. SigV4 signatures are not checked; any credentials are accepted.
import type {LocalHandler, LocalRequest, LocalResponse} from '../http.js'
import {
  createBucket,
  deleteBucket,
  deleteObjects,
  getBucketLocation,
  headBucket,
  listBuckets,
} from './bucket-ops.js'
import {S3Error} from './errors.js'
import {listObjectsV1, listObjectsV2} from './list-ops.js'
import {deleteObject, putObject, readObject} from './object-ops.js'
import {checkContentSha256} from './payload.js'
import {errorResponse, newRequestContext, requestIdHeaders} from './response.js'
import type {S3Store} from './store.js'

/** Bucket subresources S3 has and this endpoint does not: 501 rather than a wrong answer. */
const UNSUPPORTED_BUCKET_SUBRESOURCES = [
  'accelerate', 'acl', 'analytics', 'cors', 'encryption', 'intelligent-tiering', 'inventory', 'lifecycle',
  'logging', 'metadataTable', 'metrics', 'notification', 'object-lock', 'ownershipControls', 'policy',
  'policyStatus', 'publicAccessBlock', 'replication', 'requestPayment', 'session', 'tagging', 'uploads',
  'versioning', 'versions', 'website',
]
const UNSUPPORTED_OBJECT_SUBRESOURCES = [
  'acl', 'attributes', 'legal-hold', 'partNumber', 'renameObject', 'restore', 'retention', 'select',
  'tagging', 'torrent', 'uploadId', 'uploads',
]

export function createS3Handler(store: S3Store): LocalHandler {
  return async (req) => handleS3Request(store, req)
}

export function handleS3Request(store: S3Store, req: LocalRequest): LocalResponse {
  const ctx = newRequestContext(req.method, req.url.pathname)
  let response: LocalResponse
  try {
    response = route(store, req, ctx.method)
  } catch (error) {
    response = errorResponse(error instanceof S3Error ? error : internalError(error), ctx)
  }
  return {...response, headers: {...requestIdHeaders(ctx), ...response.headers}}
}

function route(store: S3Store, req: LocalRequest, method: string): LocalResponse {
  const {bucket, key} = target(req.url)
  checkContentSha256(req.headers, req.body)
  if (bucket === '') {
    if (method === 'GET') return listBuckets(store, req.url)
    throw methodNotAllowed(method, 'SERVICE')
  }
  return key === '' ? routeBucket(store, req, method, bucket) : routeObject(store, req, method, bucket, key)
}

function routeBucket(store: S3Store, req: LocalRequest, method: string, bucket: string): LocalResponse {
  const params = req.url.searchParams
  if (params.has('delete')) {
    if (method === 'POST') return deleteObjects(store, req, bucket)
    throw methodNotAllowed(method, 'BUCKET')
  }
  if (params.has('location')) {
    if (method === 'GET') return getBucketLocation(store, bucket)
    throw methodNotAllowed(method, 'BUCKET')
  }
  rejectUnsupported(params, UNSUPPORTED_BUCKET_SUBRESOURCES)
  switch (method) {
    case 'PUT':
      return createBucket(store, req, bucket)
    case 'HEAD':
      return headBucket(store, bucket)
    case 'DELETE':
      return deleteBucket(store, bucket)
    case 'GET':
      return params.has('list-type') ? listObjectsV2(store, bucket, req.url) : listObjectsV1(store, bucket, req.url)
    case 'POST':
      throw new S3Error('NotImplemented', {message: 'POST object uploads (HTML forms) are not implemented locally.'})
    default:
      throw methodNotAllowed(method, 'BUCKET')
  }
}

function routeObject(store: S3Store, req: LocalRequest, method: string, bucket: string, key: string): LocalResponse {
  rejectUnsupported(req.url.searchParams, UNSUPPORTED_OBJECT_SUBRESOURCES)
  switch (method) {
    case 'PUT':
      return putObject(store, req, bucket, key)
    case 'GET':
    case 'HEAD':
      return readObject(store, req, bucket, key)
    case 'DELETE':
      return deleteObject(store, req, bucket, key)
    default:
      throw methodNotAllowed(method, 'OBJECT')
  }
}

/** Path style: the first segment is the bucket, the rest (slashes and all) the key. */
function target(url: URL): {bucket: string; key: string} {
  const path = url.pathname.replace(/^\//, '')
  const slash = path.indexOf('/')
  const [rawBucket, rawKey] = slash < 0 ? [path, ''] : [path.slice(0, slash), path.slice(slash + 1)]
  try {
    return {bucket: decodeURIComponent(rawBucket), key: decodeURIComponent(rawKey)}
  } catch {
    throw new S3Error('InvalidURI', {fields: {URI: url.pathname}})
  }
}

function rejectUnsupported(params: URLSearchParams, unsupported: readonly string[]): void {
  const name = unsupported.find((n) => params.has(n))
  if (name !== undefined) {
    throw new S3Error('NotImplemented', {
      message: `The local S3 endpoint does not implement the ?${name} subresource.`,
      fields: {Subresource: name},
    })
  }
}

function methodNotAllowed(method: string, resourceType: 'SERVICE' | 'BUCKET' | 'OBJECT'): S3Error {
  return new S3Error('MethodNotAllowed', {fields: {Method: method, ResourceType: resourceType}})
}

function internalError(error: unknown): S3Error {
  const detail = error instanceof Error ? error.message : String(error)
  return new S3Error('InternalError', {message: `The local S3 endpoint failed: ${detail}`})
}
