// PutObject, GetObject, HeadObject and DeleteObject over the store.
import type {IncomingHttpHeaders} from 'node:http'
import type {LocalRequest, LocalResponse} from '../http.js'
import {type Checksum, checksumHeaderName} from './checksum.js'
import {evaluateReadConditions, parseRange} from './conditions.js'
import {invalidArgument, noSuchBucket, noSuchKey, S3Error} from './errors.js'
import {header, readPayload, storedContentEncoding} from './payload.js'
import {DEFAULT_CONTENT_TYPE, type PutObjectOptions, type S3Store, type StoredObject} from './store.js'

/** Content headers S3 stores with an object and returns on GET and HEAD. */
const STORED_HEADERS = ['content-disposition', 'content-language', 'cache-control', 'expires'] as const
const METADATA_PREFIX = 'x-amz-meta-'
const MAX_METADATA_BYTES = 2048

export function putObject(store: S3Store, req: LocalRequest, bucket: string, key: string): LocalResponse {
  if (store.headBucket(bucket) === undefined) throw noSuchBucket(bucket)
  if (header(req.headers, 'x-amz-copy-source') !== undefined) {
    throw new S3Error('NotImplemented', {
      message: 'CopyObject is not implemented by the local endpoint.',
      fields: {Header: 'x-amz-copy-source'},
    })
  }
  const conditions = writeConditions(req.headers)
  const payload = readPayload(req.headers, req.body)
  const options: PutObjectOptions = {
    contentType: header(req.headers, 'content-type') ?? DEFAULT_CONTENT_TYPE,
    headers: storedHeaders(req.headers),
    metadata: userMetadata(req.headers),
    ...conditions,
    ...(payload.checksum === undefined ? {} : {checksum: payload.checksum}),
  }
  const result = store.putObject(bucket, key, payload.body, options)
  if (!result.ok) {
    if (result.code === 'NoSuchKey') throw noSuchKey(key)
    throw new S3Error('PreconditionFailed', {fields: {Condition: result.condition}})
  }
  return {status: 200, headers: {etag: result.etag, ...checksumHeaders(payload.checksum)}}
}

/**
 * PutObject takes `If-None-Match: *` or `If-Match: <etag>`, one at a time; AWS answers any
 * other If-None-Match value, or both headers together, with 501 NotImplemented.
 */
function writeConditions(headers: IncomingHttpHeaders): Pick<PutObjectOptions, 'ifMatch' | 'ifNoneMatch'> {
  const ifMatch = header(headers, 'if-match')
  const ifNoneMatch = header(headers, 'if-none-match')
  if (ifMatch !== undefined && ifNoneMatch !== undefined) {
    throw new S3Error('NotImplemented', {fields: {Header: 'If-Match,If-None-Match'}})
  }
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') throw new S3Error('NotImplemented', {fields: {Header: 'If-None-Match'}})
    return {ifNoneMatch: '*'}
  }
  return ifMatch === undefined ? {} : {ifMatch}
}

function storedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const stored: Record<string, string> = {}
  for (const name of STORED_HEADERS) {
    const value = header(headers, name)
    if (value !== undefined) stored[name] = value
  }
  const encoding = storedContentEncoding(headers)
  if (encoding !== undefined) stored['content-encoding'] = encoding
  return stored
}

function userMetadata(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {}
  let bytes = 0
  for (const name of Object.keys(headers)) {
    if (!name.startsWith(METADATA_PREFIX)) continue
    const key = name.slice(METADATA_PREFIX.length)
    // node:http hands header bytes over as latin1; clients send UTF-8.
    const value = Buffer.from(header(headers, name) ?? '', 'latin1').toString('utf8')
    metadata[key] = value
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value)
  }
  if (bytes > MAX_METADATA_BYTES) {
    throw new S3Error('MetadataTooLarge', {fields: {Size: String(bytes), MaxSizeAllowed: String(MAX_METADATA_BYTES)}})
  }
  return metadata
}

function checksumHeaders(checksum: Checksum | undefined): Record<string, string> {
  if (checksum === undefined) return {}
  return {[checksumHeaderName(checksum.algorithm)]: checksum.value, 'x-amz-checksum-type': 'FULL_OBJECT'}
}

/** GetObject and HeadObject: the same headers, conditions and ranges; HEAD drops the body. */
export function readObject(store: S3Store, req: LocalRequest, bucket: string, key: string): LocalResponse {
  checkVersionId(req.url)
  const object = store.getObject(bucket, key)
  if (object === undefined) throw noSuchKey(key)
  const validators = {etag: object.etag, 'last-modified': object.lastModified.toUTCString()}
  const condition = evaluateReadConditions(req.headers, object)
  if (condition.outcome === 'not-modified') return {status: 304, headers: validators}
  if (condition.outcome === 'failed') {
    throw new S3Error('PreconditionFailed', {fields: {Condition: condition.condition}})
  }
  const requested = header(req.headers, 'range')
  const range = parseRange(requested, object.size)
  if (range === 'unsatisfiable') {
    throw new S3Error('InvalidRange', {
      fields: {RangeRequested: requested ?? '', ActualObjectSize: String(object.size)},
    })
  }
  const body = range === undefined ? object.body : object.body.subarray(range.start, range.end + 1)
  const headers: Record<string, string> = {
    ...validators,
    'accept-ranges': 'bytes',
    'content-length': String(body.length),
    ...objectHeaders(object, req.url),
  }
  if (range !== undefined) headers['content-range'] = `bytes ${range.start}-${range.end}/${object.size}`
  // A checksum describes the whole object, so a ranged read cannot carry it.
  if (range === undefined && header(req.headers, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED') {
    Object.assign(headers, checksumHeaders(object.checksum))
  }
  const status = range === undefined ? 200 : 206
  return req.method.toUpperCase() === 'HEAD' ? {status, headers} : {status, headers, body}
}

function objectHeaders(object: StoredObject, url: URL): Record<string, string> {
  const headers: Record<string, string> = {'content-type': safeHeaderValue(object.contentType)}
  for (const [name, value] of Object.entries(object.headers)) headers[name] = safeHeaderValue(value)
  for (const [name, value] of Object.entries(object.metadata)) headers[METADATA_PREFIX + name] = safeHeaderValue(value)
  // GetObject's response-* query parameters override the stored headers for this response.
  for (const name of [...STORED_HEADERS, 'content-type', 'content-encoding']) {
    const override = url.searchParams.get(`response-${name}`)
    if (override !== null) headers[name] = safeHeaderValue(override)
  }
  return headers
}

/** Values that cannot travel in an HTTP header are sent RFC 2047 encoded, as S3 does. */
function safeHeaderValue(value: string): string {
  return /^[\x20-\x7e\t]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`
}

export function deleteObject(store: S3Store, req: LocalRequest, bucket: string, key: string): LocalResponse {
  checkVersionId(req.url)
  // S3 answers 204 whether or not the key existed.
  store.deleteObject(bucket, key)
  return {status: 204}
}

/** Buckets here are never versioned; the only version id that exists is "null". */
export function checkVersionId(url: URL): void {
  const versionId = url.searchParams.get('versionId')
  if (versionId !== null && versionId !== 'null') {
    throw invalidArgument('Invalid version id specified', 'versionId', versionId)
  }
}
