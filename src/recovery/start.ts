// Starts the recovery. The name is deterministic and the input carries a per-request id, so of two
// operators racing, one StartExecution wins and the other gets ExecutionAlreadyExists and is told
// which execution won.
import {DescribeExecutionCommand, RedriveExecutionCommand, StartExecutionCommand, type SFNClient} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'
import {refusedError} from '../errors.js'
import type {RecoveryPlan} from './plan.js'

export async function startPlannedRecovery(sfn: SFNClient, plan: RecoveryPlan, stateMachineArn: string): Promise<{executionArn: string; kind: 'start' | 'redrive'}> {
  if (plan.strategy === 'redrive') {
    try {
      await sfn.send(new RedriveExecutionCommand({executionArn: plan.source.executionArn, clientToken: String((plan.input.ae_recovery as {requestId?: string}).requestId ?? '').slice(0, 64) || undefined}))
      return {executionArn: plan.source.executionArn, kind: 'redrive'}
    } catch (error) {
      throw mapAwsError(error, 'RedriveExecution')
    }
  }
  try {
    const r = await sfn.send(new StartExecutionCommand({stateMachineArn, name: plan.executionName, input: JSON.stringify(plan.input)}))
    return {executionArn: r.executionArn!, kind: 'start'}
  } catch (error) {
    if ((error as {name?: string}).name !== 'ExecutionAlreadyExists') throw mapAwsError(error, 'StartExecution')
    const winner = stateMachineArn.replace(':stateMachine:', ':execution:') + ':' + plan.executionName
    let detail = ''
    try {
      const d = await sfn.send(new DescribeExecutionCommand({executionArn: winner}))
      detail = ` (${d.status}, started ${d.startDate?.toISOString()})`
    } catch {
      // The name is taken whatever its details are.
    }
    throw refusedError('RECOVERY_EXISTS', `a recovery named ${plan.executionName} already exists: ${winner}${detail}`, [
      `Follow it with \`ae executions watch ${winner}\`; if it failed, recover from it: \`ae recover --from ${winner}\`.`,
    ], {winner})
  }
}
