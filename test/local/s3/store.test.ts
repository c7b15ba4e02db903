import {describe, expect, it} from 'vitest'
import {S3Error} from '../../../src/local/s3/errors.js'
import {type S3Change, type S3Snapshot, S3Store} from '../../../src/local/s3/store.js'

function storeWith(keys: Record<string, string>, options: ConstructorParameters<typeof S3Store>[0] = {}): S3Store {
  const store = new S3Store(options)
  store.createBucket('bkt')
  for (const [key, body] of Object.entries(keys)) store.putObject('bkt', key, Buffer.from(body))
  return store
}

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('S3Store conditional writes', () => {
  it('returns a typed PreconditionFailed for If-None-Match * on an existing key and keeps the object', () => {
    const store = storeWith({lock: 'held'})
    const result = store.putObject('bkt', 'lock', Buffer.from('mine'), {ifNoneMatch: '*'})
    expect(result).toEqual({ok: false, code: 'PreconditionFailed', condition: 'If-None-Match'})
    expect(store.getObject('bkt', 'lock')?.body.toString()).toBe('held')
  })

  it('accepts If-Match with the ETag quoted or bare, and NoSuchKey when the key is absent', () => {
    const store = storeWith({doc: 'v1'})
    const etag = store.headObject('bkt', 'doc')?.etag ?? ''
    const quoted = store.putObject('bkt', 'doc', Buffer.from('v2'), {ifMatch: etag})
    const stale = store.putObject('bkt', 'doc', Buffer.from('v3'), {ifMatch: etag.replaceAll('"', '')})
    const absent = store.putObject('bkt', 'none', Buffer.from('x'), {ifMatch: etag})
    expect(quoted.ok).toBe(true)
    expect(stale).toEqual({ok: false, code: 'PreconditionFailed', condition: 'If-Match'})
    expect(absent).toEqual({ok: false, code: 'NoSuchKey', condition: 'If-Match'})
    expect(store.getObject('bkt', 'doc')?.body.toString()).toBe('v2')
  })

  it('stores a copy of the body, so the caller can reuse its buffer', () => {
    const store = storeWith({})
    const body = Buffer.from('abc')
    store.putObject('bkt', 'k', body)
    body.write('xyz')
    expect(store.getObject('bkt', 'k')?.body.toString()).toBe('abc')
  })

  it('throws NoSuchBucket and KeyTooLongError as S3Errors', () => {
    const store = storeWith({})
    expect(thrown(() => store.getObject('missing', 'k'))).toMatchObject({code: 'NoSuchBucket', status: 404})
    expect(thrown(() => store.putObject('bkt', 'k'.repeat(1025), Buffer.alloc(0)))).toBeInstanceOf(S3Error)
    expect(thrown(() => store.createBucket('bkt'))).toMatchObject({code: 'BucketAlreadyOwnedByYou', status: 409})
  })
})

describe('S3Store snapshots and hooks', () => {
  it('restores a JSON round trip of its snapshot into an equal store', () => {
    // Given a store with binary, unicode and metadata-bearing objects
    const store = storeWith({'a/ü': 'x'})
    store.putObject('bkt', 'bin', Buffer.from([0, 255, 10]), {
      contentType: 'application/x',
      metadata: {Owner: 'ops'},
      checksum: {algorithm: 'CRC32', value: 'AAAAAA=='},
    })
    // When its snapshot goes through JSON into another store
    const json = JSON.parse(JSON.stringify(store.snapshot())) as S3Snapshot
    const copy = new S3Store()
    copy.restore(json)
    // Then both hold the same state, bytes included
    expect(copy.snapshot()).toEqual(store.snapshot())
    expect(copy.getObject('bkt', 'bin')?.body).toEqual(Buffer.from([0, 255, 10]))
    expect(copy.headObject('bkt', 'bin')?.metadata).toEqual({owner: 'ops'})
  })

  it('refuses a malformed snapshot and keeps its state', () => {
    const store = storeWith({k: 'v'})
    const before = store.snapshot()
    expect(() => store.restore({version: 2} as unknown as S3Snapshot)).toThrow(/malformed/)
    expect(() => store.restore({version: 1, buckets: [{name: 'x', objects: [{key: 1}]}]} as unknown as S3Snapshot)).toThrow()
    expect(store.snapshot()).toEqual(before)
  })

  it('continues a listing with a token issued before a restore', () => {
    const store = storeWith({k1: '', k2: '', k3: ''})
    const first = store.list('bkt', {maxKeys: 2})
    const restored = new S3Store()
    restored.restore(store.snapshot())
    const rest = restored.list('bkt', {continuationToken: first.nextContinuationToken ?? ''})
    expect(rest.objects.map((o) => o.key)).toEqual(['k3'])
  })

  it('reports every change to onChange, and nothing for rejected writes', () => {
    const changes: S3Change[] = []
    const store = new S3Store({onChange: (c) => changes.push(c)})
    store.createBucket('bkt')
    store.putObject('bkt', 'k', Buffer.from('1'))
    store.putObject('bkt', 'k', Buffer.from('2'), {ifNoneMatch: '*'})
    store.deleteObject('bkt', 'k')
    store.deleteObject('bkt', 'k')
    store.deleteBucket('bkt')
    expect(changes).toEqual([
      {type: 'createBucket', bucket: 'bkt'},
      {type: 'putObject', bucket: 'bkt', key: 'k'},
      {type: 'deleteObject', bucket: 'bkt', key: 'k'},
      {type: 'deleteBucket', bucket: 'bkt'},
    ])
  })

  it('takes LastModified from the injected clock, to whole seconds', () => {
    const store = storeWith({}, {now: () => new Date('2026-11-21T04:00:00.750Z')})
    store.putObject('bkt', 'k', Buffer.from(''))
    expect(store.headObject('bkt', 'k')?.lastModified.toISOString()).toBe('2026-11-21T04:00:00.000Z')
  })
})
