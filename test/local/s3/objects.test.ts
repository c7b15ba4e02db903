import {createHash, randomBytes} from 'node:crypto'
import {Readable} from 'node:stream'
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3ServiceException,
} from '@aws-sdk/client-s3'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {type LocalS3, s3Client, startLocalS3} from './serve.js'

const Bucket = 'objects'
let s3: LocalS3

beforeEach(async () => {
  s3 = await startLocalS3()
  await s3.client.send(new CreateBucketCommand({Bucket}))
})

afterEach(async () => {
  expect(s3.served.failures).toEqual([])
  await s3.close()
})

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (error === undefined) throw new Error('expected the request to fail')
  return error as S3ServiceException
}

async function getText(Key: string): Promise<string> {
  const out = await s3.client.send(new GetObjectCommand({Bucket, Key}))
  return (await out.Body?.transformToString()) ?? ''
}

function md5(data: string | Buffer): string {
  return `"${createHash('md5').update(data).digest('hex')}"`
}

function stream(...parts: string[]): Readable {
  return Readable.from(parts.map((p) => Buffer.from(p)))
}

describe('PutObject and GetObject', () => {
  it('round-trips a string body with its content type and user metadata', async () => {
    // Given a text object with a content type and metadata
    const put = await s3.client.send(
      new PutObjectCommand({
        Bucket,
        Key: 'notes/today.json',
        Body: '{"ok":true}',
        ContentType: 'application/json',
        Metadata: {owner: 'ops', run: '2026-11-21'},
      }),
    )
    // When it is read back
    const got = await s3.client.send(new GetObjectCommand({Bucket, Key: 'notes/today.json'}))
    // Then body, ETag and headers are what was stored
    expect(put.ETag).toBe(md5('{"ok":true}'))
    expect(await got.Body?.transformToString()).toBe('{"ok":true}')
    expect(got.ETag).toBe(put.ETag)
    expect(got.ContentType).toBe('application/json')
    expect(got.ContentLength).toBe(11)
    expect(got.Metadata).toEqual({owner: 'ops', run: '2026-11-21'})
    expect(got.LastModified).toBeInstanceOf(Date)
  })

  it('round-trips a binary body byte for byte', async () => {
    // Given every byte value and random noise
    const body = Buffer.concat([Buffer.from(Array.from({length: 256}, (_, i) => i)), randomBytes(64 * 1024)])
    // When stored and read back
    await s3.client.send(new PutObjectCommand({Bucket, Key: 'blob.bin', Body: body}))
    const got = await s3.client.send(new GetObjectCommand({Bucket, Key: 'blob.bin'}))
    // Then the bytes are identical
    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? [])).toEqual(body)
    expect(got.ETag).toBe(md5(body))
  })

  it('keeps keys with spaces, slashes, unicode and URL-reserved characters exact', async () => {
    const keys = [
      'dir/sub dir/file name.txt',
      'ünïcødé/日本語/😀.json',
      'a+b&c=d?e#f%g',
      ' leading and trailing ',
      'double//slash/',
      "quote'\"<tag>;,",
      '/starts-with-slash',
    ]
    // Given objects under awkward keys, each holding its own key
    for (const Key of keys) await s3.client.send(new PutObjectCommand({Bucket, Key, Body: Key}))
    // When listed and read back
    const listed = await s3.client.send(new ListObjectsV2Command({Bucket}))
    // Then every key survives exactly
    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual([...keys].sort())
    for (const Key of keys) expect(await getText(Key)).toBe(Key)
  })

  it("decodes the default client's aws-chunked upload and stores only the payload", async () => {
    // Given a streamed body, which the default client sends aws-chunked with a CRC32 trailer
    await s3.client.send(
      new PutObjectCommand({Bucket, Key: 'streamed.txt', Body: stream('hello ', 'chunked ', 'world'), ContentLength: 19}),
    )
    // Then the wire format really was aws-chunked
    const sent = s3.served.requests.at(-1)
    expect(sent?.headers['content-encoding']).toBe('aws-chunked')
    expect(sent?.headers['x-amz-trailer']).toBe('x-amz-checksum-crc32')
    expect(sent?.body.toString()).toContain('\r\n0\r\nx-amz-checksum-crc32:')
    // And the stored object is the payload alone, with the trailing checksum kept
    const got = await s3.client.send(new GetObjectCommand({Bucket, Key: 'streamed.txt', ChecksumMode: 'ENABLED'}))
    expect(await got.Body?.transformToString()).toBe('hello chunked world')
    expect(got.ETag).toBe(md5('hello chunked world'))
    expect(got.ChecksumCRC32).toBeDefined()
    expect(got.ContentEncoding).toBeUndefined()
  })

  it.each(['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const)(
    'verifies and returns a trailing %s checksum the SDK validates on download',
    async (ChecksumAlgorithm) => {
      // Given a streamed upload with this checksum algorithm
      const put = await s3.client.send(
        new PutObjectCommand({Bucket, Key: 'sum', Body: stream('check', 'summed'), ContentLength: 11, ChecksumAlgorithm}),
      )
      // When downloaded with checksum validation (the SDK fails the read on a mismatch)
      const got = await s3.client.send(new GetObjectCommand({Bucket, Key: 'sum', ChecksumMode: 'ENABLED'}))
      // Then the body is intact and the checksum matches what the client computed
      expect(await got.Body?.transformToString()).toBe('checksummed')
      const field = `Checksum${ChecksumAlgorithm}` as const
      expect(got[field]).toBeDefined()
      expect(got[field]).toBe(put[field])
    },
  )

  it('accepts plain uploads from a client that sends checksums only when required', async () => {
    // Given a client with request checksums off
    const plain = s3Client(s3.served.url, {requestChecksumCalculation: 'WHEN_REQUIRED'})
    try {
      // When it uploads a stream and a string
      await plain.send(new PutObjectCommand({Bucket, Key: 'plain-stream', Body: stream('no ', 'framing'), ContentLength: 10}))
      const sent = s3.served.requests.at(-1)
      await plain.send(new PutObjectCommand({Bucket, Key: 'plain-string', Body: 'just bytes'}))
      // Then nothing was chunked and both bodies are stored as sent
      expect(sent?.headers['content-encoding']).toBeUndefined()
      expect(Object.keys(sent?.headers ?? {}).filter((h) => h.startsWith('x-amz-checksum-'))).toEqual([])
      expect(await getText('plain-stream')).toBe('no framing')
      expect(await getText('plain-string')).toBe('just bytes')
    } finally {
      plain.destroy()
    }
  })

  it('rejects an upload whose checksum does not match and keeps the previous object', async () => {
    // Given a stored object
    await s3.client.send(new PutObjectCommand({Bucket, Key: 'k', Body: 'original'}))
    // When a new body arrives with a CRC32 that belongs to other bytes
    const error = await failure(
      s3.client.send(new PutObjectCommand({Bucket, Key: 'k', Body: 'tampered', ChecksumCRC32: 'AAAAAA=='})),
    )
    // Then S3 answers BadDigest and the object is unchanged
    expect(error.name).toBe('BadDigest')
    expect(error.$metadata.httpStatusCode).toBe(400)
    expect(await getText('k')).toBe('original')
  })
})

describe('conditional PutObject', () => {
  it("creates once with IfNoneMatch '*' and refuses the second create with 412 PreconditionFailed", async () => {
    // Given a lock object created conditionally
    await s3.client.send(new PutObjectCommand({Bucket, Key: 'lock', Body: 'first', IfNoneMatch: '*'}))
    // When a second conditional create races for it
    const error = await failure(
      s3.client.send(new PutObjectCommand({Bucket, Key: 'lock', Body: 'second', IfNoneMatch: '*'})),
    )
    // Then it fails as AWS fails it, and the lock still holds the first body
    expect(error.name).toBe('PreconditionFailed')
    expect(error.$metadata.httpStatusCode).toBe(412)
    expect(await getText('lock')).toBe('first')
  })

  it('lets exactly one of many concurrent conditional creates win', async () => {
    // When twenty clients try to create the same key at once
    const attempts = Array.from({length: 20}, (_, i) =>
      s3.client.send(new PutObjectCommand({Bucket, Key: 'race', Body: `writer-${i}`, IfNoneMatch: '*'})),
    )
    const settled = await Promise.allSettled(attempts)
    // Then one succeeds, the rest get PreconditionFailed, and the winner's body is stored
    const winners = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [i] : []))
    expect(winners).toHaveLength(1)
    for (const s of settled) {
      if (s.status === 'rejected') expect((s.reason as Error).name).toBe('PreconditionFailed')
    }
    expect(await getText('race')).toBe(`writer-${winners[0]}`)
  })

  it('overwrites with IfMatch only while the ETag still matches', async () => {
    // Given version 1 and its ETag
    const v1 = await s3.client.send(new PutObjectCommand({Bucket, Key: 'doc', Body: 'v1'}))
    // When version 2 is written against v1's ETag, and then version 3 also against v1's ETag
    const v2 = await s3.client.send(new PutObjectCommand({Bucket, Key: 'doc', Body: 'v2', IfMatch: v1.ETag}))
    const error = await failure(s3.client.send(new PutObjectCommand({Bucket, Key: 'doc', Body: 'v3', IfMatch: v1.ETag})))
    // Then the first write wins, the stale one fails with 412, and v2 stays
    expect(v2.ETag).toBe(md5('v2'))
    expect(error.name).toBe('PreconditionFailed')
    expect(error.$metadata.httpStatusCode).toBe(412)
    expect(await getText('doc')).toBe('v2')
  })

  it('fails IfMatch on an absent key with 404 NoSuchKey, as the S3 user guide documents', async () => {
    const error = await failure(s3.client.send(new PutObjectCommand({Bucket, Key: 'ghost', Body: 'x', IfMatch: '"abc"'})))
    expect(error.name).toBe('NoSuchKey')
    expect(error.$metadata.httpStatusCode).toBe(404)
    expect(s3.store.headObject(Bucket, 'ghost')).toBeUndefined()
  })

  it('answers IfNoneMatch with an ETag instead of * with 501 NotImplemented, as AWS does', async () => {
    const error = await failure(s3.client.send(new PutObjectCommand({Bucket, Key: 'k', Body: 'x', IfNoneMatch: '"abc"'})))
    expect(error.name).toBe('NotImplemented')
    expect(error.$metadata.httpStatusCode).toBe(501)
    expect(s3.store.headObject(Bucket, 'k')).toBeUndefined()
  })
})

describe('reading missing objects', () => {
  it('answers GetObject on a missing key with NoSuchKey and HeadObject with NotFound', async () => {
    const get = await failure(s3.client.send(new GetObjectCommand({Bucket, Key: 'missing'})))
    const head = await failure(s3.client.send(new HeadObjectCommand({Bucket, Key: 'missing'})))
    expect([get.name, get.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404])
    expect([head.name, head.$metadata.httpStatusCode]).toEqual(['NotFound', 404])
  })

  it('answers object operations on a missing bucket with NoSuchBucket', async () => {
    const get = await failure(s3.client.send(new GetObjectCommand({Bucket: 'nope', Key: 'k'})))
    const put = await failure(s3.client.send(new PutObjectCommand({Bucket: 'nope', Key: 'k', Body: 'x'})))
    const head = await failure(s3.client.send(new HeadObjectCommand({Bucket: 'nope', Key: 'k'})))
    expect([get.name, get.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404])
    expect([put.name, put.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404])
    expect(head.$metadata.httpStatusCode).toBe(404)
  })
})

describe('HeadObject, ranges and conditional reads', () => {
  beforeEach(async () => {
    await s3.client.send(new PutObjectCommand({Bucket, Key: 'abc', Body: 'abcdefgh', ContentType: 'text/plain'}))
  })

  it('describes an object without sending its body', async () => {
    const head = await s3.client.send(new HeadObjectCommand({Bucket, Key: 'abc'}))
    expect(head.ContentLength).toBe(8)
    expect(head.ContentType).toBe('text/plain')
    expect(head.ETag).toBe(md5('abcdefgh'))
  })

  it('serves byte ranges with 206 and Content-Range, and refuses ranges past the end with InvalidRange', async () => {
    const middle = await s3.client.send(new GetObjectCommand({Bucket, Key: 'abc', Range: 'bytes=2-5'}))
    const suffix = await s3.client.send(new GetObjectCommand({Bucket, Key: 'abc', Range: 'bytes=-3'}))
    const beyond = await failure(s3.client.send(new GetObjectCommand({Bucket, Key: 'abc', Range: 'bytes=8-'})))
    expect(await middle.Body?.transformToString()).toBe('cdef')
    expect(middle.ContentRange).toBe('bytes 2-5/8')
    expect(middle.$metadata.httpStatusCode).toBe(206)
    expect(await suffix.Body?.transformToString()).toBe('fgh')
    expect([beyond.name, beyond.$metadata.httpStatusCode]).toEqual(['InvalidRange', 416])
  })

  it('answers a matching IfNoneMatch with 304 and a stale IfMatch with 412', async () => {
    const etag = md5('abcdefgh')
    const notModified = await failure(s3.client.send(new GetObjectCommand({Bucket, Key: 'abc', IfNoneMatch: etag})))
    const stale = await failure(s3.client.send(new GetObjectCommand({Bucket, Key: 'abc', IfMatch: '"0000"'})))
    const fresh = await s3.client.send(new GetObjectCommand({Bucket, Key: 'abc', IfMatch: etag}))
    expect(notModified.$metadata.httpStatusCode).toBe(304)
    expect([stale.name, stale.$metadata.httpStatusCode]).toEqual(['PreconditionFailed', 412])
    expect(await fresh.Body?.transformToString()).toBe('abcdefgh')
  })
})

describe('DeleteObject', () => {
  it('answers 204 whether or not the key exists', async () => {
    await s3.client.send(new PutObjectCommand({Bucket, Key: 'gone', Body: 'x'}))
    const present = await s3.client.send(new DeleteObjectCommand({Bucket, Key: 'gone'}))
    const absent = await s3.client.send(new DeleteObjectCommand({Bucket, Key: 'gone'}))
    expect(present.$metadata.httpStatusCode).toBe(204)
    expect(absent.$metadata.httpStatusCode).toBe(204)
    expect(s3.store.headObject(Bucket, 'gone')).toBeUndefined()
  })
})
