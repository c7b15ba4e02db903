// Small JSON-over-S3 helpers for the hold objects and the deploy lock: read with the ETag, write
// with a condition, and recognise the answers S3 gives to a failed condition or a missing key.
import {DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client} from '@aws-sdk/client-s3'
import {mapAwsError} from '../aws/errors.js'
import {notFoundError, type AeError} from '../errors.js'

export interface JsonObjectRead<T> {
  value: T
  etag: string
}

interface S3ErrorLike {
  name?: string
  Code?: string
  $metadata?: {httpStatusCode?: number}
}

const statusOf = (e: unknown) => (e as S3ErrorLike)?.$metadata?.httpStatusCode

/** Any S3 failure as a user error; a missing bucket says which setting names it. */
function s3Error(error: unknown, bucket: string, what: string): AeError {
  if ((error as S3ErrorLike)?.name === 'NoSuchBucket') {
    return notFoundError('HOLDS_BUCKET_NOT_FOUND', `the holds bucket ${bucket} does not exist`, 'Create it, or point "holds.bucket" in ae.config.json at an existing bucket.')
  }
  return mapAwsError(error, what)
}

/** 412 PreconditionFailed, or 409 ConditionalRequestConflict when two conditional writes race. */
export const isConditionFailed = (e: unknown): boolean => {
  const name = (e as S3ErrorLike)?.name
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || statusOf(e) === 412 || statusOf(e) === 409
}

export const isMissing = (e: unknown): boolean => {
  const name = (e as S3ErrorLike)?.name
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(e) === 404
}

/** The object parsed as JSON, or undefined when the key does not exist. */
export async function getJson<T>(s3: S3Client, bucket: string, key: string): Promise<JsonObjectRead<T> | undefined> {
  try {
    const r = await s3.send(new GetObjectCommand({Bucket: bucket, Key: key}))
    const text = (await r.Body?.transformToString('utf8')) ?? ''
    return {value: JSON.parse(text) as T, etag: r.ETag ?? ''}
  } catch (error) {
    if (isMissing(error) && (error as S3ErrorLike).name !== 'NoSuchBucket') return undefined
    if (error instanceof SyntaxError) throw error
    throw s3Error(error, bucket, `reading s3://${bucket}/${key}`)
  }
}

export interface PutCondition {
  /** Create only: `If-None-Match: *`. */
  create?: boolean
  /** Replace only this version: `If-Match: <etag>`. */
  etag?: string
}

/** Writes the value as JSON; a failed condition is rethrown unmapped so callers can tell it apart. */
export async function putJson(s3: S3Client, bucket: string, key: string, value: unknown, condition: PutCondition = {}): Promise<string> {
  try {
    const r = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: JSON.stringify(value, null, 2) + '\n',
        ContentType: 'application/json',
        ...(condition.create ? {IfNoneMatch: '*'} : {}),
        ...(condition.etag ? {IfMatch: condition.etag} : {}),
      }),
    )
    return r.ETag ?? ''
  } catch (error) {
    if (isConditionFailed(error)) throw error
    throw s3Error(error, bucket, `writing s3://${bucket}/${key}`)
  }
}

/** Deletes the object; with an ETag, only that version (S3 conditional delete, If-Match). */
export async function deleteObject(s3: S3Client, bucket: string, key: string, etag?: string): Promise<void> {
  try {
    await s3.send(new DeleteObjectCommand({Bucket: bucket, Key: key, ...(etag ? {IfMatch: etag} : {})}))
  } catch (error) {
    // A conditional delete of a key deleted meanwhile answers 404: it is gone, as wanted.
    if (isMissing(error) && (error as S3ErrorLike).name !== 'NoSuchBucket') return
    if (isConditionFailed(error)) throw error
    throw s3Error(error, bucket, `deleting s3://${bucket}/${key}`)
  }
}

/** Every key under a prefix. */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = []
  let token: string | undefined
  try {
    do {
      const r = await s3.send(new ListObjectsV2Command({Bucket: bucket, Prefix: prefix, ...(token ? {ContinuationToken: token} : {})}))
      for (const o of r.Contents ?? []) if (o.Key) keys.push(o.Key)
      token = r.IsTruncated ? r.NextContinuationToken : undefined
    } while (token)
  } catch (error) {
    throw s3Error(error, bucket, `listing s3://${bucket}/${prefix}`)
  }
  return keys
}
