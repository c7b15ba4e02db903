// RedriveExecution and the redrive status DescribeExecution reports, under the service's rules: an
// execution can be redriven when it FAILED, TIMED_OUT or was ABORTED, less than 14 days ago by the
// endpoint's clock, with fewer than 24,999 history events (room for ExecutionRedriven and one
// more), while its state machine still exists. The reasons are the service's own
// redriveStatusReason texts, and ExecutionNotRedrivable carries the same text. A client token
// makes a repeated request answer with the redrive it already started.
import type {Input} from '../aws-json/index.js'
import type {ExecutionRecord} from './store.js'
import {ARN, findExecution, members, type SfnContext} from './context.js'
import {executionNotRedrivable} from './errors.js'
import {refresh, trackRun} from './outcome.js'

const REDRIVABLE_PERIOD_MS = 14 * 24 * 60 * 60 * 1000
const MAX_EVENTS_BEFORE_REDRIVE = 24_999
/** The service answers idempotently for the last 10 client tokens of an execution. */
const REMEMBERED_TOKENS = 10

export interface RedriveState {
  status: 'REDRIVABLE' | 'NOT_REDRIVABLE'
  reason?: string
}

export function redriveState(ctx: SfnContext, record: ExecutionRecord): RedriveState {
  const reason = refusal(ctx, record)
  return reason === undefined ? {status: 'REDRIVABLE'} : {status: 'NOT_REDRIVABLE', reason}
}

function refusal(ctx: SfnContext, record: ExecutionRecord): string | undefined {
  const status = record.status
  if (status === 'RUNNING' || status === 'PENDING_REDRIVE') return 'Execution is RUNNING and cannot be redriven'
  if (status === 'SUCCEEDED') return 'Execution is SUCCEEDED and cannot be redriven'
  const machine = ctx.store.machine(record.stateMachineArn.slice(record.stateMachineArn.lastIndexOf(':') + 1))
  if (machine === undefined || machine.arn !== record.stateMachineArn) return 'State machine is in DELETING status'
  if (record.events.length >= MAX_EVENTS_BEFORE_REDRIVE) return 'Execution history event limit exceeded'
  const stopped = record.stopDate?.getTime() ?? record.startDate.getTime()
  if (ctx.clock.now().getTime() - stopped > REDRIVABLE_PERIOD_MS) return 'Execution redrivable period exceeded'
  // The engine resumes from what it kept in memory about the run; an execution restored from a
  // snapshot has only its history, which is not enough to resume from.
  if (record.live === undefined) return 'Execution was restored from a snapshot of the local endpoint and cannot be redriven'
  return undefined
}

export function redriveExecution(ctx: SfnContext, input: Input): {redriveDate: Date} {
  const m = members(input)
  const arn = m.string('executionArn', {required: true, ...ARN})
  const clientToken = m.string('clientToken', {min: 1, max: 64})
  m.check()
  const record = findExecution(ctx, arn!)
  const served = clientToken === undefined ? undefined : record.redriveTokens.find((t) => t.token === clientToken)
  if (served !== undefined) return {redriveDate: served.redriveDate}
  const reason = refusal(ctx, record)
  if (reason !== undefined) throw executionNotRedrivable(reason)
  const live = record.live!
  const redriveDate = ctx.clock.now()

  try {
    live.redrive()
  } catch (e) {
    // The engine applies the same rules; if it still refuses, its reason is the answer.
    throw executionNotRedrivable(e instanceof Error ? e.message : String(e))
  }
  record.redriveDate = redriveDate
  record.redriveCount = Math.max(record.redriveCount + 1, live.redriveCount)
  delete record.result
  delete record.stopDate
  delete record.output
  delete record.error
  delete record.cause
  trackRun(record, live)
  refresh(record)
  if (clientToken !== undefined) {
    record.redriveTokens.push({token: clientToken, redriveDate})
    if (record.redriveTokens.length > REMEMBERED_TOKENS) record.redriveTokens.shift()
  }
  return {redriveDate}
}
