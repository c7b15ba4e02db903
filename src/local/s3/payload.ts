// Turns a request body into the payload S3 would store: undo aws-chunked framing, then check
// every integrity claim the client made (x-amz-content-sha256, Content-MD5, x-amz-checksum-*,
// x-amz-decoded-content-length). A claim that does not hold rejects the request, as AWS does.
import {createHash} from 'node:crypto'
import type {IncomingHttpHeaders} from 'node:http'
import {
  algorithmOfHeader,
  type Checksum,
  checksumHeaderName,
  computeChecksum,
  isWellFormedChecksum,
  md5Base64,
} from './checksum.js'
import {decodeAwsChunked} from './chunked.js'
import {S3Error} from './errors.js'

export interface Payload {
  body: Buffer
  /** The flexible checksum the client sent (header or trailer), verified against the body. */
  checksum?: Checksum
}

const NAMED_CONTENT_SHA256 = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
])

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

/** Content-Encoding without the aws-chunked transport token, which S3 never stores. */
export function storedContentEncoding(headers: IncomingHttpHeaders): string | undefined {
  const tokens = (header(headers, 'content-encoding') ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '' && t.toLowerCase() !== 'aws-chunked')
  return tokens.length > 0 ? tokens.join(',') : undefined
}

/**
 * Checks x-amz-content-sha256 on any request: a digest must match the raw body, anything else
 * must be one of the names SigV4 defines.
 */
export function checkContentSha256(headers: IncomingHttpHeaders, raw: Buffer): void {
  const claimed = header(headers, 'x-amz-content-sha256')
  if (claimed === undefined || NAMED_CONTENT_SHA256.has(claimed)) return
  if (!/^[0-9a-fA-F]{64}$/.test(claimed)) {
    throw new S3Error('InvalidArgument', {
      message: 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, a STREAMING- payload name, or a valid sha256 value.',
      fields: {ArgumentName: 'x-amz-content-sha256', ArgumentValue: claimed},
    })
  }
  const actual = createHash('sha256').update(raw).digest('hex')
  if (actual !== claimed.toLowerCase()) {
    throw new S3Error('XAmzContentSHA256Mismatch', {
      fields: {ClientComputedContentSHA256: claimed, S3ComputedContentSHA256: actual},
    })
  }
}

export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const sha = header(headers, 'x-amz-content-sha256') ?? ''
  const encoding = (header(headers, 'content-encoding') ?? '').toLowerCase()
  return sha.startsWith('STREAMING-') || encoding.split(',').some((t) => t.trim() === 'aws-chunked')
}

export function readPayload(headers: IncomingHttpHeaders, raw: Buffer): Payload {
  const {body, trailers} = isAwsChunked(headers) ? unchunk(headers, raw) : {body: raw, trailers: new Map()}
  checkContentMd5(headers, body)
  const checksum = claimedChecksum(headers, trailers)
  if (checksum !== undefined && computeChecksum(checksum.algorithm, body) !== checksum.value) {
    throw new S3Error('BadDigest', {
      message: `The ${checksum.algorithm} you specified did not match the calculated checksum.`,
    })
  }
  return checksum === undefined ? {body} : {body, checksum}
}

function unchunk(headers: IncomingHttpHeaders, raw: Buffer): {body: Buffer; trailers: Map<string, string>} {
  const declared = header(headers, 'x-amz-decoded-content-length')
  if (declared === undefined || !/^\d{1,15}$/.test(declared.trim())) {
    throw new S3Error('MissingContentLength', {
      message: 'An aws-chunked body needs a valid x-amz-decoded-content-length header.',
    })
  }
  const decoded = decodeAwsChunked(raw)
  if (!decoded.ok) {
    throw new S3Error('IncompleteBody', {message: `The aws-chunked body is malformed: ${decoded.reason}.`})
  }
  if (decoded.payload.length !== Number(declared)) {
    throw new S3Error('IncompleteBody', {
      message: `The decoded body has ${decoded.payload.length} bytes; x-amz-decoded-content-length says ${declared.trim()}.`,
    })
  }
  const announced = (header(headers, 'x-amz-trailer') ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '')
  for (const name of announced) {
    if (algorithmOfHeader(name) === undefined || !decoded.trailers.has(name)) {
      throw new S3Error('MalformedTrailerError', {fields: {Trailer: name}})
    }
  }
  return {body: decoded.payload, trailers: decoded.trailers}
}

function checkContentMd5(headers: IncomingHttpHeaders, body: Buffer): void {
  const claimed = header(headers, 'content-md5')
  if (claimed === undefined) return
  const value = claimed.trim()
  const wellFormed = /^[A-Za-z0-9+/]{22}==$/.test(value)
  if (!wellFormed) throw new S3Error('InvalidDigest', {fields: {'Content-MD5': claimed}})
  if (md5Base64(body) !== value) throw new S3Error('BadDigest', {fields: {ExpectedDigest: value}})
}

/** The one x-amz-checksum-* the client sent, from a header or an aws-chunked trailer. */
function claimedChecksum(headers: IncomingHttpHeaders, trailers: Map<string, string>): Checksum | undefined {
  const claims: Checksum[] = []
  const collect = (name: string, value: string | undefined): void => {
    const algorithm = algorithmOfHeader(name)
    if (algorithm === undefined || value === undefined) return
    const trimmed = value.trim()
    if (!isWellFormedChecksum(algorithm, trimmed)) {
      throw new S3Error('InvalidRequest', {message: `Value for ${checksumHeaderName(algorithm)} header is invalid.`})
    }
    claims.push({algorithm, value: trimmed})
  }
  for (const name of Object.keys(headers)) collect(name, header(headers, name))
  for (const [name, value] of trailers) collect(name, value)
  if (claims.length > 1) {
    throw new S3Error('InvalidRequest', {
      message: 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    })
  }
  return claims[0]
}
