// EXECUTION, wherever a command takes one: a full ARN, an execution name (looked up in --pipeline
// or in every configured pipeline), `latest`, or `latest-failed`.
import {DescribeExecutionCommand, ListExecutionsCommand, type ExecutionListItem, type ExecutionStatus, type SFNClient} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'
import type {NamedPipeline} from '../config/load.js'
import {AeError, notFoundError, usageError} from '../errors.js'

export interface ResolvedExecution {
  executionArn: string
  pipeline: NamedPipeline | undefined
}

const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[A-Za-z0-9_-]{1,80}:[A-Za-z0-9_-]{1,80}$/
const NAME = /^[A-Za-z0-9_-]{1,80}$/
const FAILED: ExecutionStatus[] = ['FAILED', 'TIMED_OUT', 'ABORTED']

export const stateMachineNameOfExecution = (executionArn: string) => executionArn.split(':')[6] ?? ''

export interface ResolveContext {
  sfn: SFNClient
  pipelines: NamedPipeline[]
  /** Builds a state machine ARN for a pipeline (region and account from the session). */
  stateMachineArn(pipeline: NamedPipeline): string
}

export async function resolveExecution(ref: string, ctx: ResolveContext): Promise<ResolvedExecution> {
  const owner = (arn: string) => ctx.pipelines.find((p) => p.stateMachineName === stateMachineNameOfExecution(arn))
  if (ref.startsWith('arn:')) {
    if (!EXECUTION_ARN.test(ref)) throw usageError('MALFORMED_ARN', `${ref} is not a Step Functions execution ARN`, 'An execution ARN looks like arn:aws:states:REGION:ACCOUNT:execution:STATE_MACHINE:NAME; or pass the execution name.')
    return {executionArn: ref, pipeline: owner(ref)}
  }
  if (ref === 'latest' || ref === 'latest-failed') {
    const found = await newest(ctx, ref === 'latest-failed' ? FAILED : undefined)
    if (!found) throw notFoundError('NO_EXECUTIONS', `no ${ref === 'latest' ? '' : 'failed '}execution of ${ctx.pipelines.map((p) => p.name).join(', ')}`, 'List them with `ae executions list`.')
    return {executionArn: found.item.executionArn!, pipeline: found.pipeline}
  }
  if (!NAME.test(ref)) throw usageError('BAD_EXECUTION', `${ref} is neither an execution ARN, an execution name, "latest" nor "latest-failed"`, 'Pass an ARN or a name from `ae executions list`.')
  const hits: ResolvedExecution[] = []
  for (const pipeline of ctx.pipelines) {
    const arn = ctx.stateMachineArn(pipeline).replace(':stateMachine:', ':execution:') + ':' + ref
    try {
      await ctx.sfn.send(new DescribeExecutionCommand({executionArn: arn}))
      hits.push({executionArn: arn, pipeline})
    } catch (error) {
      const mapped = mapAwsError(error, 'DescribeExecution')
      if (mapped.exitCode !== 4) throw mapped
    }
  }
  if (hits.length === 1) return hits[0]!
  if (hits.length === 0) throw notFoundError('EXECUTION_NOT_FOUND', `no execution named ${ref} in ${ctx.pipelines.map((p) => p.name).join(', ')}`, 'Check the name with `ae executions list`, or pass the full ARN.')
  throw new AeError('AMBIGUOUS_EXECUTION', `execution name ${ref} exists in several pipelines: ${hits.map((h) => h.executionArn).join(', ')}`, 2, ['Pass --pipeline or the full ARN.'])
}

/** The newest execution across the pipelines, optionally among some statuses (one call per pipeline and status). */
async function newest(ctx: ResolveContext, statuses?: ExecutionStatus[]): Promise<{item: ExecutionListItem; pipeline: NamedPipeline} | undefined> {
  let best: {item: ExecutionListItem; pipeline: NamedPipeline} | undefined
  for (const pipeline of ctx.pipelines) {
    for (const statusFilter of statuses ?? [undefined]) {
      let items: ExecutionListItem[] = []
      try {
        const r = await ctx.sfn.send(new ListExecutionsCommand({stateMachineArn: ctx.stateMachineArn(pipeline), maxResults: 1, ...(statusFilter ? {statusFilter} : {})}))
        items = r.executions ?? []
      } catch (error) {
        const mapped = mapAwsError(error, 'ListExecutions')
        if (mapped.exitCode === 4) continue // the pipeline is not deployed
        throw mapped
      }
      const item = items[0]
      if (item && (!best || (item.startDate?.getTime() ?? 0) > (best.item.startDate?.getTime() ?? 0))) best = {item, pipeline}
    }
  }
  return best
}
