// Where a command acts: the region the clients resolved and the account STS answers for, from
// which every state machine ARN is built. A command that changes anything resolves it through
// the account guard, so the guard runs before the first change.
import type {AwsClients} from './clients.js'
import {assertAccountAllowed, callerIdentity} from './account-guard.js'
import {usageError} from '../errors.js'

export interface AwsTarget {
  region: string
  account: string
  /** The STS caller ARN: who placed a hold, who holds the lock. */
  callerArn: string
}

type TargetClients = Pick<AwsClients, 'sfn' | 'sts'>

async function regionOf(clients: TargetClients): Promise<string> {
  try {
    const region = await clients.sfn.config.region()
    if (region) return region
  } catch {
    // fall through to the usage error
  }
  throw usageError('NO_REGION', 'no AWS region is set', 'Pass --region, set AWS_REGION, or set a region in your AWS profile.')
}

/** Read-only commands: who and where, without the guard. */
export async function resolveTarget(clients: TargetClients): Promise<AwsTarget> {
  const [region, identity] = await Promise.all([regionOf(clients), callerIdentity(clients.sts)])
  return {region, account: identity.account, callerArn: identity.arn}
}

/** Commands that change anything: the account guard first, exit 3 in a disallowed account. */
export async function resolveGuardedTarget(clients: TargetClients, allowedAccountIds: string[]): Promise<AwsTarget> {
  const identity = await assertAccountAllowed(clients.sts, allowedAccountIds)
  return {region: await regionOf(clients), account: identity.account, callerArn: identity.arn}
}

export const stateMachineArn = (target: Pick<AwsTarget, 'region' | 'account'>, name: string): string => `arn:aws:states:${target.region}:${target.account}:stateMachine:${name}`
