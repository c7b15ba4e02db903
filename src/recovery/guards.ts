// The guards a recovery passes before it starts; each refusal is exit 3 with the reason and a next step.
import {DescribeExecutionCommand, ListExecutionsCommand, type SFNClient} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'
import {refusedError} from '../errors.js'
import {recoveryMarkerOf} from '../executions/lineage.js'
import {parseJsonOr} from '../executions/record.js'
import type {RecoveryPlan} from './plan.js'

/** Source status: a running source is watched, not recovered; a clean success has nothing to recover. */
export function assertRecoverableSource(status: string, executionArn: string, degraded: string[]): string[] {
  if (status === 'RUNNING' || status === 'PENDING_REDRIVE') {
    throw refusedError('SOURCE_RUNNING', `${executionArn} is still ${status}`, [`Follow it with \`ae executions watch ${executionArn}\`, and recover once it has ended.`])
  }
  if (status === 'SUCCEEDED' && degraded.length === 0) {
    throw refusedError('NOTHING_TO_RECOVER', `${executionArn} SUCCEEDED: nothing to recover`, ['Inspect it with `ae executions show`.'])
  }
  return status === 'SUCCEEDED' ? [`the source SUCCEEDED, but ${degraded.join(', ')} degraded (a Catch absorbed a failure); the recovery re-runs them`] : []
}

/** Refuses the plan's blockers (poisoned evidence, an unverified plan). */
export function assertNotBlocked(plan: RecoveryPlan): void {
  const first = plan.blocked[0]
  if (!first) return
  const next = first.command ? [`Delete the stub keys, then rerun: ${first.command}`] : ['Fix what the message names, then plan again with --dry-run.']
  throw refusedError(first.code, first.message, next, {plan})
}

/**
 * No execution of the pipeline may be RUNNING for the same run date: two runs would write the same
 * keys. When that execution is itself a recovery of the same source, another operator won the race
 * to recover it, and the refusal names that execution as the one to follow.
 */
export async function assertNoRunningForRunDate(sfn: SFNClient, stateMachineArn: string, runDate: string, runDateField: string, sourceArn: string): Promise<void> {
  let token: string | undefined
  do {
    let page
    try {
      page = await sfn.send(new ListExecutionsCommand({stateMachineArn, statusFilter: 'RUNNING', maxResults: 100, nextToken: token}))
    } catch (error) {
      throw mapAwsError(error, 'ListExecutions')
    }
    for (const item of page.executions ?? []) {
      const d = await sfn.send(new DescribeExecutionCommand({executionArn: item.executionArn}))
      const input = parseJsonOr(d.input, {})
      const date = input && typeof input === 'object' && !Array.isArray(input) ? input[runDateField] : undefined
      const started = d.startDate?.toISOString().slice(0, 10)
      if (date === runDate || (date === undefined && started === runDate)) {
        if (recoveryMarkerOf(input)?.of === sourceArn) {
          throw refusedError('RECOVERY_EXISTS', `another recovery of this run already started: ${item.executionArn} (${d.status}, started ${d.startDate?.toISOString()})`, [`Follow it with \`ae executions watch ${item.executionArn}\`.`], {winner: item.executionArn})
        }
        throw refusedError('RUNNING_FOR_RUN_DATE', `${item.executionArn} is RUNNING for run date ${runDate}`, [`Wait for it (\`ae executions watch ${item.name}\`) or stop it before recovering.`])
      }
    }
    token = page.nextToken
  } while (token)
}
