// `ae run` and `ae shell-run now`: start an execution of a pipeline's live state machine, after the
// account guard, with the input checked against the live definition's gates (the definition that
// will run, which may differ from the one in this checkout).
import {type ExecutionListItem, paginateListExecutions, StartExecutionCommand} from '@aws-sdk/client-sfn'
import type {AwsClients} from '../aws/clients.js'
import {mapAwsError} from '../aws/errors.js'
import type {JsonObject, StateMachineDefinition} from '../asl/types.js'
import {deriveWorkloads} from '../asl/workloads.js'
import {getPipeline} from '../config/load.js'
import type {LoadedConfig} from '../config/types.js'
import {failedError, notFoundError, usageError} from '../errors.js'
import {describeLive} from '../deploy/plan.js'
import {resolveGuardedTarget, stateMachineArn, type AwsTarget} from '../aws/target.js'
import {checkSkipKeys, parseRunInput} from './input.js'
import {executionEnd, followExecution, type ExecutionEnd} from '../executions/follow.js'

type RunClients = Pick<AwsClients, 'sfn' | 'sts' | 'endpoint'>

export interface StartedRun {
  pipeline: string
  stateMachineArn: string
  executionArn: string
  name: string
  startDate: string
  input: JsonObject
  scenario?: string
  /** With --wait: how it ended. */
  end?: ExecutionEnd
}

/** Mock scenarios exist only on the local endpoint; against AWS the `#name` suffix is an invalid ARN. */
export function isLocalEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname)
  } catch {
    return false
  }
}

export const shellRunName = (date: Date, n: number) => `shell-${date.toISOString().slice(0, 10)}-${n}`

/** The next free `shell-{date}-{n}` among the state machine's executions. */
export async function nextShellRunNumber(clients: Pick<AwsClients, 'sfn'>, arn: string, date: Date): Promise<number> {
  const prefix = shellRunName(date, 0).slice(0, -1)
  let max = 0
  const items: ExecutionListItem[] = []
  try {
    for await (const page of paginateListExecutions({client: clients.sfn}, {stateMachineArn: arn, maxResults: 1000})) items.push(...(page.executions ?? []))
  } catch (error) {
    throw mapAwsError(error, `ListExecutions ${arn}`)
  }
  for (const e of items) {
    const n = e.name?.startsWith(prefix) ? Number(e.name.slice(prefix.length)) : Number.NaN
    if (Number.isInteger(n) && n > max) max = n
  }
  return max + 1
}

export async function liveDefinitionOf(clients: Pick<AwsClients, 'sfn'>, target: AwsTarget, stateMachineName: string, pipeline: string): Promise<{arn: string; definition: StateMachineDefinition}> {
  const arn = stateMachineArn(target, stateMachineName)
  const live = await describeLive(clients.sfn, arn)
  if (!live) throw notFoundError('STATE_MACHINE_NOT_FOUND', `${stateMachineName} is not deployed in account ${target.account} (${target.region})`, `Deploy it first: \`ae deploy ${pipeline}\`.`)
  return {arn, definition: live.definition}
}

export interface StartRequest {
  pipeline: string
  /** `--input`: JSON text or `@file`. */
  input?: string
  inputValue?: JsonObject
  /** A fixed name, or a function of the attempt (1, 2, ...) for generated names that may collide. */
  name?: string | ((attempt: number) => Promise<string> | string)
  scenario?: string
  waitTimeoutMs?: number
}

export async function startRun(clients: RunClients, loaded: LoadedConfig, request: StartRequest): Promise<StartedRun> {
  const pipeline = getPipeline(loaded, request.pipeline)
  const input = request.inputValue ?? parseRunInput(request.input)
  if (request.scenario !== undefined && !isLocalEndpoint(clients.endpoint)) {
    throw usageError('SCENARIO_NEEDS_LOCAL', '--scenario selects a mock scenario, which only the local endpoint has', 'Point ae at the local endpoint (--endpoint http://127.0.0.1:<port> or AWS_ENDPOINT_URL), or drop --scenario.')
  }
  const target = await resolveGuardedTarget(clients, loaded.config.allowedAccountIds)
  const live = await liveDefinitionOf(clients, target, pipeline.stateMachineName, pipeline.name)
  checkSkipKeys(input, [...new Set(deriveWorkloads(live.definition).map((w) => w.flag))], pipeline.name)
  const arn = request.scenario === undefined ? live.arn : `${live.arn}#${request.scenario}`
  for (let attempt = 1; attempt <= 5; attempt++) {
    const name = typeof request.name === 'function' ? await request.name(attempt) : request.name
    try {
      const r = await clients.sfn.send(new StartExecutionCommand({stateMachineArn: arn, input: JSON.stringify(input), ...(name ? {name} : {})}))
      const executionArn = r.executionArn ?? ''
      const started: StartedRun = {
        pipeline: pipeline.name,
        stateMachineArn: live.arn,
        executionArn,
        name: executionArn.split(':').pop() ?? name ?? '',
        startDate: (r.startDate ?? new Date()).toISOString(),
        input,
        ...(request.scenario === undefined ? {} : {scenario: request.scenario}),
      }
      return request.waitTimeoutMs === undefined ? started : {...started, end: executionEnd(executionArn, await followExecution(clients.sfn, executionArn, {deadlineMs: request.waitTimeoutMs}))}
    } catch (error) {
      const exists = (error as {name?: string}).name === 'ExecutionAlreadyExists'
      if (exists && typeof request.name === 'function') continue
      if (exists) throw usageError('EXECUTION_EXISTS', `an execution named ${name} already exists for ${pipeline.stateMachineName}`, 'Pick another --name (names are unique per state machine for 90 days).')
      throw mapAwsError(error, `StartExecution ${pipeline.stateMachineName}`)
    }
  }
  throw failedError('NAME_COLLISION', `could not find a free execution name for ${pipeline.stateMachineName}`, ['Retry, or pass --name.'])
}
