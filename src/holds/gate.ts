// The deploy gate: one function that asks every hold source whether deploying these pipelines now
// is clear, and returns every hold with its kind, reason and how it is lifted. `ae deploy` and
// `ae deploy --hold-check` both call it, so they cannot disagree.
import type {EventBridgeClient} from '@aws-sdk/client-eventbridge'
import type {S3Client} from '@aws-sdk/client-s3'
import type {SFNClient} from '@aws-sdk/client-sfn'
import type {HoldsConfig} from '../config/types.js'
import {usageError} from '../errors.js'
import {describeLock, lockLift, readLock, type LockState} from './lock.js'
import {holdCovers, listHolds, type ListedHold} from './manual-holds.js'
import {executionHolds, freezeWindowHolds, type ScheduledRule} from './sources.js'
import type {GateResult, Hold} from './types.js'

export type {GateResult, Hold, HoldKind} from './types.js'

export interface GatePipeline {
  name: string
  stateMachineArn: string
  /** The schedule rules that start this pipeline (from the rules file). */
  rules: ScheduledRule[]
}

export interface GateInput {
  pipelines: GatePipeline[]
  holds: HoldsConfig | undefined
  recoveryNameTemplate: string
  now: Date
  /** Manual holds to override for this deploy (`--override-hold`); each must be active. */
  overrideIds?: string[]
  /** Which sources to ask (default all). After taking the lock a deploy re-asks only `executions`. */
  sources?: {manual?: boolean; executions?: boolean; freeze?: boolean; lock?: boolean}
  /** `--break-stale-lock`: a stale lock is a warning (the deploy removes it), a fresh one still holds. */
  breakStaleLock?: boolean
}

export interface GateReport extends GateResult {
  /** The manual holds this deploy overrides: the caller records the override on each. */
  overridden: ListedHold[]
  /** The lock as found, stale or not. */
  lock?: LockState
}

export interface GateClients {
  sfn: SFNClient
  events: EventBridgeClient
  s3: S3Client
}

export async function evaluateGate(clients: GateClients, input: GateInput): Promise<GateReport> {
  const want = {manual: true, executions: true, freeze: true, lock: true, ...input.sources}
  const names = input.pipelines.map((p) => p.name)
  const holds: Hold[] = []
  const warnings: string[] = []
  let overridden: ListedHold[] = []
  let lock: LockState | undefined

  if (!input.holds && (want.manual || want.lock)) warnings.push('no "holds" section in the config: manual holds and the deploy lock are off')
  if (input.holds && want.manual) {
    const active = await listHolds(clients.s3, input.holds, {now: input.now})
    const manual = manualHoldsGate(active, names, input.overrideIds ?? [])
    holds.push(...manual.holds)
    warnings.push(...manual.warnings)
    overridden = manual.overridden
  }
  if (input.holds && want.lock) {
    lock = await readLock(clients.s3, input.holds, input.now)
    if (lock && lock.stale && input.breakStaleLock) warnings.push(`${describeLock(input.holds, lock)}; it is stale and --break-stale-lock removes it`)
    else if (lock) holds.push(lockHold(input.holds, lock))
  }
  if (want.executions) {
    const results = await Promise.all(
      input.pipelines.map((p) =>
        executionHolds(clients.sfn, {
          pipeline: p.name,
          stateMachineArn: p.stateMachineArn,
          recoveryNameTemplate: input.recoveryNameTemplate,
          policy: input.holds?.otherRunningExecutions ?? 'block',
        }),
      ),
    )
    for (const r of results) {
      holds.push(...r.holds)
      warnings.push(...r.warnings)
    }
  }
  if (want.freeze) {
    const r = await freezeWindowHolds(clients.events, input.pipelines.flatMap((p) => p.rules), {freezeMinutes: input.holds?.freezeMinutes ?? 0, now: input.now})
    holds.push(...r.holds)
    warnings.push(...r.warnings)
  }
  return {clear: holds.length === 0, holds, warnings, overridden, ...(lock ? {lock} : {})}
}

/**
 * Pure: the active manual holds that cover any of the pipelines, less the ones overridden. An
 * override of a hold that is not active here is bad input: the operator named the wrong hold.
 */
export function manualHoldsGate(active: ListedHold[], pipelines: string[], overrideIds: string[]): {holds: Hold[]; warnings: string[]; overridden: ListedHold[]} {
  const relevant = active.filter((h) => h.status === 'active' && pipelines.some((p) => holdCovers(h, p)))
  for (const id of overrideIds) {
    if (!relevant.some((h) => h.id === id)) {
      throw usageError('OVERRIDE_NOT_ACTIVE', `--override-hold ${id}: no active hold with that id covers ${pipelines.join(', ')}`, 'See `ae hold list` for the active holds and their ids.')
    }
  }
  const holds: Hold[] = []
  const warnings: string[] = []
  const overridden: ListedHold[] = []
  for (const h of relevant) {
    if (overrideIds.includes(h.id)) {
      overridden.push(h)
      warnings.push(`manual hold ${h.id} (${h.reason}) is overridden for this deploy; the override is recorded on the hold`)
      continue
    }
    holds.push({
      kind: 'manual',
      id: h.id,
      reason: `${h.reason} (placed by ${h.placedBy} at ${h.placedAt})`,
      pipeline: h.pipelines.length === 0 ? '*' : h.pipelines.filter((p) => pipelines.includes(p)).join(','),
      lift: `ae hold release ${h.id} --reason TEXT, or deploy with --override-hold ${h.id} --reason TEXT`,
      overridable: true,
      since: h.placedAt,
      ...(h.expiresAt ? {until: h.expiresAt} : {}),
    })
  }
  return {holds, warnings, overridden}
}

export function lockHold(config: HoldsConfig, state: LockState): Hold {
  return {
    kind: 'deploy-lock',
    id: config.lockKey,
    reason: describeLock(config, state),
    pipeline: '*',
    lift: lockLift(config, state),
    overridable: false,
    since: state.body.acquiredAt,
  }
}
