// S3 through the AWS SDK integrations (`aws-sdk:s3:putObject|getObject|headObject|deleteObject`)
// against the local store. Errors carry the names Step Functions gives them: the Java SDK's modeled
// exceptions as `S3.<Code>Exception` (S3.NoSuchKeyException), anything else `S3.S3Exception`, with
// the SDK's "(Service: S3, Status Code: ...)" cause. Step Functions has no optimized S3 integration
// (`arn:aws:states:::s3:*` exists only inside Distributed Map), so none is served here: a definition
// using one would fail in AWS and should fail locally too.
import {StatesError} from '../../asl/states-error.js'
import type {JsonObject} from '../../asl/types.js'
import {S3Error} from '../s3/errors.js'
import type {ObjectInfo, S3Store} from '../s3/store.js'
import {newRequestId} from './aws-metadata.js'
import type {LocalService, ServiceCall} from './scenario-task.js'
import {asObject} from './json.js'

const MODELED = new Set(['NoSuchKey', 'NoSuchBucket', 'BucketAlreadyExists', 'BucketAlreadyOwnedByYou'])
const S3_CALL_MS = 60


export function s3StatesError(code: string, status: number, message: string): StatesError {
  const name = MODELED.has(code) ? `S3.${code}Exception` : 'S3.S3Exception'
  const extended = Buffer.from(newRequestId()).toString('base64')
  return new StatesError(name, `${message} (Service: S3, Status Code: ${status}, Request ID: ${newRequestId().slice(0, 16).toUpperCase()}, Extended Request ID: ${extended})`)
}

/** Runs a store operation, turning S3Error into the StatesError a task fails with. */
function guarded<T>(operation: () => T): T {
  try {
    return operation()
  } catch (error) {
    if (error instanceof S3Error) throw s3StatesError(error.code, error.status, error.message)
    throw error
  }
}

function target(c: ServiceCall): {bucket: string; key: string; params: JsonObject} {
  const params = asObject(c.req.input) ?? {}
  if (typeof params.Bucket !== 'string' || params.Bucket === '') throw s3StatesError('InvalidRequest', 400, 'Bucket must not be empty')
  if (typeof params.Key !== 'string' || params.Key === '') throw s3StatesError('InvalidRequest', 400, 'Key must not be empty')
  return {bucket: params.Bucket, key: params.Key, params}
}

function headFields(info: ObjectInfo): JsonObject {
  return {
    AcceptRanges: 'bytes',
    ContentLength: info.size,
    ContentType: info.contentType,
    ETag: info.etag,
    LastModified: info.lastModified.toISOString(),
    Metadata: {...info.metadata},
    ServerSideEncryption: 'AES256',
  }
}

function found(store: S3Store, bucket: string, key: string, head: boolean): ObjectInfo & {body?: Buffer} {
  const object = guarded(() => store.getObject(bucket, key))
  // HeadObject's 404 has no body, so the SDK has no message to show: it prints "null".
  if (object === undefined) throw s3StatesError('NoSuchKey', 404, head ? 'null' : 'The specified key does not exist.')
  return object
}

export const s3PutObject: LocalService = {
  defaultDurationMs: S3_CALL_MS,
  call(c) {
    const {bucket, key, params} = target(c)
    const body = params.Body ?? ''
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    const options: Parameters<S3Store['putObject']>[3] = {}
    if (typeof params.ContentType === 'string') options.contentType = params.ContentType
    const metadata = asObject(params.Metadata)
    if (metadata !== undefined) options.metadata = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, String(v)]))
    if (params.IfNoneMatch === '*') options.ifNoneMatch = '*'
    if (typeof params.IfMatch === 'string') options.ifMatch = params.IfMatch
    const result = guarded(() => c.env.s3Store.putObject(bucket, key, Buffer.from(text, 'utf8'), options))
    if (!result.ok) {
      if (result.code === 'NoSuchKey') throw s3StatesError('NoSuchKey', 404, 'The specified key does not exist.')
      throw s3StatesError('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold')
    }
    return {ETag: result.etag, ServerSideEncryption: 'AES256'}
  },
}

export const s3GetObject: LocalService = {
  defaultDurationMs: S3_CALL_MS,
  call(c) {
    const {bucket, key} = target(c)
    const object = found(c.env.s3Store, bucket, key, false)
    return {...headFields(object), Body: object.body?.toString('utf8') ?? ''}
  },
}

export const s3HeadObject: LocalService = {
  defaultDurationMs: S3_CALL_MS,
  call(c) {
    const {bucket, key} = target(c)
    return headFields(found(c.env.s3Store, bucket, key, true))
  },
}

export const s3DeleteObject: LocalService = {
  defaultDurationMs: S3_CALL_MS,
  call(c) {
    const {bucket, key} = target(c)
    // S3 answers 204 whether or not the key existed; only a missing bucket is an error.
    guarded(() => c.env.s3Store.deleteObject(bucket, key))
    return {}
  },
}
