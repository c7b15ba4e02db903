// Random malformed requests over raw HTTP: whatever arrives, the endpoint answers with an S3
// response or an S3 XML error, never crashes or hangs, and a rejected request changes nothing.
import {CreateBucketCommand, HeadBucketCommand, ListObjectsV2Command} from '@aws-sdk/client-s3'
import {XMLParser} from 'fast-xml-parser'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {handleS3Request} from '../../../src/local/s3/handler.js'
import {S3Store} from '../../../src/local/s3/store.js'
import {type LocalS3, startLocalS3} from './serve.js'

const SEED = Number(process.env['S3_FUZZ_SEED'] ?? 20261121)
const REQUESTS = 500

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const next = random(SEED)
const int = (n: number): number => Math.floor(next() * n)
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
const chance = (p: number): boolean => next() < p
const printable = (length: number): string =>
  Array.from({length}, () => String.fromCharCode(0x20 + int(0x5f))).join('')

const PATHS: Array<() => string> = [
  () => '/',
  () => '/fuzz',
  () => '/fuzz/',
  () => '/fuzz/existing',
  () => '/fuzz/dir/a%20b',
  () => `/fuzz/${encodeURIComponent(printable(1 + int(20)))}`,
  () => `/fuzz/${encodeURIComponent('ü😀\u0001')}`,
  () => '/fuzz/%ZZ',
  () => '/fuzz/%C3',
  () => '/fuzz//double',
  () => `/fuzz/${'k'.repeat(1100)}`,
  () => '/missing/key',
  () => '/missing',
  () => '/Bad_Bucket',
  () => `/${encodeURIComponent(printable(1 + int(10)))}`,
  () => '/x',
]

const QUERIES: Array<() => string> = [
  () => 'delete',
  () => 'location',
  () => 'list-type=2',
  () => `list-type=${printable(2)}`,
  () => `max-keys=${pick(['0', '1', '5', '1001', '-3', 'abc', '99999999999'])}`,
  () => 'prefix=d',
  () => `delimiter=${pick(['/', '', 'x'])}`,
  () => `continuation-token=${encodeURIComponent(printable(int(12)))}`,
  () => 'start-after=e',
  () => `encoding-type=${pick(['url', 'zip'])}`,
  () => `versionId=${pick(['null', 'abc'])}`,
  () => pick(['uploads', 'acl', 'tagging', 'versioning', 'uploadId=1', 'partNumber=1', 'select']),
  () => 'x-id=PutObject',
  () => `marker=${pick(['a', 'zz'])}`,
  () => `max-buckets=${pick(['1', '0', 'x'])}`,
  () => `response-content-type=${encodeURIComponent(printable(8))}`,
]

const HEADERS: Array<() => [string, string]> = [
  () => ['content-type', pick(['text/plain', 'application/xml', printable(10)])],
  () => [
    'x-amz-content-sha256',
    pick(['UNSIGNED-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'f'.repeat(64), printable(8)]),
  ],
  // Not gzip: S3 returns the stored Content-Encoding and fetch would try to inflate random bytes.
  () => ['content-encoding', pick(['aws-chunked', 'x-test', 'aws-chunked,x-test'])],
  () => ['x-amz-decoded-content-length', pick(['0', '2', '5', '-1', 'x', '99999999999999999999'])],
  () => ['x-amz-trailer', pick(['x-amz-checksum-crc32', 'x-amz-checksum-bogus', ''])],
  () => ['content-md5', pick(['1B2M2Y8AsgTpgAmY7PhCfg==', 'short', printable(24)])],
  () => [`x-amz-checksum-${pick(['crc32', 'crc32c', 'sha1', 'sha256', 'crc64nvme'])}`, pick(['AAAAAA==', printable(8)])],
  () => ['if-match', pick(['*', '"abc"', printable(5)])],
  () => ['if-none-match', pick(['*', '"abc"'])],
  () => ['range', pick(['bytes=0-1', 'bytes=-5', 'bytes=9999-', 'bytes=a-b', 'bytes=5-1', 'bytes=0-0,2-3'])],
  () => ['if-modified-since', pick(['Sat, 01 Jan 2000 00:00:00 GMT', printable(10)])],
  () => [`x-amz-meta-${pick(['a', 'b-c'])}`, printable(int(30))],
  () => ['x-amz-checksum-mode', 'ENABLED'],
  () => ['x-amz-copy-source', '/fuzz/existing'],
]

const BODIES: Array<() => string | Uint8Array> = [
  () => '',
  () => printable(int(200)),
  () => new Uint8Array(Array.from({length: int(300)}, () => int(256))),
  () => '2\r\nhi\r\n0\r\n\r\n',
  () => '2\r\nhi\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n',
  () => `${printable(3)}\r\n${printable(10)}`,
  () => '<Delete><Object><Key>existing</Key></Object></Delete>',
  () => '<Delete><Quiet>true</Quiet><Object><Key>dir/a b</Key></Object>',
  () => '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Delete/>',
  () => '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>',
  () => '<CreateBucketConfiguration><LocationConstraint>',
]

interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: string | Uint8Array
}

function randomRequest(base: string): FuzzRequest {
  // Weighted toward the methods S3 serves, so more requests get past routing.
  const method = pick(['GET', 'GET', 'PUT', 'PUT', 'PUT', 'POST', 'POST', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS'])
  const query = Array.from({length: int(3)}, () => pick(QUERIES)()).join('&')
  const headers = Object.fromEntries(Array.from({length: int(4)}, () => pick(HEADERS)()))
  const url = `${base}${pick(PATHS)()}${query === '' ? '' : `?${query}`}`
  // fetch cannot send a body with GET or HEAD.
  const body = method === 'GET' || method === 'HEAD' || chance(0.2) ? undefined : pick(BODIES)()
  return body === undefined ? {method, url, headers} : {method, url, headers, body}
}

let s3: LocalS3

beforeAll(async () => {
  s3 = await startLocalS3()
  await s3.client.send(new CreateBucketCommand({Bucket: 'fuzz'}))
  for (const key of ['existing', 'dir/a b', 'e1', 'e2']) s3.store.putObject('fuzz', key, Buffer.from(key))
})

afterAll(async () => {
  await s3.close()
})

describe('random malformed requests', () => {
  it(`are each answered with a response or an S3 XML error, and rejected ones change nothing (seed ${SEED})`, async () => {
    const parser = new XMLParser({parseTagValue: false})
    const statuses = new Map<number, number>()
    for (let i = 0; i < REQUESTS; i++) {
      const request = randomRequest(s3.served.url)
      const where = `request ${i} (seed ${SEED}): ${request.method} ${request.url} ${JSON.stringify(request.headers)}`
      const before = JSON.stringify(s3.store.snapshot())
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : {body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body)}),
        signal: AbortSignal.timeout(5000),
      })
      const text = await response.text()
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)

      expect(response.status === 501 || response.status < 500, where).toBe(true)
      expect(response.headers.get('x-amz-request-id'), where).toMatch(/^[0-9A-F]{16}$/)
      if (response.status >= 400 && request.method !== 'HEAD') {
        expect(response.headers.get('content-type'), where).toBe('application/xml')
        const error = (parser.parse(text) as {Error?: {Code?: string; RequestId?: string}}).Error
        expect(error?.Code, where).toMatch(/^[A-Za-z0-9]+$/)
        expect(error?.RequestId, where).toBe(response.headers.get('x-amz-request-id'))
      }
      if (response.status >= 300) expect(JSON.stringify(s3.store.snapshot()), where).toBe(before)
    }
    // The run must have reached both outcomes to mean anything.
    const codes = [...statuses.keys()]
    expect(codes.some((c) => c < 300)).toBe(true)
    expect(codes.some((c) => c >= 400)).toBe(true)
    expect(s3.served.failures).toEqual([])
  })

  it('leaves the endpoint serving the real client afterwards', async () => {
    await s3.client.send(new HeadBucketCommand({Bucket: 'fuzz'}))
    const listed = await s3.client.send(new ListObjectsV2Command({Bucket: 'fuzz'}))
    expect(listed.$metadata.httpStatusCode).toBe(200)
  })
})

describe('random requests handed straight to the handler', () => {
  it(`never throw, never answer 500, and only send header values node:http accepts (seed ${SEED})`, () => {
    // Inputs fetch and node:http would refuse to carry: odd methods, array and latin1 header values.
    const store = new S3Store()
    store.createBucket('fuzz')
    store.putObject('fuzz', 'existing', Buffer.from('x'), {metadata: {who: 'Zoë'}, contentType: 'text/plain; charset=ü'})
    for (let i = 0; i < REQUESTS; i++) {
      const request = randomRequest('http://127.0.0.1')
      const method = chance(0.1) ? pick(['get', 'FOO', '', 'M-SEARCH']) : request.method
      const headers: Record<string, string | string[]> = {...request.headers}
      if (chance(0.2)) headers['x-amz-meta-list'] = ['a', 'b']
      if (chance(0.2)) headers[`x-amz-meta-${printable(3).toLowerCase().replace(/[^a-z]/g, 'q')}`] = '\u00e9\u00ff'
      const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body)
      const where = `request ${i} (seed ${SEED}): ${method} ${request.url}`
      const response = handleS3Request(store, {method, url: new URL(request.url), headers, body})
      expect(response.status === 501 || response.status < 500, where).toBe(true)
      for (const [name, value] of Object.entries(response.headers ?? {})) {
        expect(value, `${where} header ${name}`).toMatch(/^[\t\x20-\x7e]*$/)
      }
    }
  })
})
