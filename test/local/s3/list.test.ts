import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {type LocalS3, startLocalS3} from './serve.js'

const Bucket = 'listing'
let s3: LocalS3

beforeEach(async () => {
  s3 = await startLocalS3()
  await s3.client.send(new CreateBucketCommand({Bucket}))
})

afterEach(async () => {
  expect(s3.served.failures).toEqual([])
  await s3.close()
})

/** Seeds through the store: the listing, not 2,500 uploads, is what these tests exercise. */
function seed(keys: string[]): void {
  for (const key of keys) s3.store.putObject(Bucket, key, Buffer.from(key))
}

function utf8Order(keys: string[]): string[] {
  return [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
}

/** Every entry of a listing, keys and common prefixes, page by page. */
async function listAll(input: {Prefix?: string; Delimiter?: string; MaxKeys?: number}): Promise<{
  pages: ListObjectsV2CommandOutput[]
  entries: string[]
}> {
  const pages: ListObjectsV2CommandOutput[] = []
  let ContinuationToken: string | undefined
  do {
    const page = await s3.client.send(new ListObjectsV2Command({Bucket, ...input, ContinuationToken}))
    pages.push(page)
    ContinuationToken = page.NextContinuationToken
  } while (ContinuationToken !== undefined && pages.length < 100)
  const entries = pages.flatMap((p) => [
    ...(p.Contents ?? []).map((c) => c.Key ?? ''),
    ...(p.CommonPrefixes ?? []).map((c) => c.Prefix ?? ''),
  ])
  return {pages, entries}
}

describe('ListObjectsV2', () => {
  it('pages 2,500 keys in three pages of at most 1,000, every key once, in UTF-8 byte order', async () => {
    // Given keys whose UTF-16 and UTF-8 orders disagree (astral characters against U+E000 and above)
    const tails = ['a', 'Z', 'é', '\uE000', '\uFFFD', '😀', '𝄞']
    const keys = Array.from({length: 2500}, (_, i) => `run/${String(i % 353).padStart(3, '0')}/${tails[i % tails.length]}${i}`)
    seed(keys)
    expect(utf8Order(keys)).not.toEqual([...keys].sort())
    // When listed with MaxKeys 1000
    const {pages} = await listAll({MaxKeys: 1000})
    // Then three pages come back, truncated until the last, holding every key once in S3's order
    expect(pages.map((p) => p.KeyCount)).toEqual([1000, 1000, 500])
    expect(pages.map((p) => p.IsTruncated)).toEqual([true, true, false])
    expect(pages[2]?.NextContinuationToken).toBeUndefined()
    const listed = pages.flatMap((p) => (p.Contents ?? []).map((c) => c.Key))
    expect(listed).toEqual(utf8Order(keys))
  })

  it('caps MaxKeys above 1,000 at 1,000 and defaults to 1,000', async () => {
    seed(Array.from({length: 1200}, (_, i) => `k${i}`))
    const big = await s3.client.send(new ListObjectsV2Command({Bucket, MaxKeys: 5000}))
    const dflt = await s3.client.send(new ListObjectsV2Command({Bucket}))
    expect(big.Contents).toHaveLength(1000)
    expect(dflt.Contents).toHaveLength(1000)
    expect(dflt.IsTruncated).toBe(true)
  })

  it('rolls keys up into CommonPrefixes at the delimiter, below the prefix', async () => {
    // Given a small tree
    seed(['a/1', 'a/2', 'b/x/1', 'b/y', 'c', 'd/'])
    // When listed with a delimiter, at the top and under b/
    const top = await s3.client.send(new ListObjectsV2Command({Bucket, Delimiter: '/'}))
    const underB = await s3.client.send(new ListObjectsV2Command({Bucket, Delimiter: '/', Prefix: 'b/'}))
    // Then directories come back as prefixes and KeyCount counts both kinds
    expect(top.Contents?.map((c) => c.Key)).toEqual(['c'])
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'b/', 'd/'])
    expect(top.KeyCount).toBe(4)
    expect(underB.Contents?.map((c) => c.Key)).toEqual(['b/y'])
    expect(underB.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['b/x/'])
    expect(underB.Prefix).toBe('b/')
  })

  it('pages through common prefixes without repeating or losing any', async () => {
    // Given five directories of three files each, and loose files between them
    const keys = ['d0/a', 'd0/b', 'd0/c', 'e0', 'd1/a', 'd1/b', 'd1/c', 'e1', 'd2/a', 'd2/b', 'd2/c', 'd3/a', 'd4/a', 'e2']
    seed(keys)
    // When listed two entries at a time
    const {pages, entries} = await listAll({Delimiter: '/', MaxKeys: 2})
    // Then each prefix and loose key appears exactly once
    expect(entries.sort()).toEqual(['d0/', 'd1/', 'd2/', 'd3/', 'd4/', 'e0', 'e1', 'e2'])
    expect(pages.every((p) => (p.KeyCount ?? 0) <= 2)).toBe(true)
  })

  it('starts after StartAfter, and a continuation token wins over it', async () => {
    seed(['k1', 'k2', 'k3', 'k4', 'k5'])
    const after = await s3.client.send(new ListObjectsV2Command({Bucket, StartAfter: 'k2'}))
    const first = await s3.client.send(new ListObjectsV2Command({Bucket, MaxKeys: 3}))
    const resumed = await s3.client.send(
      new ListObjectsV2Command({Bucket, StartAfter: 'k1', ContinuationToken: first.NextContinuationToken}),
    )
    expect(after.Contents?.map((c) => c.Key)).toEqual(['k3', 'k4', 'k5'])
    expect(after.StartAfter).toBe('k2')
    expect(resumed.Contents?.map((c) => c.Key)).toEqual(['k4', 'k5'])
  })

  it('URL-encodes keys and prefixes when asked with EncodingType url', async () => {
    // Given a key holding a control character that XML 1.0 cannot carry
    await s3.client.send(new PutObjectCommand({Bucket, Key: 'dir one/bell\u0007.txt', Body: 'x'}))
    const out = await s3.client.send(new ListObjectsV2Command({Bucket, EncodingType: 'url', Prefix: 'dir one/'}))
    expect(out.EncodingType).toBe('url')
    expect(out.Contents?.map((c) => c.Key)).toEqual(['dir%20one%2Fbell%07.txt'])
    expect(decodeURIComponent(out.Contents?.[0]?.Key ?? '')).toBe('dir one/bell\u0007.txt')
    expect(out.Prefix).toBe('dir%20one%2F')
  })

  it('rejects a forged continuation token with InvalidArgument', async () => {
    const error = await s3.client.send(new ListObjectsV2Command({Bucket, ContinuationToken: 'not-a-token'})).catch((e: Error) => e)
    expect(error).toMatchObject({name: 'InvalidArgument', $metadata: {httpStatusCode: 400}})
  })

  it('answers MaxKeys 0 with an empty page that is not truncated', async () => {
    seed(['a', 'b'])
    const out = await s3.client.send(new ListObjectsV2Command({Bucket, MaxKeys: 0}))
    expect(out.KeyCount).toBe(0)
    expect(out.IsTruncated).toBe(false)
  })

  it('reports each object with its size, ETag, LastModified and storage class', async () => {
    const put = await s3.client.send(new PutObjectCommand({Bucket, Key: 'sized', Body: '12345'}))
    const out = await s3.client.send(new ListObjectsV2Command({Bucket}))
    expect(out.Contents?.[0]).toMatchObject({Key: 'sized', Size: 5, ETag: put.ETag, StorageClass: 'STANDARD'})
    expect(out.Contents?.[0]?.LastModified).toBeInstanceOf(Date)
  })
})

describe('ListObjects (v1)', () => {
  it('pages with Marker and NextMarker through keys and common prefixes', async () => {
    seed(['a/1', 'a/2', 'b', 'c/1', 'd'])
    const first = await s3.client.send(new ListObjectsCommand({Bucket, Delimiter: '/', MaxKeys: 2}))
    const second = await s3.client.send(new ListObjectsCommand({Bucket, Delimiter: '/', MaxKeys: 2, Marker: first.NextMarker}))
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/'])
    expect(first.Contents?.map((c) => c.Key)).toEqual(['b'])
    expect(first.IsTruncated).toBe(true)
    expect(first.NextMarker).toBe('b')
    expect(second.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['c/'])
    expect(second.Contents?.map((c) => c.Key)).toEqual(['d'])
    expect(second.IsTruncated).toBe(false)
  })
})
