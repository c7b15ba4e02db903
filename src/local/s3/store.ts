// The local S3 object store: buckets of objects in memory, with a JSON-serialisable snapshot.
// The HTTP handler and the local Step Functions task integrations both use it, so it speaks in
// S3 terms (ETags, S3Error codes) but knows nothing of HTTP.
//
// Every method is synchronous on purpose: a conditional put checks and writes in one turn of the
// event loop, which is what makes `If-None-Match: *` an atomic create (the deploy lock needs it).
import {createHash} from 'node:crypto'
import {type Checksum, CHECKSUM_ALGORITHMS, isWellFormedChecksum} from './checksum.js'
import {invalidArgument, noSuchBucket, S3Error} from './errors.js'
import {compareUtf8, decodeContinuationToken, encodeContinuationToken, listPage, MAX_LIST_KEYS} from './listing.js'

export interface StoredObject {
  readonly key: string
  readonly body: Buffer
  readonly size: number
  /** Quoted MD5 hex of the body, exactly as S3 sends it in the ETag header. */
  readonly etag: string
  readonly lastModified: Date
  readonly contentType: string
  /** Other stored content headers: content-encoding, content-disposition, cache-control, ... */
  readonly headers: Readonly<Record<string, string>>
  /** User metadata, keys without the x-amz-meta- prefix, lower case. */
  readonly metadata: Readonly<Record<string, string>>
  readonly checksum?: Checksum
}

export type ObjectInfo = Omit<StoredObject, 'body'>

export interface BucketInfo {
  name: string
  region: string
  createdAt: Date
}

export interface PutObjectOptions {
  contentType?: string
  headers?: Record<string, string>
  metadata?: Record<string, string>
  checksum?: Checksum
  /** Only `*`: create the object only if the key is absent. */
  ifNoneMatch?: '*'
  /** Write only if the current object's ETag is this one (quoted or not), or `*` for "exists". */
  ifMatch?: string
}

export type PutObjectResult =
  | {ok: true; etag: string; object: StoredObject}
  | {ok: false; code: 'PreconditionFailed' | 'NoSuchKey'; condition: 'If-Match' | 'If-None-Match'}

export interface ListOptions {
  prefix?: string
  delimiter?: string
  /** Default and ceiling 1000, as S3. */
  maxKeys?: number
  startAfter?: string
  /** From a previous page's nextContinuationToken; wins over startAfter. */
  continuationToken?: string
}

export interface ListResult {
  objects: ObjectInfo[]
  commonPrefixes: string[]
  isTruncated: boolean
  nextContinuationToken?: string
  /** The last key or common prefix returned: ListObjects (v1) calls it NextMarker. */
  lastEntry?: string
}

export type S3Change =
  | {type: 'createBucket' | 'deleteBucket'; bucket: string}
  | {type: 'putObject' | 'deleteObject'; bucket: string; key: string}

export interface S3StoreOptions {
  /** Called after every change, e.g. to persist a snapshot to the endpoint's data directory. */
  onChange?: (change: S3Change) => void
  /** Time source for LastModified and CreationDate, so a virtual clock can drive it. */
  now?: () => Date
  /** Region recorded for buckets created without a LocationConstraint. */
  defaultRegion?: string
}

export interface S3Snapshot {
  version: 1
  buckets: Array<{
    name: string
    region: string
    createdAt: string
    objects: Array<{
      key: string
      /** Base64 of the body. */
      body: string
      etag: string
      lastModified: string
      contentType: string
      headers: Record<string, string>
      metadata: Record<string, string>
      checksum?: Checksum
    }>
  }>
}

interface Bucket extends BucketInfo {
  objects: Map<string, StoredObject>
  /** Keys in UTF-8 order, rebuilt lazily after a change. */
  sortedKeys?: string[]
}

export const MAX_KEY_BYTES = 1024
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream'

export class S3Store {
  private buckets = new Map<string, Bucket>()
  private readonly options: S3StoreOptions

  constructor(options: S3StoreOptions = {}) {
    this.options = options
  }

  createBucket(name: string, options: {region?: string} = {}): BucketInfo {
    const problem = bucketNameProblem(name)
    if (problem !== undefined) throw new S3Error('InvalidBucketName', {message: problem, fields: {BucketName: name}})
    if (this.buckets.has(name)) throw new S3Error('BucketAlreadyOwnedByYou', {fields: {BucketName: name}})
    const bucket: Bucket = {
      name,
      region: options.region ?? this.options.defaultRegion ?? 'us-east-1',
      createdAt: this.now(),
      objects: new Map(),
    }
    this.buckets.set(name, bucket)
    this.changed({type: 'createBucket', bucket: name})
    return bucketInfo(bucket)
  }

  headBucket(name: string): BucketInfo | undefined {
    const bucket = this.buckets.get(name)
    return bucket === undefined ? undefined : bucketInfo(bucket)
  }

  listBuckets(): BucketInfo[] {
    return [...this.buckets.values()].map(bucketInfo).sort((a, b) => compareUtf8(a.name, b.name))
  }

  deleteBucket(name: string): void {
    const bucket = this.bucket(name)
    if (bucket.objects.size > 0) throw new S3Error('BucketNotEmpty', {fields: {BucketName: name}})
    this.buckets.delete(name)
    this.changed({type: 'deleteBucket', bucket: name})
  }

  putObject(bucketName: string, key: string, body: Buffer, options: PutObjectOptions = {}): PutObjectResult {
    const bucket = this.bucket(bucketName)
    checkKey(key)
    if (options.checksum !== undefined) checkChecksum(options.checksum)
    const current = bucket.objects.get(key)
    if (options.ifNoneMatch !== undefined && current !== undefined) {
      return {ok: false, code: 'PreconditionFailed', condition: 'If-None-Match'}
    }
    if (options.ifMatch !== undefined) {
      if (current === undefined) return {ok: false, code: 'NoSuchKey', condition: 'If-Match'}
      if (!etagMatches(options.ifMatch, current.etag)) {
        return {ok: false, code: 'PreconditionFailed', condition: 'If-Match'}
      }
    }
    const copy = Buffer.from(body)
    const object: StoredObject = {
      key,
      body: copy,
      size: copy.length,
      etag: `"${createHash('md5').update(copy).digest('hex')}"`,
      lastModified: wholeSeconds(this.now()),
      contentType: options.contentType ?? DEFAULT_CONTENT_TYPE,
      headers: {...options.headers},
      metadata: lowerCaseKeys(options.metadata ?? {}),
      ...(options.checksum === undefined ? {} : {checksum: {...options.checksum}}),
    }
    if (current === undefined) bucket.sortedKeys = undefined
    bucket.objects.set(key, object)
    this.changed({type: 'putObject', bucket: bucketName, key})
    return {ok: true, etag: object.etag, object}
  }

  /** The object, or undefined when the key is absent; throws NoSuchBucket. */
  getObject(bucket: string, key: string): StoredObject | undefined {
    return this.bucket(bucket).objects.get(key)
  }

  headObject(bucket: string, key: string): ObjectInfo | undefined {
    const object = this.getObject(bucket, key)
    return object === undefined ? undefined : objectInfo(object)
  }

  /** Deletes the key if present; true when something was deleted. Throws NoSuchBucket. */
  deleteObject(bucketName: string, key: string): boolean {
    const bucket = this.bucket(bucketName)
    if (!bucket.objects.delete(key)) return false
    bucket.sortedKeys = undefined
    this.changed({type: 'deleteObject', bucket: bucketName, key})
    return true
  }

  list(bucketName: string, options: ListOptions = {}): ListResult {
    const bucket = this.bucket(bucketName)
    const maxKeys = options.maxKeys ?? MAX_LIST_KEYS
    if (!Number.isInteger(maxKeys) || maxKeys < 0) {
      throw invalidArgument('max-keys must be a non-negative integer', 'max-keys', String(maxKeys))
    }
    const after =
      options.continuationToken !== undefined ? decodeContinuationToken(options.continuationToken) : options.startAfter
    bucket.sortedKeys ??= [...bucket.objects.keys()].sort(compareUtf8)
    const page = listPage(bucket.sortedKeys, {
      prefix: options.prefix ?? '',
      delimiter: options.delimiter ?? '',
      maxKeys,
      ...(after === undefined ? {} : {after}),
    })
    const objects = page.keys.map((key) => objectInfo(bucket.objects.get(key) as StoredObject))
    const result: ListResult = {objects, commonPrefixes: page.commonPrefixes, isTruncated: page.isTruncated}
    if (page.last !== undefined) result.lastEntry = page.last
    if (page.isTruncated && page.last !== undefined) result.nextContinuationToken = encodeContinuationToken(page.last)
    return result
  }

  snapshot(): S3Snapshot {
    return {
      version: 1,
      buckets: this.listBuckets().map((info) => {
        const bucket = this.bucket(info.name)
        const keys = [...bucket.objects.keys()].sort(compareUtf8)
        return {
          name: bucket.name,
          region: bucket.region,
          createdAt: bucket.createdAt.toISOString(),
          objects: keys.map((key) => {
            const o = bucket.objects.get(key) as StoredObject
            return {
              key,
              body: o.body.toString('base64'),
              etag: o.etag,
              lastModified: o.lastModified.toISOString(),
              contentType: o.contentType,
              headers: {...o.headers},
              metadata: {...o.metadata},
              ...(o.checksum === undefined ? {} : {checksum: {...o.checksum}}),
            }
          }),
        }
      }),
    }
  }

  /** Replaces the whole store with a snapshot; throws without changing anything if it is malformed. */
  restore(snapshot: S3Snapshot): void {
    this.buckets = snapshotToBuckets(snapshot)
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name)
    if (bucket === undefined) throw noSuchBucket(name)
    return bucket
  }

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  private changed(change: S3Change): void {
    this.options.onChange?.(change)
  }
}

function snapshotToBuckets(snapshot: S3Snapshot): Map<string, Bucket> {
  const malformed = (what: string): Error => new Error(`S3 snapshot is malformed: ${what}`)
  if (snapshot?.version !== 1 || !Array.isArray(snapshot.buckets)) {
    throw malformed('expected {version: 1, buckets: [...]}')
  }
  const buckets = new Map<string, Bucket>()
  for (const b of snapshot.buckets) {
    if (typeof b?.name !== 'string' || !Array.isArray(b.objects)) throw malformed('a bucket needs a name and objects')
    const objects = new Map<string, StoredObject>()
    for (const o of b.objects) {
      if (typeof o?.key !== 'string' || typeof o.body !== 'string' || typeof o.etag !== 'string') {
        throw malformed(`an object in bucket ${b.name} needs key, body and etag`)
      }
      const body = Buffer.from(o.body, 'base64')
      objects.set(o.key, {
        key: o.key,
        body,
        size: body.length,
        etag: o.etag,
        lastModified: validDate(o.lastModified, malformed),
        contentType: typeof o.contentType === 'string' ? o.contentType : DEFAULT_CONTENT_TYPE,
        headers: {...o.headers},
        metadata: {...o.metadata},
        ...(o.checksum === undefined ? {} : {checksum: {...o.checksum}}),
      })
    }
    buckets.set(b.name, {
      name: b.name,
      region: typeof b.region === 'string' ? b.region : 'us-east-1',
      createdAt: validDate(b.createdAt, malformed),
      objects,
    })
  }
  return buckets
}

function validDate(text: unknown, malformed: (what: string) => Error): Date {
  const date = new Date(typeof text === 'string' ? text : Number.NaN)
  if (Number.isNaN(date.getTime())) throw malformed(`invalid date ${JSON.stringify(text)}`)
  return date
}

function bucketInfo(bucket: Bucket): BucketInfo {
  return {name: bucket.name, region: bucket.region, createdAt: bucket.createdAt}
}

function objectInfo(object: StoredObject): ObjectInfo {
  const {body: _body, ...info} = object
  return info
}

function checkKey(key: string): void {
  if (key === '') throw invalidArgument('Object key must not be empty', 'key', key)
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', {fields: {Size: String(Buffer.byteLength(key, 'utf8')), MaxSizeAllowed: '1024'}})
  }
}

function checkChecksum(checksum: Checksum): void {
  if (!CHECKSUM_ALGORITHMS.includes(checksum.algorithm) || !isWellFormedChecksum(checksum.algorithm, checksum.value)) {
    throw new S3Error('InvalidRequest', {message: `Invalid ${checksum.algorithm} checksum value.`})
  }
}

/** S3 compares ETags without their quotes; `*` matches any existing object. */
export function etagMatches(condition: string, etag: string): boolean {
  const bare = (value: string): string => value.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1')
  return condition.split(',').some((candidate) => candidate.trim() === '*' || bare(candidate) === bare(etag))
}

/** HTTP dates have whole seconds, so LastModified does too, or If-Modified-Since would misfire. */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000)
}

function lowerCaseKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]))
}

/** Why a name is not a valid general purpose bucket name, or undefined when it is valid. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'Bucket names must be between 3 and 63 characters long.'
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return (
      'Bucket names may hold only lowercase letters, numbers, dots and hyphens, ' +
      'and must begin and end with a letter or number.'
    )
  }
  if (name.includes('..')) return 'Bucket names must not contain two adjacent periods.'
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'Bucket names must not be formatted as an IP address.'
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return 'Bucket names must not start with a reserved prefix.'
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return 'Bucket names must not end with a reserved suffix.'
  return undefined
}
