// `ae executions show`: one execution read into what an operator needs during an incident.
import {DescribeExecutionCommand, ListExecutionsCommand, type DescribeExecutionOutput, type HistoryEvent, type SFNClient} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'
import type {NamedPipeline} from '../config/load.js'
import type {BranchOutcome} from './branches.js'
import {recoveryMarkerOf} from './lineage.js'
import type {StateError, WorkloadRun} from './outcomes.js'
import {loadExecutionRecord, parseJsonOr, type ExecutionRecord} from './record.js'
import {resolveRunDate} from './run-date.js'

export interface ExecutionView {
  executionArn: string
  name: string
  pipeline: string | null
  status: string
  runDate: string
  runDateSource: string
  runDateDetail: string
  startDate?: string
  stopDate?: string
  durationMs?: number
  redriveCount: number
  /** The original run and each recovery of it, oldest first. */
  lineage: Array<{executionArn: string; status: string; attempt: number}>
  failure: StateError | null
  workloads: Array<Omit<WorkloadRun, 'startedAt' | 'endedAt' | 'caught'> & {startedAt?: string; endedAt?: string; caught: StateError[]}>
  branches: BranchOutcome[]
  calls: number
  events?: HistoryEvent[]
}

export interface ViewOptions {
  events?: boolean
  recoveryTemplate?: string
  /** DescribeExecution's answer if the caller already has it (resolving a name asks for it). */
  described?: DescribeExecutionOutput
}

/**
 * SFN calls: DescribeExecution (unless `described` is given), DescribeStateMachineForExecution,
 * ceil(events / 1000) history pages, then the lineage: DescribeExecution per ancestor, one
 * ListExecutions for recoveries of the run date, DescribeExecution per recovery found.
 */
export async function viewExecution(sfn: SFNClient, executionArn: string, pipeline: NamedPipeline | undefined, options: ViewOptions): Promise<{view: ExecutionView; record: ExecutionRecord}> {
  const loaded = await loadExecutionRecord(sfn, executionArn, options.events ? 'all' : 'first-page', options.described)
  const r = loaded.value
  const t = r.timeline
  const runDate = resolveRunDate(t.log, JSON.stringify(r.input), r.startDate, pipeline?.runDate)
  const lineage = await lineageOf(sfn, r, runDate.runDate, options.recoveryTemplate)
  const view: ExecutionView = {
    executionArn,
    name: r.name,
    pipeline: pipeline?.name ?? null,
    status: r.status,
    runDate: runDate.runDate,
    runDateSource: runDate.source,
    runDateDetail: runDate.detail,
    startDate: r.startDate?.toISOString(),
    stopDate: r.stopDate?.toISOString(),
    ...(r.startDate && r.stopDate ? {durationMs: r.stopDate.getTime() - r.startDate.getTime()} : {}),
    redriveCount: r.redriveCount,
    lineage: lineage.items,
    failure: t.failure ?? null,
    workloads: t.workloads.map((w) => ({...w, startedAt: w.startedAt?.toISOString(), endedAt: w.endedAt?.toISOString()})),
    branches: t.branches,
    calls: loaded.calls + lineage.calls,
    ...(options.events ? {events: r.events} : {}),
  }
  return {view, record: r}
}

/**
 * Ancestors through the `ae_recovery` marker (DescribeExecution each); descendants among the
 * newest 100 executions of the state machine whose names follow the recovery template for this
 * run date (a recovery pins the run date, so the whole lineage shares it), each confirmed by the
 * marker in its input.
 */
async function lineageOf(sfn: SFNClient, r: ExecutionRecord, runDate: string, template = 'recover-{run_date}-{attempt}'): Promise<{items: ExecutionView['lineage']; calls: number}> {
  let calls = 0
  const send = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    calls++
    try {
      return await call()
    } catch (error) {
      throw mapAwsError(error, what)
    }
  }
  const items: ExecutionView['lineage'] = [{executionArn: r.executionArn, status: r.status, attempt: recoveryMarkerOf(r.input)?.attempt ?? 0}]
  let marker = recoveryMarkerOf(r.input)
  while (marker && items.length < 20) {
    const of = marker.of
    const d = await send(`DescribeExecution ${of}`, () => sfn.send(new DescribeExecutionCommand({executionArn: of})))
    const input = parseJsonOr(d.input, {})
    items.unshift({executionArn: of, status: d.status ?? 'UNKNOWN', attempt: recoveryMarkerOf(input)?.attempt ?? 0})
    marker = recoveryMarkerOf(input)
  }
  const root = items[0]!.executionArn
  const prefix = template.replaceAll('{run_date}', runDate).split('{')[0] ?? ''
  if (!prefix) return {items, calls}
  const listed = await send('ListExecutions', () => sfn.send(new ListExecutionsCommand({stateMachineArn: r.stateMachineArn, maxResults: 100})))
  const known = new Set(items.map((i) => i.executionArn))
  for (const e of (listed.executions ?? []).filter((e) => e.name?.startsWith(prefix) && !known.has(e.executionArn!)).reverse()) {
    const d = await send(`DescribeExecution ${e.executionArn}`, () => sfn.send(new DescribeExecutionCommand({executionArn: e.executionArn})))
    const m = recoveryMarkerOf(parseJsonOr(d.input, {}))
    if (m?.root === root) items.push({executionArn: e.executionArn!, status: d.status ?? 'UNKNOWN', attempt: m.attempt})
  }
  items.sort((a, b) => a.attempt - b.attempt)
  return {items, calls}
}
