// The pure parts of the holds: lock staleness, hold status, the manual-hold part of the gate,
// recovery names. The S3-backed parts are in holds.test.ts against the local endpoint.
import {describe, expect, it} from 'vitest'
import type {AeError} from '../../src/errors.js'
import {lockHold, manualHoldsGate} from '../../src/holds/gate.js'
import {lockIsStale, type LockState} from '../../src/holds/lock.js'
import {holdStatus, newHoldId, normalizeHold, parseDuration, type ListedHold} from '../../src/holds/manual-holds.js'
import {recoveryNamePattern} from '../../src/holds/sources.js'

const CONFIG = {bucket: 'ops', prefix: 'ae/holds/', lockKey: 'ae/locks/deploy.json', lockTtlMinutes: 30, otherRunningExecutions: 'block' as const, freezeMinutes: 30}
const NOW = new Date('2026-05-18T12:00:00Z')

const hold = (id: string, extra: Partial<ListedHold> = {}): ListedHold => ({
  id,
  reason: `reason ${id}`,
  pipelines: [],
  placedBy: 'arn:aws:sts::000000000000:assumed-role/op/alice',
  placedAt: '2026-05-18T10:00:00Z',
  expiresAt: null,
  records: [],
  status: 'active',
  key: `ae/holds/${id}.json`,
  ...extra,
})

describe('lock TTL', () => {
  it('is fresh up to its TTL and stale strictly after it', () => {
    const ttl = 30 * 60
    expect(lockIsStale({acquiredAt: '2026-05-18T11:30:00Z', ttlSeconds: ttl}, NOW)).toBe(false)
    expect(lockIsStale({acquiredAt: '2026-05-18T11:29:59Z', ttlSeconds: ttl}, NOW)).toBe(true)
    expect(lockIsStale({acquiredAt: '2026-05-18T11:59:00Z', ttlSeconds: ttl}, NOW)).toBe(false)
  })

  it('counts a lock without a readable time as stale, so it can be broken', () => {
    expect(lockIsStale({acquiredAt: 'garbage', ttlSeconds: 1800}, NOW)).toBe(true)
  })

  it('turns a lock into a gate hold that names its holder and how it is lifted', () => {
    const state: LockState = {
      body: {holder: 'arn:aws:sts::000000000000:assumed-role/op/bob', token: 't', pid: 42, host: 'box', acquiredAt: '2026-05-18T11:58:00Z', ttlSeconds: 1800, command: 'ae deploy', pipelines: ['saturday']},
      etag: '"e"',
      ageMs: 120_000,
      stale: false,
    }
    const h = lockHold(CONFIG, state)
    expect(h).toMatchObject({kind: 'deploy-lock', pipeline: '*', overridable: false})
    expect(h.reason).toMatch(/s3:\/\/ops\/ae\/locks\/deploy\.json is held by .*bob \(pid 42 on box/)
    expect(h.lift).toMatch(/--break-stale-lock removes the lock after 2026-05-18T12:28:00.000Z/)
    expect(lockHold(CONFIG, {...state, stale: true}).lift).toMatch(/rerun with --break-stale-lock/)
  })
})

describe('manual holds in the gate', () => {
  it('holds every pipeline when the hold names none, and only its own otherwise', () => {
    const r = manualHoldsGate([hold('all'), hold('sat', {pipelines: ['saturday']})], ['weekday'], [])
    expect(r.holds.map((h) => [h.id, h.pipeline, h.overridable])).toEqual([['all', '*', true]])
    expect(r.holds[0]?.lift).toBe('ae hold release all --reason TEXT, or deploy with --override-hold all --reason TEXT')
  })

  it('moves an overridden hold to the warnings and returns it for the record', () => {
    const r = manualHoldsGate([hold('a'), hold('b')], ['saturday'], ['a'])
    expect(r.holds.map((h) => h.id)).toEqual(['b'])
    expect(r.overridden.map((h) => h.id)).toEqual(['a'])
    expect(r.warnings[0]).toMatch(/manual hold a .* is overridden for this deploy/)
  })

  it('refuses to override a hold that is not active for these pipelines (exit 2)', () => {
    let e: AeError | undefined
    try {
      manualHoldsGate([hold('sat', {pipelines: ['saturday']})], ['weekday'], ['sat'])
    } catch (x) {
      e = x as AeError
    }
    expect(e?.exitCode).toBe(2)
    expect(e?.code).toBe('OVERRIDE_NOT_ACTIVE')
  })
})

describe('hold records', () => {
  it('is released once a release record exists, expired after expiresAt, else active', () => {
    expect(holdStatus(hold('a'), NOW)).toBe('active')
    expect(holdStatus(hold('a', {expiresAt: '2026-05-18T11:00:00Z'}), NOW)).toBe('expired')
    expect(holdStatus(hold('a', {records: [{type: 'override', by: 'x', at: 'y', reason: 'z'}]}), NOW)).toBe('active')
    expect(holdStatus(hold('a', {records: [{type: 'release', by: 'x', at: 'y', reason: 'z'}]}), NOW)).toBe('released')
  })

  it('reads a hand-written hold object with safe defaults: it still holds everything', () => {
    expect(normalizeHold({reason: 'typed by hand'}, 'manual-1')).toMatchObject({id: 'manual-1', reason: 'typed by hand', pipelines: [], expiresAt: null, records: []})
  })

  it('makes sortable ids and parses durations', () => {
    expect(newHoldId(new Date('2026-05-18T14:32:10Z'), () => '3f9a')).toBe('hold-20260518-1432-3f9a')
    expect(parseDuration('24h')).toBe(86_400_000)
    expect(parseDuration('30m')).toBe(1_800_000)
    expect(parseDuration('7d')).toBe(604_800_000)
    expect(() => parseDuration('soon')).toThrow(/--expires soon is not a duration/)
  })
})

describe('recovery names', () => {
  it('matches any name the recovery template can make, and nothing else', () => {
    const p = recoveryNamePattern('recover-{run_date}-{attempt}')
    expect(p.test('recover-2026-05-16-1')).toBe(true)
    expect(p.test('recover-2026-05-16')).toBe(true) // run_date itself holds dashes: still a recovery
    expect(p.test('shell-2026-05-22-1')).toBe(false)
    expect(p.test('manual-recover-2026-05-16-1')).toBe(false)
    expect(recoveryNamePattern('r.{x}').test('rX1')).toBe(false) // template text is literal
  })
})
