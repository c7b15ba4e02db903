// How an execution stands right now. While the engine runs it, the engine's handle is the truth
// (status, redrive count) and the history holds how each run ended: the terminal event's time is
// the stopDate, its details the output or the error and cause, exactly what DescribeExecution
// reports. Reading the event rather than waiting for `done` means a describe that races the end of
// a run never sees a terminal status without its stopDate.
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import type {Execution, ExecutionResult, ExecutionStatus} from '../engine/api.js'
import type {ExecutionRecord} from './store.js'

export const TERMINAL: ReadonlySet<ExecutionStatus> = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'])

const TERMINAL_EVENTS: ReadonlySet<string> = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut'])

/** Brings a record up to date with the engine's handle; a no-op for an execution restored from a snapshot. */
export function refresh(record: ExecutionRecord): void {
  const live = record.live
  if (live === undefined) return
  record.status = live.status
  record.redriveCount = Math.max(record.redriveCount, live.redriveCount)
  if (!TERMINAL.has(record.status)) {
    delete record.stopDate
    delete record.output
    delete record.error
    delete record.cause
    return
  }
  if (record.stopDate !== undefined) return
  const last = lastTerminalEvent(record.events)
  if (last !== undefined) {
    applyTerminalEvent(record, last)
    return
  }
  if (record.result !== undefined) applyResult(record, record.result)
}

function lastTerminalEvent(events: readonly HistoryEvent[]): HistoryEvent | undefined {
  // The terminal event is the last one, or close to it: never scan a long history.
  for (let i = events.length - 1; i >= Math.max(0, events.length - 5); i--) {
    const event = events[i]
    if (event !== undefined && TERMINAL_EVENTS.has(String(event.type))) return event
  }
  return undefined
}

function applyTerminalEvent(record: ExecutionRecord, event: HistoryEvent): void {
  if (event.timestamp !== undefined) record.stopDate = new Date(event.timestamp)
  const details =
    event.executionSucceededEventDetails ?? event.executionFailedEventDetails ?? event.executionAbortedEventDetails ?? event.executionTimedOutEventDetails
  if (details === undefined) return
  if ('output' in details && details.output !== undefined) record.output = details.output
  if ('error' in details && details.error !== undefined) record.error = details.error
  if ('cause' in details && details.cause !== undefined) record.cause = details.cause
}

function applyResult(record: ExecutionRecord, result: ExecutionResult): void {
  record.stopDate = result.stopDate
  if (result.output !== undefined) record.output = JSON.stringify(result.output)
  if (result.error !== undefined) record.error = result.error
  if (result.cause !== undefined) record.cause = result.cause
}

/** Keeps the result of the engine's current run on the record, unless a redrive has replaced the run. */
export function trackRun(record: ExecutionRecord, live: Execution): void {
  const done = live.done
  done.then(
    (result) => {
      if (record.live === live && live.done === done) record.result = result
    },
    () => undefined,
  )
}
