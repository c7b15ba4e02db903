import {beforeEach, describe, expect, it} from 'vitest'
import type {JsonObject} from '../../../src/asl/types.js'
import {failureOf, harness, type Harness} from './task-harness.js'

const sdk = (op: string) => `arn:aws:states:::aws-sdk:s3:${op}`
const BUCKET = 'alpha-engine-research'

describe('aws-sdk:s3 against the local store', () => {
  let h: Harness
  beforeEach(() => {
    h = harness()
    h.s3Store.createBucket(BUCKET)
  })

  it('puts an object and reads it back with getObject and headObject', async () => {
    // Given a JSON body put through the integration
    const put = await h.call(sdk('putObject'), {Bucket: BUCKET, Key: 'ae/marker.json', Body: {ok: true}, ContentType: 'application/json'})
    expect((put.output as JsonObject).ETag).toMatch(/^"[0-9a-f]{32}"$/)

    // When it is read back
    const got = (await h.call(sdk('getObject'), {Bucket: BUCKET, Key: 'ae/marker.json'})).output as JsonObject
    const head = (await h.call(sdk('headObject'), {Bucket: BUCKET, Key: 'ae/marker.json'})).output as JsonObject

    // Then the body is the JSON text, and both carry the object's metadata
    expect(got.Body).toBe('{"ok":true}')
    expect(got).toMatchObject({ContentLength: 11, ContentType: 'application/json', ETag: (put.output as JsonObject).ETag})
    expect(head).toMatchObject({ContentLength: 11, ETag: got.ETag, LastModified: got.LastModified})
    expect(head.Body).toBeUndefined()
  })

  it('fails getObject on a missing key with S3.NoSuchKeyException', async () => {
    const failure = await failureOf(h.call(sdk('getObject'), {Bucket: BUCKET, Key: 'absent.json'}))
    expect(failure.error).toBe('S3.NoSuchKeyException')
    expect(failure.cause).toMatch(/^The specified key does not exist\. \(Service: S3, Status Code: 404, Request ID: .+, Extended Request ID: .+\)$/)
  })

  it('fails headObject on a missing key with S3.NoSuchKeyException and no message, as the SDK reports a bodiless 404', async () => {
    const failure = await failureOf(h.call(sdk('headObject'), {Bucket: BUCKET, Key: 'absent.json'}))
    expect(failure.error).toBe('S3.NoSuchKeyException')
    expect(failure.cause).toMatch(/^null \(Service: S3, Status Code: 404/)
  })

  it('fails on a missing bucket with S3.NoSuchBucketException', async () => {
    const failure = await failureOf(h.call(sdk('putObject'), {Bucket: 'no-such-bucket', Key: 'k', Body: 'x'}))
    expect(failure).toMatchObject({error: 'S3.NoSuchBucketException'})
    expect(failure.cause).toContain('The specified bucket does not exist')
  })

  it('refuses a conditional create over an existing key with a 412 S3Exception', async () => {
    await h.call(sdk('putObject'), {Bucket: BUCKET, Key: 'ae/locks/deploy.json', Body: 'held'})
    const failure = await failureOf(h.call(sdk('putObject'), {Bucket: BUCKET, Key: 'ae/locks/deploy.json', Body: 'mine', IfNoneMatch: '*'}))
    expect(failure.error).toBe('S3.S3Exception')
    expect(failure.cause).toContain('Status Code: 412')
  })

  it('deletes an object, and deleting an absent key still succeeds as in S3', async () => {
    await h.call(sdk('putObject'), {Bucket: BUCKET, Key: 'k', Body: 'x'})
    expect((await h.call(sdk('deleteObject'), {Bucket: BUCKET, Key: 'k'})).output).toEqual({})
    expect((await h.call(sdk('deleteObject'), {Bucket: BUCKET, Key: 'k'})).output).toEqual({})
    expect(h.s3Store.headObject(BUCKET, 'k')).toBeUndefined()
  })

  it('does not serve an optimized S3 integration, which Step Functions does not have outside Distributed Map', () => {
    expect(h.integrations.resolve('arn:aws:states:::s3:getObject')).toBeUndefined()
  })
})
