// Pages an execution's history with the fewest calls that answer the question, and asks for
// execution data (state inputs and outputs) only where it is read: the start input and the
// run-date state sit in the first 1000 events; errors and causes come without data anyway.
import {GetExecutionHistoryCommand, type HistoryEvent, type SFNClient} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'

export const PAGE = 1000

export type DataPolicy =
  /** First page with data, the rest in reverse without: same call count as a plain loop, far less data. */
  | 'first-page'
  /** No state inputs or outputs at all: outcomes of lineage ancestors need none. */
  | 'none'
  /** Everything, as `aws stepfunctions get-execution-history` prints it (exports). */
  | 'all'

export interface LoadedHistory {
  events: HistoryEvent[]
  calls: number
}

export async function loadHistory(sfn: SFNClient, executionArn: string, data: DataPolicy = 'first-page'): Promise<LoadedHistory> {
  let calls = 0
  const page = async (includeExecutionData: boolean, nextToken?: string) => {
    calls++
    try {
      return await sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: PAGE, includeExecutionData, nextToken}))
    } catch (error) {
      throw mapAwsError(error, `GetExecutionHistory ${executionArn}`)
    }
  }
  if (data !== 'first-page') {
    const events: HistoryEvent[] = []
    let token: string | undefined
    do {
      const r = await page(data === 'all', token)
      events.push(...(r.events ?? []))
      token = r.nextToken
    } while (token)
    return {events, calls}
  }
  const first = await page(true)
  const head = first.events ?? []
  if (!first.nextToken) return {events: head, calls}
  // The rest from the newest backwards until it meets the first page: a token may not change its
  // arguments, so the data-less remainder is its own sequence.
  const lastHeadId = head.reduce((m, e) => Math.max(m, e.id ?? 0), 0)
  const tail = await eventsAfter(sfn, executionArn, lastHeadId)
  return {events: [...head, ...tail.events], calls: calls + tail.calls}
}

/**
 * Events with an id above `afterId`, oldest first, read newest-first without execution data until
 * the pages reach `afterId`: a long history is never re-read (the tail of a load, each poll of a
 * follow).
 */
export async function eventsAfter(sfn: SFNClient, executionArn: string, afterId: number): Promise<LoadedHistory> {
  const out: HistoryEvent[] = []
  let calls = 0
  let token: string | undefined
  for (;;) {
    calls++
    let r
    try {
      r = await sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: PAGE, reverseOrder: true, includeExecutionData: false, nextToken: token}))
    } catch (error) {
      throw mapAwsError(error, `GetExecutionHistory ${executionArn}`)
    }
    let lowest = Infinity
    for (const e of r.events ?? []) {
      lowest = Math.min(lowest, e.id ?? 0)
      if ((e.id ?? 0) > afterId) out.push(e)
    }
    token = r.nextToken
    // Event ids run 1, 2, 3...: a page that reaches the event right after `afterId` closes the gap,
    // even when it ends exactly there (asking for the next page would only return older events).
    if (lowest <= afterId + 1 || !token) break
  }
  return {events: out.reverse(), calls}
}
