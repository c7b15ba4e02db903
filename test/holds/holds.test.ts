// Manual holds, the deploy lock and the gate against the local endpoint (real SDK clients).
import {PutRuleCommand} from '@aws-sdk/client-eventbridge'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import type {AeError} from '../../src/errors.js'
import {evaluateGate} from '../../src/holds/gate.js'
import {acquireLock, assertNoDeployLock, readLock, releaseLock} from '../../src/holds/lock.js'
import {getHold, listHolds, placeHold, recordOverride, releaseHold} from '../../src/holds/manual-holds.js'
import {deleteObject, listKeys} from '../../src/holds/s3-json.js'
import type {LocalAws} from '../helpers/local-aws.js'
import {arnOf, createMachine, killedLock, minutesAgo, startExecution, startOps, stopExecution, writeConfig, writeLock, type TestConfig} from '../deploy/fixture.js'

const ALICE = 'arn:aws:sts::000000000000:assumed-role/op/alice'
const BOB = 'arn:aws:sts::000000000000:assumed-role/op/bob'

let local: LocalAws
let cfg: TestConfig

const rejection = async (p: Promise<unknown>): Promise<AeError> => {
  try {
    await p
  } catch (e) {
    return e as AeError
  }
  throw new Error('expected a rejection')
}

beforeAll(async () => {
  // timeScale 1: executions of the day-long Wait stay RUNNING until the test stops them
  local = await startOps({timeScale: 1})
  cfg = writeConfig()
})
afterAll(async () => local.close())
beforeEach(async () => {
  for (const key of await listKeys(local.clients.s3, cfg.holds.bucket, '')) await deleteObject(local.clients.s3, cfg.holds.bucket, key)
})

describe('manual holds', () => {
  it('places a hold as a JSON object under the prefix, lists it, and keeps it readable after release', async () => {
    // Given a hold placed by Alice on saturday
    const now = new Date()
    const hold = await placeHold(local.clients.s3, cfg.holds, {reason: 'recovery in flight', pipelines: ['saturday'], placedBy: ALICE, now})
    expect(await listKeys(local.clients.s3, cfg.holds.bucket, cfg.holds.prefix)).toEqual([`ae/holds/${hold.id}.json`])
    expect((await listHolds(local.clients.s3, cfg.holds, {now})).map((h) => h.id)).toEqual([hold.id])

    // When Bob releases it
    await releaseHold(local.clients.s3, cfg.holds, hold.id, {by: BOB, reason: 'recovery is green', now})

    // Then it is no longer active, but --all still shows it with the release record
    expect(await listHolds(local.clients.s3, cfg.holds, {now})).toEqual([])
    const all = await listHolds(local.clients.s3, cfg.holds, {all: true, now})
    expect(all).toHaveLength(1)
    expect(all[0]).toMatchObject({id: hold.id, status: 'released', placedBy: ALICE, records: [{type: 'release', by: BOB, reason: 'recovery is green'}]})
  })

  it('appends an override record and leaves the hold active', async () => {
    const now = new Date()
    const hold = await placeHold(local.clients.s3, cfg.holds, {reason: 'freeze', pipelines: [], placedBy: ALICE, now})
    await recordOverride(local.clients.s3, cfg.holds, hold.id, {by: BOB, reason: 'hotfix', now, pipelines: ['saturday'], gitSha: 'abc'})
    const {hold: read} = await getHold(local.clients.s3, cfg.holds, hold.id)
    expect(read.records).toEqual([{type: 'override', by: BOB, at: now.toISOString(), reason: 'hotfix', pipelines: ['saturday'], gitSha: 'abc'}])
    expect((await listHolds(local.clients.s3, cfg.holds, {now})).map((h) => h.status)).toEqual(['active'])
  })

  it('expires a hold by itself, and refuses to release a hold twice or one that does not exist', async () => {
    const now = new Date()
    const hold = await placeHold(local.clients.s3, cfg.holds, {reason: 'short', pipelines: [], placedBy: ALICE, now, expiresInMs: 60_000})
    expect(await listHolds(local.clients.s3, cfg.holds, {now: new Date(now.getTime() + 61_000)})).toEqual([])
    await releaseHold(local.clients.s3, cfg.holds, hold.id, {by: BOB, now})
    expect((await rejection(releaseHold(local.clients.s3, cfg.holds, hold.id, {by: BOB, now}))).code).toBe('HOLD_ALREADY_RELEASED')
    expect((await rejection(getHold(local.clients.s3, cfg.holds, 'hold-nope'))).exitCode).toBe(4)
  })
})

describe('the deploy lock', () => {
  const take = (holder: string, breakStale = false) => acquireLock(local.clients.s3, cfg.holds, {holder, pipelines: ['saturday'], command: 'ae deploy', now: () => new Date(), breakStale})

  it('lets exactly one holder take it; the other is refused with exit 3 naming the lock and its holder', async () => {
    const first = await take(ALICE)
    const e = await rejection(take(BOB))
    expect(e.exitCode).toBe(3)
    expect(e.code).toBe('DEPLOY_LOCKED')
    expect(e.message).toMatch(/the deploy lock s3:\/\/alpha-engine-ops\/ae\/locks\/deploy\.json is held by .*alice/)
    expect(await releaseLock(local.clients.s3, cfg.holds, first.lock)).toBe(true)
    const second = await take(BOB)
    expect(second.lock.body.holder).toBe(BOB)
  })

  it('takes the lock with holder, pid/host, time and TTL in its body', async () => {
    const {lock} = await take(ALICE)
    const read = await readLock(local.clients.s3, cfg.holds, new Date())
    expect(read?.body).toMatchObject({holder: ALICE, pid: process.pid, ttlSeconds: 1800, command: 'ae deploy', pipelines: ['saturday']})
    expect(read?.stale).toBe(false)
    expect(read?.body.token).toBe(lock.body.token)
  })

  it('refuses a lock left by a killed deploy until --break-stale-lock, which removes only a lock past its TTL', async () => {
    // Given a lock written 31 minutes ago by a process that died (TTL 30 minutes)
    await writeLock(local, cfg.holds, killedLock(minutesAgo(31)))
    // Then a plain acquire is refused, and the refusal says to break it
    const e = await rejection(take(ALICE))
    expect(e.exitCode).toBe(3)
    expect(e.suggestions[0]).toMatch(/--break-stale-lock/)
    // When breaking stale locks, it is removed and the new lock taken
    const taken = await take(ALICE, true)
    expect(taken.broke?.holder).toMatch(/killed$/)
    expect(taken.lock.body.holder).toBe(ALICE)
  })

  it('does not break a lock that is younger than its TTL', async () => {
    await writeLock(local, cfg.holds, killedLock(minutesAgo(29)))
    const e = await rejection(take(ALICE, true))
    expect(e.code).toBe('DEPLOY_LOCKED')
    expect((await readLock(local.clients.s3, cfg.holds, new Date()))?.body.holder).toMatch(/killed$/)
  })

  it('releases only a lock it still holds', async () => {
    const {lock} = await take(ALICE)
    // Someone broke ours and took their own
    await writeLock(local, cfg.holds, {...killedLock(new Date()), holder: BOB, token: 'bobs'})
    expect(await releaseLock(local.clients.s3, cfg.holds, lock)).toBe(false)
    expect((await readLock(local.clients.s3, cfg.holds, new Date()))?.body.holder).toBe(BOB)
  })
})

describe('assertNoDeployLock (what `ae recover` calls)', () => {
  it('passes without a lock, refuses with exit 3 while a deploy holds it, and only reports a stale one', async () => {
    expect(await assertNoDeployLock(local.clients.s3, cfg.holds)).toEqual({})
    await writeLock(local, cfg.holds, killedLock(minutesAgo(1)))
    const e = await rejection(assertNoDeployLock(local.clients.s3, cfg.holds))
    expect(e.exitCode).toBe(3)
    expect(e.code).toBe('DEPLOY_IN_PROGRESS')
    expect(e.message).toMatch(/a deploy is in progress: the deploy lock .* is held by/)
    await writeLock(local, cfg.holds, killedLock(minutesAgo(45)))
    expect((await assertNoDeployLock(local.clients.s3, cfg.holds)).staleLock?.stale).toBe(true)
  })
})

describe('the gate, one hold kind at a time', () => {
  const gate = (name: string, extra: {rules?: string[]; policy?: 'block' | 'warn'; freezeMinutes?: number; overrideIds?: string[]} = {}) =>
    evaluateGate(local.clients, {
      pipelines: [{name: 'saturday', stateMachineArn: arnOf(local, name), rules: (extra.rules ?? []).map((r) => ({name: r, pipeline: 'saturday'}))}],
      holds: {...cfg.holds, otherRunningExecutions: extra.policy ?? 'block', freezeMinutes: extra.freezeMinutes ?? 0},
      recoveryNameTemplate: 'recover-{run_date}-{attempt}',
      now: new Date(),
      overrideIds: extra.overrideIds ?? [],
    })

  it('is clear with nothing in the way', async () => {
    expect(await gate('gate-nothing')).toMatchObject({clear: true, holds: [], warnings: []})
  })

  it('holds for a manual hold, which only --override-hold lifts', async () => {
    const h = await placeHold(local.clients.s3, cfg.holds, {reason: 'incident', pipelines: ['saturday'], placedBy: ALICE, now: new Date()})
    const g = await gate('gate-manual')
    expect(g.clear).toBe(false)
    expect(g.holds).toEqual([expect.objectContaining({kind: 'manual', id: h.id, pipeline: 'saturday', overridable: true})])
    const overridden = await gate('gate-manual', {overrideIds: [h.id]})
    expect(overridden.clear).toBe(true)
    expect(overridden.overridden.map((x) => x.id)).toEqual([h.id])
  })

  it('holds for a recovery, known by its name or by ae_recovery in its input, and nothing overrides it', async () => {
    const arn = await createMachine(local, 'gate-recovery')
    const byName = await startExecution(local, arn, 'recover-2026-05-16-1')
    const byMarker = await startExecution(local, arn, 'operator-retry', {ae_recovery: {of: 'arn:x', root: 'arn:x', attempt: 2}})
    try {
      const g = await gate('gate-recovery')
      expect(g.holds.map((h) => [h.kind, h.id, h.overridable])).toEqual(
        expect.arrayContaining([
          ['recovery', 'recover-2026-05-16-1', false],
          ['recovery', 'operator-retry', false],
        ]),
      )
      expect(g.holds[0]?.lift).toMatch(/no flag overrides a live recovery/)
    } finally {
      await stopExecution(local, byName)
      await stopExecution(local, byMarker)
    }
    expect((await gate('gate-recovery')).clear).toBe(true)
  })

  it('blocks or only warns for another running execution, by policy', async () => {
    const arn = await createMachine(local, 'gate-running')
    const e = await startExecution(local, arn, 'nightly-1')
    try {
      expect((await gate('gate-running')).holds).toEqual([expect.objectContaining({kind: 'running-execution', id: 'nightly-1', overridable: false})])
      const warn = await gate('gate-running', {policy: 'warn'})
      expect(warn.clear).toBe(true)
      expect(warn.warnings).toEqual([expect.stringMatching(/execution nightly-1 of saturday is RUNNING/)])
    } finally {
      await stopExecution(local, e)
    }
  })

  it('holds in the freeze window before an enabled schedule fires, and not for a disabled rule', async () => {
    const put = (Name: string, ScheduleExpression: string, State: 'ENABLED' | 'DISABLED') => local.clients.events.send(new PutRuleCommand({Name, ScheduleExpression, State}))
    await put('every-minute', 'cron(* * * * ? *)', 'ENABLED')
    await put('every-minute-off', 'cron(* * * * ? *)', 'DISABLED')
    await put('every-5-minutes', 'rate(5 minutes)', 'ENABLED')
    await put('daily', 'rate(1 day)', 'ENABLED')
    const g = await gate('gate-freeze', {rules: ['every-minute', 'every-minute-off', 'every-5-minutes', 'daily', 'never-deployed'], freezeMinutes: 30})
    expect(g.holds.map((h) => [h.kind, h.id])).toEqual([
      ['freeze-window', 'every-minute'],
      ['freeze-window', 'every-5-minutes'],
    ])
    expect(g.holds[0]?.reason).toMatch(/rule every-minute fires at .* deploys freeze 30m before a scheduled run/)
    expect(g.warnings).toEqual([expect.stringMatching(/rule daily \(rate\(1 day\)\) counts from its creation time/)])
    expect((await gate('gate-freeze', {rules: ['every-minute'], freezeMinutes: 0})).clear).toBe(true)
  })

  it('holds while the deploy lock is taken', async () => {
    await writeLock(local, cfg.holds, killedLock(minutesAgo(2)))
    const g = await gate('gate-lock')
    expect(g.holds).toEqual([expect.objectContaining({kind: 'deploy-lock', id: 'ae/locks/deploy.json', pipeline: '*', overridable: false})])
  })
})
