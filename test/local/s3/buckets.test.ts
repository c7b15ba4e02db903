import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {type LocalS3, startLocalS3} from './serve.js'

let s3: LocalS3

beforeEach(async () => {
  s3 = await startLocalS3()
})

afterEach(async () => {
  expect(s3.served.failures).toEqual([])
  await s3.close()
})

function failure(promise: Promise<unknown>): Promise<{name: string; $metadata: {httpStatusCode?: number}}> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (e: unknown) => e as {name: string; $metadata: {httpStatusCode?: number}},
  )
}

describe('buckets', () => {
  it('creates, heads, lists and deletes a bucket', async () => {
    // When a bucket is created
    const created = await s3.client.send(new CreateBucketCommand({Bucket: 'alpha'}))
    await s3.client.send(new CreateBucketCommand({Bucket: 'beta'}))
    // Then it can be headed and listed
    const head = await s3.client.send(new HeadBucketCommand({Bucket: 'alpha'}))
    const listed = await s3.client.send(new ListBucketsCommand({}))
    expect(created.Location).toBe('/alpha')
    expect(head.BucketRegion).toBe('us-east-1')
    expect(listed.Buckets?.map((b) => b.Name)).toEqual(['alpha', 'beta'])
    expect(listed.Buckets?.[0]?.CreationDate).toBeInstanceOf(Date)
    // And once deleted it is gone
    await s3.client.send(new DeleteBucketCommand({Bucket: 'alpha'}))
    const missing = await failure(s3.client.send(new HeadBucketCommand({Bucket: 'alpha'})))
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NotFound', 404])
  })

  it('records the LocationConstraint of CreateBucketConfiguration', async () => {
    await s3.client.send(
      new CreateBucketCommand({Bucket: 'euro', CreateBucketConfiguration: {LocationConstraint: 'eu-west-1'}}),
    )
    const head = await s3.client.send(new HeadBucketCommand({Bucket: 'euro'}))
    const location = await s3.client.send(new GetBucketLocationCommand({Bucket: 'euro'}))
    expect(head.BucketRegion).toBe('eu-west-1')
    expect(location.LocationConstraint).toBe('eu-west-1')
  })

  it('refuses to create a bucket twice with 409 BucketAlreadyOwnedByYou', async () => {
    await s3.client.send(new CreateBucketCommand({Bucket: 'twice'}))
    const error = await failure(s3.client.send(new CreateBucketCommand({Bucket: 'twice'})))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['BucketAlreadyOwnedByYou', 409])
  })

  it('refuses invalid bucket names with InvalidBucketName', async () => {
    const error = await failure(s3.client.send(new CreateBucketCommand({Bucket: 'Upper_Case'})))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidBucketName', 400])
    expect(s3.store.listBuckets()).toEqual([])
  })

  it('refuses to delete a bucket that holds objects with 409 BucketNotEmpty', async () => {
    await s3.client.send(new CreateBucketCommand({Bucket: 'full'}))
    await s3.client.send(new PutObjectCommand({Bucket: 'full', Key: 'k', Body: 'x'}))
    const error = await failure(s3.client.send(new DeleteBucketCommand({Bucket: 'full'})))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['BucketNotEmpty', 409])
  })

  it('answers bucket operations on a missing bucket with NoSuchBucket', async () => {
    const list = await failure(s3.client.send(new ListObjectsV2Command({Bucket: 'nowhere'})))
    const del = await failure(s3.client.send(new DeleteBucketCommand({Bucket: 'nowhere'})))
    expect([list.name, list.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404])
    expect([del.name, del.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404])
  })
})

describe('DeleteObjects', () => {
  beforeEach(async () => {
    await s3.client.send(new CreateBucketCommand({Bucket: 'bulk'}))
    for (const Key of ['a', 'b & c', 'd\r']) await s3.client.send(new PutObjectCommand({Bucket: 'bulk', Key, Body: Key}))
  })

  it('reports every key it deleted, present or not, in verbose mode', async () => {
    const out = await s3.client.send(
      new DeleteObjectsCommand({Bucket: 'bulk', Delete: {Objects: [{Key: 'a'}, {Key: 'b & c'}, {Key: 'never-there'}]}}),
    )
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['a', 'b & c', 'never-there'])
    expect(out.Errors).toBeUndefined()
    expect(s3.store.list('bulk').objects.map((o) => o.key)).toEqual(['d\r'])
  })

  it('reports nothing but errors in quiet mode', async () => {
    const tooLong = 'x'.repeat(1025)
    const out = await s3.client.send(
      new DeleteObjectsCommand({Bucket: 'bulk', Delete: {Quiet: true, Objects: [{Key: 'a'}, {Key: 'd\r'}, {Key: tooLong}]}}),
    )
    expect(out.Deleted).toBeUndefined()
    expect(out.Errors).toEqual([{Key: tooLong, Code: 'KeyTooLongError', Message: 'Your key is too long'}])
    expect(s3.store.list('bulk').objects.map((o) => o.key)).toEqual(['b & c'])
  })

  it('rejects a malformed document with MalformedXML and deletes nothing', async () => {
    // Given a well-formed request head but a broken body, sent without the SDK
    const before = s3.store.snapshot()
    const response = await fetch(`${s3.served.url}/bulk?delete`, {
      method: 'POST',
      headers: {'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg=='},
      body: '',
    })
    const broken = await fetch(`${s3.served.url}/bulk?delete`, {
      method: 'POST',
      headers: {'x-amz-checksum-crc32': 'AAAAAA=='},
      body: '<Delete><Object><Key>a</Key></Delete>',
    })
    // Then both are MalformedXML or a digest error, and the bucket is untouched
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('<Code>MalformedXML</Code>')
    expect(broken.status).toBe(400)
    expect(await broken.text()).toMatch(/<Code>(MalformedXML|BadDigest)<\/Code>/)
    expect(s3.store.snapshot()).toEqual(before)
  })
})
