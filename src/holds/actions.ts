// What the `ae hold` commands do, each one call: the account guard before a change, then the hold
// object operation. The caller ARN from STS is who placed or released the hold.
import type {AwsClients} from '../aws/clients.js'
import {getPipeline} from '../config/load.js'
import type {HoldsConfig, LoadedConfig} from '../config/types.js'
import {usageError} from '../errors.js'
import {resolveGuardedTarget} from '../aws/target.js'
import {listHolds, parseDuration, placeHold, releaseHold, type ListedHold, type ManualHold} from './manual-holds.js'

type HoldClients = Pick<AwsClients, 's3' | 'sts' | 'sfn'>

export function requireHolds(loaded: LoadedConfig): HoldsConfig {
  const holds = loaded.config.holds
  if (!holds) throw usageError('NO_HOLDS_CONFIG', `${loaded.path} has no "holds" section, so there is nowhere to keep holds`, 'Add "holds": {"bucket": "<bucket>"} to ae.config.json.')
  return holds
}

export async function placeHoldAs(clients: HoldClients, loaded: LoadedConfig, input: {reason: string; pipelines: string[]; expires?: string; now?: Date}): Promise<ManualHold> {
  const holds = requireHolds(loaded)
  for (const p of input.pipelines) getPipeline(loaded, p)
  const expiresInMs = input.expires === undefined ? undefined : parseDuration(input.expires)
  const target = await resolveGuardedTarget(clients, loaded.config.allowedAccountIds)
  return placeHold(clients.s3, holds, {reason: input.reason, pipelines: input.pipelines, placedBy: target.callerArn, now: input.now ?? new Date(), ...(expiresInMs === undefined ? {} : {expiresInMs})})
}

export async function releaseHoldAs(clients: HoldClients, loaded: LoadedConfig, id: string, input: {reason?: string; now?: Date}): Promise<ManualHold> {
  const holds = requireHolds(loaded)
  const target = await resolveGuardedTarget(clients, loaded.config.allowedAccountIds)
  return releaseHold(clients.s3, holds, id, {by: target.callerArn, now: input.now ?? new Date(), ...(input.reason === undefined ? {} : {reason: input.reason})})
}

export async function listHoldsIn(clients: Pick<AwsClients, 's3'>, loaded: LoadedConfig, options: {all: boolean; now?: Date}): Promise<ListedHold[]> {
  return listHolds(clients.s3, requireHolds(loaded), {all: options.all, now: options.now ?? new Date()})
}
