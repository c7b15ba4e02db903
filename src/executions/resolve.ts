// EXECUTION, wherever a command takes one: a full ARN, an execution name (looked up in --pipeline
// or in every configured pipeline), `latest`, or `latest-failed`.
import {DescribeExecutionCommand, ListExecutionsCommand, type DescribeExecutionOutput, type ExecutionListItem, type ExecutionStatus, type SFNClient} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'
import type {NamedPipeline} from '../config/load.js'
import {AeError, notFoundError, usageError} from '../errors.js'

export interface ResolvedExecution {
  executionArn: string
  pipeline: NamedPipeline | undefined
  /** DescribeExecution's answer when resolving already asked for it (a name): callers need not ask again. */
  described?: DescribeExecutionOutput
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
    const pipeline = owner(ref)
    // Bad input, not "not found": the execution may well exist, but ae reads it with the definition,
    // workloads and run-date rule of a configured pipeline, and none is configured for it.
    if (!pipeline) {
      throw usageError(
        'NOT_A_PIPELINE_EXECUTION',
        `${ref} is an execution of state machine ${stateMachineNameOfExecution(ref)}, which is not ${ctx.pipelines.length === 1 ? `the state machine of pipeline ${ctx.pipelines[0]!.name}` : 'the state machine of any configured pipeline'} (${ctx.pipelines.map((p) => p.stateMachineName).join(', ')})`,
        'Pass an execution of a configured pipeline (`ae executions list`), or add its state machine to ae.config.json (`ae pipelines list` shows the configured ones).',
      )
    }
    return {executionArn: ref, pipeline}
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
      const described = await ctx.sfn.send(new DescribeExecutionCommand({executionArn: arn}))
      hits.push({executionArn: arn, pipeline, described})
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
