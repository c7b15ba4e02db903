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
  const page = async (reverseOrder: boolean, includeExecutionData: boolean, nextToken?: string) => {
    calls++
    try {
      return await sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: PAGE, reverseOrder, includeExecutionData, nextToken}))
    } catch (error) {
      throw mapAwsError(error, `GetExecutionHistory ${executionArn}`)
    }
  }
  if (data !== 'first-page') {
    const events: HistoryEvent[] = []
    let token: string | undefined
    do {
      const r = await page(false, data === 'all', token)
      events.push(...(r.events ?? []))
      token = r.nextToken
    } while (token)
    return {events, calls}
  }
  const first = await page(false, true)
  const head = first.events ?? []
  if (!first.nextToken) return {events: head, calls}
  // The rest from the newest backwards until it meets the first page: a token may not change its
  // arguments, so the data-less remainder is its own sequence.
  const lastHeadId = head.reduce((m, e) => Math.max(m, e.id ?? 0), 0)
  const tail: HistoryEvent[] = []
  let token: string | undefined
  for (;;) {
    const r = await page(true, false, token)
    let lowest = Infinity
    for (const e of r.events ?? []) {
      lowest = Math.min(lowest, e.id ?? 0)
      if ((e.id ?? 0) > lastHeadId) tail.push(e)
    }
    token = r.nextToken
    // Event ids run 1, 2, 3...: a page that reaches the event right after the head closes the gap,
    // even when it ends exactly there (asking for the next page would only return the head again).
    if (lowest <= lastHeadId + 1 || !token) break
  }
  tail.reverse()
  return {events: [...head, ...tail], calls}
}
