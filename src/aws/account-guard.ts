import {GetCallerIdentityCommand, type STSClient} from '@aws-sdk/client-sts'
import {refusedError} from '../errors.js'
import {mapAwsError} from './errors.js'

export interface CallerIdentity {
  account: string
  arn: string
}

export async function callerIdentity(sts: STSClient): Promise<CallerIdentity> {
  try {
    const r = await sts.send(new GetCallerIdentityCommand({}))
    return {account: r.Account ?? '', arn: r.Arn ?? ''}
  } catch (error) {
    throw mapAwsError(error, 'GetCallerIdentity')
  }
}

/**
 * Every command that changes anything runs this first: a recovery started in the wrong account
 * (a shared laptop with a prod profile exported) is the mistake that costs the most.
 */
export async function assertAccountAllowed(sts: STSClient, allowed: string[]): Promise<CallerIdentity> {
  const identity = await callerIdentity(sts)
  if (allowed.length > 0 && !allowed.includes(identity.account)) {
    throw refusedError('ACCOUNT_NOT_ALLOWED', `account ${identity.account} is not allowed by the config (allowed: ${allowed.join(', ')})`, [
      'Switch profile (--profile / AWS_PROFILE) to an allowed account, or add the account to "allowedAccountIds" in ae.config.json.',
    ])
  }
  return identity
}
