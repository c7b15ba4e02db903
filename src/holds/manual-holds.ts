// Manual holds: one JSON object per hold under the configured prefix (`<prefix><id>.json`). A
// release or an override appends a record to the hold; nothing is ever deleted, so the objects
// stay readable for audit (who held the deploy, why, who lifted it and when).
import type {S3Client} from '@aws-sdk/client-s3'
import {randomBytes} from 'node:crypto'
import type {HoldsConfig} from '../config/types.js'
import {failedError, notFoundError, usageError} from '../errors.js'
import {getJson, isConditionFailed, listKeys, putJson} from './s3-json.js'

export interface HoldRecord {
  type: 'release' | 'override'
  /** The STS caller ARN. */
  by: string
  at: string
  reason: string
  /** For an override: the pipelines the deploy that overrode it shipped. */
  pipelines?: string[]
  gitSha?: string
}

export interface ManualHold {
  id: string
  reason: string
  /** Empty: the hold covers every pipeline. */
  pipelines: string[]
  placedBy: string
  placedAt: string
  expiresAt: string | null
  records: HoldRecord[]
}

export type HoldStatus = 'active' | 'released' | 'expired'

export interface ListedHold extends ManualHold {
  status: HoldStatus
  key: string
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/

export const holdKey = (config: HoldsConfig, id: string) => `${config.prefix}${id}.json`

export function holdStatus(hold: ManualHold, now: Date): HoldStatus {
  if (hold.records.some((r) => r.type === 'release')) return 'released'
  if (hold.expiresAt !== null && Date.parse(hold.expiresAt) <= now.getTime()) return 'expired'
  return 'active'
}

export const holdCovers = (hold: ManualHold, pipeline: string) => hold.pipelines.length === 0 || hold.pipelines.includes(pipeline)

/** `30m`, `24h`, `7d` (also `90s`, `1w`) to milliseconds. */
export function parseDuration(text: string, flag = '--expires'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$/i.exec(text)
  const unit = {s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000}
  if (!m || Number(m[1]) <= 0) throw usageError('BAD_DURATION', `${flag} ${text} is not a duration`, 'Write it as a number and a unit: 30m, 24h, 7d.')
  return Number(m[1]) * unit[(m[2] as string).toLowerCase() as keyof typeof unit]
}

/** `hold-20260518-1432-3f9a`: sortable by time, short enough to type. */
export function newHoldId(now: Date, random: () => string = () => randomBytes(2).toString('hex')): string {
  const iso = now.toISOString()
  return `hold-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 16).replace(':', '')}-${random()}`
}

export interface PlaceHoldInput {
  reason: string
  pipelines: string[]
  expiresInMs?: number
  placedBy: string
  now: Date
}

export async function placeHold(s3: S3Client, config: HoldsConfig, input: PlaceHoldInput): Promise<ManualHold> {
  if (!input.reason.trim()) throw usageError('REASON_REQUIRED', 'a hold needs a reason', 'Pass --reason "why deploys must wait".')
  for (let attempt = 0; attempt < 5; attempt++) {
    const hold: ManualHold = {
      id: newHoldId(input.now),
      reason: input.reason.trim(),
      pipelines: [...new Set(input.pipelines)],
      placedBy: input.placedBy,
      placedAt: input.now.toISOString(),
      expiresAt: input.expiresInMs === undefined ? null : new Date(input.now.getTime() + input.expiresInMs).toISOString(),
      records: [],
    }
    try {
      await putJson(s3, config.bucket, holdKey(config, hold.id), hold, {create: true})
      return hold
    } catch (error) {
      if (!isConditionFailed(error)) throw error // an id collision: draw another
    }
  }
  throw failedError('HOLD_ID_COLLISION', 'could not find a free hold id after 5 attempts', ['Retry in a minute.'])
}

/** Every hold object, oldest first; with `all` false only the active ones. */
export async function listHolds(s3: S3Client, config: HoldsConfig, options: {all?: boolean; now: Date}): Promise<ListedHold[]> {
  const keys = (await listKeys(s3, config.bucket, config.prefix)).filter((k) => k.endsWith('.json'))
  const holds = await Promise.all(keys.map((key) => readHoldAt(s3, config, key)))
  return holds
    .filter((h): h is ManualHold & {key: string} => h !== undefined)
    .map((h) => ({...h, status: holdStatus(h, options.now)}))
    .filter((h) => options.all || h.status === 'active')
    .sort((a, b) => a.placedAt.localeCompare(b.placedAt) || a.id.localeCompare(b.id))
}

async function readHoldAt(s3: S3Client, config: HoldsConfig, key: string): Promise<(ManualHold & {key: string}) | undefined> {
  const fallbackId = key.slice(config.prefix.length, -'.json'.length)
  try {
    const read = await getJson<unknown>(s3, config.bucket, key)
    return read && {...normalizeHold(read.value, fallbackId), key}
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    // A hold that cannot be read still holds: someone meant to stop deploys.
    return {...normalizeHold({reason: `unreadable hold object s3://${config.bucket}/${key}`}, fallbackId), key}
  }
}

/** A hold object as written by hand or by an older ae: missing fields get safe values. */
export function normalizeHold(raw: unknown, fallbackId: string): ManualHold {
  const o = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>
  const str = (v: unknown, d: string) => (typeof v === 'string' && v !== '' ? v : d)
  const records = Array.isArray(o.records) ? (o.records as HoldRecord[]).filter((r) => r && (r.type === 'release' || r.type === 'override')) : []
  return {
    id: str(o.id, fallbackId),
    reason: str(o.reason, '(no reason given)'),
    pipelines: Array.isArray(o.pipelines) ? o.pipelines.filter((p): p is string => typeof p === 'string') : [],
    placedBy: str(o.placedBy, 'unknown'),
    placedAt: str(o.placedAt, new Date(0).toISOString()),
    expiresAt: typeof o.expiresAt === 'string' ? o.expiresAt : null,
    records,
  }
}

function checkId(id: string): void {
  if (!ID_PATTERN.test(id)) throw usageError('BAD_HOLD_ID', `${JSON.stringify(id)} is not a hold id`, 'Copy the id from `ae hold list`.')
}

export async function getHold(s3: S3Client, config: HoldsConfig, id: string): Promise<{hold: ManualHold; etag: string}> {
  checkId(id)
  const read = await getJson<unknown>(s3, config.bucket, holdKey(config, id))
  if (!read) throw notFoundError('HOLD_NOT_FOUND', `no hold ${id} under s3://${config.bucket}/${config.prefix}`, 'See `ae hold list --all` for the holds that exist.')
  return {hold: normalizeHold(read.value, id), etag: read.etag}
}

/**
 * Appends a record with optimistic concurrency: the write is conditional on the ETag read, so two
 * operators releasing at once both land, one after the other.
 */
async function appendRecord(s3: S3Client, config: HoldsConfig, id: string, make: (hold: ManualHold) => HoldRecord): Promise<ManualHold> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const {hold, etag} = await getHold(s3, config, id)
    const updated = {...hold, records: [...hold.records, make(hold)]}
    try {
      await putJson(s3, config.bucket, holdKey(config, id), updated, {etag})
      return updated
    } catch (error) {
      if (!isConditionFailed(error)) throw error
    }
  }
  throw failedError('HOLD_BUSY', `hold ${id} kept changing while ae tried to update it`, ['Retry; `ae hold list --all` shows its current records.'])
}

export async function releaseHold(s3: S3Client, config: HoldsConfig, id: string, input: {by: string; reason?: string; now: Date}): Promise<ManualHold> {
  return appendRecord(s3, config, id, (hold) => {
    const status = holdStatus(hold, input.now)
    if (status === 'released') {
      const r = hold.records.find((x) => x.type === 'release')
      throw usageError('HOLD_ALREADY_RELEASED', `hold ${id} was already released by ${r?.by} at ${r?.at}`, 'Nothing to do; `ae hold list` shows the holds still active.')
    }
    return {type: 'release', by: input.by, at: input.now.toISOString(), reason: input.reason?.trim() || 'released'}
  })
}

/** Records that a deploy went ahead despite the hold; the hold stays active for the next deploy. */
export async function recordOverride(
  s3: S3Client,
  config: HoldsConfig,
  id: string,
  input: {by: string; reason: string; now: Date; pipelines: string[]; gitSha: string},
): Promise<ManualHold> {
  return appendRecord(s3, config, id, () => ({type: 'override', by: input.by, at: input.now.toISOString(), reason: input.reason, pipelines: input.pipelines, gitSha: input.gitSha}))
}
