// One execution as ae reads it: DescribeExecution, the definition that run used (not today's),
// its history and its timeline. Recovery and `executions show` both start here.
import {DescribeExecutionCommand, DescribeStateMachineForExecutionCommand, type DescribeExecutionOutput, type HistoryEvent, type SFNClient} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'
import {notFoundError} from '../errors.js'
import type {JsonValue, StateMachineDefinition} from '../asl/types.js'
import {loadHistory, type DataPolicy} from './history-loader.js'
import {buildTimeline, type Timeline} from './timeline.js'

export interface ExecutionRecord {
  executionArn: string
  name: string
  stateMachineArn: string
  status: string
  startDate?: Date
  stopDate?: Date
  input: JsonValue
  redriveStatus?: string
  redriveStatusReason?: string
  redriveCount: number
  definition: StateMachineDefinition
  events: HistoryEvent[]
  timeline: Timeline
}

export interface Loaded<T> {
  value: T
  calls: number
}

export function parseJsonOr<T extends JsonValue>(text: string | undefined, fallback: T): JsonValue {
  if (text === undefined) return fallback
  try {
    return JSON.parse(text) as JsonValue
  } catch {
    return fallback
  }
}

export async function describeExecution(sfn: SFNClient, executionArn: string): Promise<DescribeExecutionOutput> {
  try {
    return await sfn.send(new DescribeExecutionCommand({executionArn}))
  } catch (error) {
    const mapped = mapAwsError(error, `DescribeExecution ${executionArn}`)
    if (mapped.exitCode !== 4) throw mapped
    throw notFoundError('EXECUTION_NOT_FOUND', `no execution ${executionArn} (or its state machine is not deployed)`, 'Check the ARN, or find the execution with `ae executions list`.')
  }
}

export async function loadExecutionRecord(sfn: SFNClient, executionArn: string, data: DataPolicy = 'first-page', described?: DescribeExecutionOutput): Promise<Loaded<ExecutionRecord>> {
  let calls = described ? 0 : 1
  const d = described ?? (await describeExecution(sfn, executionArn))
  calls++
  let definitionText: string
  try {
    const sm = await sfn.send(new DescribeStateMachineForExecutionCommand({executionArn}))
    definitionText = sm.definition ?? '{}'
  } catch (error) {
    throw mapAwsError(error, `DescribeStateMachineForExecution ${executionArn}`)
  }
  const history = await loadHistory(sfn, executionArn, data)
  calls += history.calls
  const definition = JSON.parse(definitionText) as StateMachineDefinition
  return {
    calls,
    value: {
      executionArn,
      name: d.name ?? '',
      stateMachineArn: d.stateMachineArn ?? '',
      status: d.status ?? 'UNKNOWN',
      startDate: d.startDate,
      stopDate: d.stopDate,
      input: parseJsonOr(d.input, {}),
      redriveStatus: d.redriveStatus,
      redriveStatusReason: d.redriveStatusReason,
      redriveCount: d.redriveCount ?? 0,
      definition,
      events: history.events,
      timeline: buildTimeline(definition, history.events),
    },
  }
}
