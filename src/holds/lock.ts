// The deploy lock: one S3 object created with `If-None-Match: *`, so of two deploys racing exactly
// one creates it. It carries who holds it and when it was taken; past its TTL it is stale (the
// holder died) and only then may `--break-stale-lock` remove it. Release deletes it only when the
// object is still ours (same token, and If-Match on its ETag where S3 honours conditional deletes).
import type {S3Client} from '@aws-sdk/client-s3'
import {randomUUID} from 'node:crypto'
import {hostname} from 'node:os'
import type {HoldsConfig} from '../config/types.js'
import {failedError, refusedError, type AeError} from '../errors.js'
import {deleteObject, getJson, isConditionFailed, putJson} from './s3-json.js'

export interface LockBody {
  /** The STS caller ARN of the deploy holding the lock. */
  holder: string
  /** Unique per acquisition: one operator running two deploys has one ARN but two tokens. */
  token: string
  pid: number
  host: string
  acquiredAt: string
  ttlSeconds: number
  command: string
  pipelines: string[]
}

export interface LockState {
  body: LockBody
  etag: string
  ageMs: number
  stale: boolean
}

export interface HeldLock {
  bucket: string
  key: string
  body: LockBody
  etag: string
}

/** The lock's `command` while a recovery holds it for its start (src/recovery/start-lock.ts). */
export const RECOVER_LOCK_COMMAND = 'ae recover'

export const lockUri = (config: HoldsConfig) => `s3://${config.bucket}/${config.lockKey}`

/** Stale once strictly older than its TTL; a lock without a readable time counts as stale. */
export function lockIsStale(body: Pick<LockBody, 'acquiredAt' | 'ttlSeconds'>, now: Date): boolean {
  const at = Date.parse(body.acquiredAt)
  if (Number.isNaN(at)) return true
  return now.getTime() - at > body.ttlSeconds * 1000
}

function normalizeLock(raw: unknown, ttlSeconds: number): LockBody {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Partial<LockBody>
  return {
    holder: typeof o.holder === 'string' ? o.holder : 'unknown',
    token: typeof o.token === 'string' ? o.token : '',
    pid: typeof o.pid === 'number' ? o.pid : 0,
    host: typeof o.host === 'string' ? o.host : 'unknown',
    acquiredAt: typeof o.acquiredAt === 'string' ? o.acquiredAt : '',
    ttlSeconds: typeof o.ttlSeconds === 'number' && o.ttlSeconds > 0 ? o.ttlSeconds : ttlSeconds,
    command: typeof o.command === 'string' ? o.command : 'unknown',
    pipelines: Array.isArray(o.pipelines) ? o.pipelines.filter((p) => typeof p === 'string') : [],
  }
}

export async function readLock(s3: S3Client, config: HoldsConfig, now: Date): Promise<LockState | undefined> {
  let read: {value: unknown; etag: string} | undefined
  try {
    read = await getJson<unknown>(s3, config.bucket, config.lockKey)
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    read = {value: {}, etag: ''}
  }
  if (!read) return undefined
  const body = normalizeLock(read.value, config.lockTtlMinutes * 60)
  const at = Date.parse(body.acquiredAt)
  return {body, etag: read.etag, ageMs: Number.isNaN(at) ? Number.POSITIVE_INFINITY : now.getTime() - at, stale: lockIsStale(body, now)}
}

export const formatAge = (ms: number): string => {
  if (!Number.isFinite(ms)) return 'an unknown time'
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 120) return `${s}s`
  if (s < 7200) return `${Math.round(s / 60)}m`
  return `${Math.round(s / 3600)}h`
}

export function describeLock(config: HoldsConfig, state: LockState): string {
  const b = state.body
  return `the deploy lock ${lockUri(config)} is held by ${b.holder} (pid ${b.pid} on ${b.host}, taken ${b.acquiredAt || 'at an unknown time'}, ${formatAge(state.ageMs)} ago, TTL ${formatAge(b.ttlSeconds * 1000)})`
}

/** How the lock hold is lifted: wait for its deploy, or break it once it is stale. */
export function lockLift(config: HoldsConfig, state: LockState): string {
  if (state.stale) return `the lock is older than its TTL, so its deploy died: rerun with --break-stale-lock to remove it`
  const until = new Date(Date.parse(state.body.acquiredAt) + state.body.ttlSeconds * 1000)
  return `wait for ${state.body.holder}'s deploy to finish (it releases the lock); if that process died, --break-stale-lock removes the lock after ${until.toISOString()}`
}

export function lockRefusal(config: HoldsConfig, state: LockState): AeError {
  return refusedError('DEPLOY_LOCKED', describeLock(config, state), [lockLift(config, state)], {lock: {uri: lockUri(config), ...state.body, stale: state.stale}})
}

export interface AcquireOptions {
  holder: string
  pipelines: string[]
  command: string
  now: () => Date
  /** Remove an existing lock first, but only if it is older than its TTL. */
  breakStale?: boolean
}

export interface AcquireResult {
  lock: HeldLock
  /** The stale lock that was removed to take this one. */
  broke?: LockBody
}

export async function acquireLock(s3: S3Client, config: HoldsConfig, options: AcquireOptions): Promise<AcquireResult> {
  let broke: LockBody | undefined
  for (let attempt = 0; attempt < 4; attempt++) {
    const body: LockBody = {
      holder: options.holder,
      token: randomUUID(),
      pid: process.pid,
      host: hostname(),
      acquiredAt: options.now().toISOString(),
      ttlSeconds: config.lockTtlMinutes * 60,
      command: options.command,
      pipelines: options.pipelines,
    }
    try {
      const etag = await putJson(s3, config.bucket, config.lockKey, body, {create: true})
      return {lock: {bucket: config.bucket, key: config.lockKey, body, etag}, ...(broke ? {broke} : {})}
    } catch (error) {
      if (!isConditionFailed(error)) throw error
    }
    const existing = await readLock(s3, config, options.now())
    if (!existing) continue // released between our write and our read: try again
    if (!options.breakStale || !existing.stale) throw lockRefusal(config, existing)
    await breakLock(s3, config, existing)
    broke = existing.body
  }
  throw failedError('LOCK_CONTENDED', `could not take ${lockUri(config)}: it kept changing hands`, ['Retry in a minute; `ae deploy --hold-check` shows who holds it.'])
}

/** Removes a stale lock; refuses a fresh one whatever the caller thinks. */
export async function breakLock(s3: S3Client, config: HoldsConfig, state: LockState): Promise<void> {
  if (!state.stale) throw lockRefusal(config, state)
  try {
    await deleteObject(s3, config.bucket, config.lockKey, state.etag || undefined)
  } catch (error) {
    if (!isConditionFailed(error)) throw error
    // Someone replaced it since we read it: the new lock is not stale, leave it.
  }
}

/**
 * Deletes the lock if it is still ours. Returns false when it is not (already gone, or broken as
 * stale and taken by another deploy): deleting someone else's lock would let two deploys run.
 */
export async function releaseLock(s3: S3Client, config: HoldsConfig, lock: HeldLock): Promise<boolean> {
  const current = await readLock(s3, config, new Date())
  if (!current || current.body.token !== lock.body.token) return false
  try {
    await deleteObject(s3, lock.bucket, lock.key, current.etag || undefined)
    return true
  } catch (error) {
    if (isConditionFailed(error)) return false
    throw error
  }
}

/**
 * For `ae recover` (and anything else that must not start while a deploy switches definitions):
 * refuses with exit 3 while a deploy holds the lock. A stale lock does not refuse; it is returned
 * so the caller can warn that a deploy died.
 */
export async function assertNoDeployLock(s3: S3Client, holdsConfig: HoldsConfig | undefined, now: Date = new Date()): Promise<{staleLock?: LockState}> {
  if (!holdsConfig) return {}
  const state = await readLock(s3, holdsConfig, now)
  // Another recovery holding it for its StartExecution is no deploy: the start waits that out.
  if (!state || (state.body.command === RECOVER_LOCK_COMMAND && !state.stale)) return {}
  if (state.stale) return {staleLock: state}
  const e = lockRefusal(holdsConfig, state)
  throw refusedError('DEPLOY_IN_PROGRESS', `a deploy is in progress: ${describeLock(holdsConfig, state)}`, ['Wait for the deploy to finish, then rerun.'], e.details)
}
