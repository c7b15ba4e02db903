// Loads what a plan needs, live (the execution, its lineage, the live definition, the evidence) or
// offline from an exported history file plus the definition it ran.
import {DescribeStateMachineCommand, type SFNClient} from '@aws-sdk/client-sfn'
import {existsSync, readFileSync} from 'node:fs'
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'
import type {StateMachineDefinition} from '../asl/types.js'
import {loadDefinition} from '../asl/load.js'
import type {NamedPipeline} from '../config/load.js'
import {usageError} from '../errors.js'
import {loadLineage} from '../executions/lineage.js'
import {loadExecutionRecord, parseJsonOr} from '../executions/record.js'
import {resolveRunDate, type RunDate} from '../executions/run-date.js'
import {buildTimeline} from '../executions/timeline.js'
import {parseJsonText} from '../util/json-parse.js'
import type {PlanExecution} from './plan.js'

export interface LoadedSource {
  lineage: PlanExecution[]
  liveDefinition?: StateMachineDefinition
  runDate: RunDate
  calls: number
}

export const looksLikeFile = (from: string) => !from.startsWith('arn:') && (from.includes('/') || from.endsWith('.json')) && existsSync(from)

export async function loadLiveSource(sfn: SFNClient, executionArn: string, pipeline: NamedPipeline): Promise<LoadedSource> {
  const record = await loadExecutionRecord(sfn, executionArn, 'first-page')
  const lineage = await loadLineage(sfn, record.value)
  let liveDefinition: StateMachineDefinition | undefined
  let calls = record.calls + lineage.calls
  try {
    calls++
    const sm = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: record.value.stateMachineArn}))
    liveDefinition = JSON.parse(sm.definition ?? '{}') as StateMachineDefinition
  } catch (error) {
    const mapped = mapAwsError(error, 'DescribeStateMachine')
    if (mapped.exitCode !== 4) throw mapped
  }
  const src = record.value
  return {
    lineage: lineage.records.map((r) => ({executionArn: r.executionArn, status: r.status, input: r.input, definition: r.definition, timeline: r.timeline, redriveStatus: r.redriveStatus, redriveStatusReason: r.redriveStatusReason})),
    liveDefinition,
    runDate: resolveRunDate(src.timeline.log, JSON.stringify(src.input), src.startDate, pipeline.runDate),
    calls,
  }
}

/** `--from FILE --definition FILE`: an exported `{"events": [...]}` and the definition it ran; no AWS at all. */
export function loadFileSource(historyFile: string, definitionFile: string | undefined, pipeline: NamedPipeline): LoadedSource {
  if (!definitionFile) throw usageError('DEFINITION_REQUIRED', 'planning from a history file needs the definition it ran', 'Add --definition FILE (e.g. the output of `aws stepfunctions describe-state-machine-for-execution`, or asl/<pipeline>.asl.json).')
  const doc = parseJsonText(readFileSync(historyFile, 'utf8'), historyFile) as {events?: unknown}
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.events)) throw usageError('NOT_A_HISTORY', `${historyFile} is not an exported execution history (expected {"events": [...]})`, 'Export it with `aws stepfunctions get-execution-history --execution-arn ARN > history.json`.')
  const events = (doc.events as HistoryEvent[]).map((e) => ({...e, timestamp: new Date(e.timestamp as unknown as string | number)}))
  const definition = loadDefinitionLike(definitionFile, pipeline)
  const timeline = buildTimeline(definition, events)
  const started = events.find((e) => e.type === 'ExecutionStarted')
  const input = parseJsonOr(started?.executionStartedEventDetails?.input, {})
  const arn = `file:${historyFile}`
  return {
    lineage: [{executionArn: arn, status: timeline.status, input, definition, timeline, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'planned from a file'}],
    liveDefinition: definition,
    runDate: resolveRunDate(timeline.log, started?.executionStartedEventDetails?.input, timeline.startedAt, pipeline.runDate),
    calls: 0,
  }
}

/** A definition file: raw ASL (rendered with the pipeline's substitutions) or describe-state-machine JSON. */
function loadDefinitionLike(file: string, pipeline: NamedPipeline): StateMachineDefinition {
  const doc = parseJsonText(readFileSync(file, 'utf8'), file) as {definition?: unknown}
  if (doc && typeof doc === 'object' && typeof doc.definition === 'string') return parseJsonText(doc.definition, `${file} (definition)`) as StateMachineDefinition
  return loadDefinition(file, pipeline.substitutions).definition
}
