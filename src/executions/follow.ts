// Follows an execution until it ends: new history events as they appear (newest page first, so a
// long history is never re-read) and the final status. `watch`, `recover --wait` and `run --wait`
// share it; every wait has a deadline so a runbook never hangs.
import {DescribeExecutionCommand, type DescribeExecutionOutput, type HistoryEvent, type SFNClient} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'
import {failedError} from '../errors.js'
import {eventsAfter} from './history-loader.js'

export interface FollowOptions {
  /** Longest wait between polls; polls start at 250 ms and double up to it (fast locally, gentle on AWS). */
  pollMs?: number
  /** Give up after this long (real time). */
  deadlineMs?: number
  signal?: AbortSignal
  /** Called with each batch of new events, oldest first. */
  onEvents?: (events: HistoryEvent[]) => void | Promise<void>
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'])

export async function followExecution(sfn: SFNClient, executionArn: string, options: FollowOptions = {}): Promise<DescribeExecutionOutput> {
  const maxPollMs = options.pollMs ?? 5000
  let pollMs = Math.min(250, maxPollMs)
  const deadline = Date.now() + (options.deadlineMs ?? 24 * 3600_000)
  let lastId = 0
  for (;;) {
    if (options.signal?.aborted) throw failedError('INTERRUPTED', 'stopped following the execution (it keeps running)', [`Follow it again with \`ae executions watch ${executionArn}\`.`])
    let described: DescribeExecutionOutput
    try {
      described = await sfn.send(new DescribeExecutionCommand({executionArn}))
    } catch (error) {
      throw mapAwsError(error, 'DescribeExecution')
    }
    const fresh = (await eventsAfter(sfn, executionArn, lastId)).events
    if (fresh.length > 0) {
      lastId = fresh.at(-1)!.id ?? lastId
      await options.onEvents?.(fresh)
    }
    if (TERMINAL.has(described.status ?? '')) return described
    if (Date.now() > deadline) throw failedError('WAIT_DEADLINE', `${executionArn} is still ${described.status} after the wait deadline`, [`Keep following it with \`ae executions watch ${executionArn}\`.`])
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())), options.signal)
    pollMs = Math.min(pollMs * 2, maxPollMs)
  }
}

/** How an execution ended, as `run --wait` and `shell-run now --wait` report it. */
export interface ExecutionEnd {
  executionArn: string
  status: string
  startDate?: string
  stopDate?: string
  output?: string
  error?: string
  cause?: string
}

export const executionEnd = (executionArn: string, d: DescribeExecutionOutput): ExecutionEnd => ({
  executionArn,
  status: d.status ?? 'UNKNOWN',
  ...(d.startDate ? {startDate: d.startDate.toISOString()} : {}),
  ...(d.stopDate ? {stopDate: d.stopDate.toISOString()} : {}),
  ...(d.output !== undefined ? {output: d.output} : {}),
  ...(d.error !== undefined ? {error: d.error} : {}),
  ...(d.cause !== undefined ? {cause: d.cause} : {}),
})

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), {once: true})
  })
