// GetExecutionHistory. Histories reach 25,000 events and the CLI pages through them a thousand at
// a time, so a page must cost what its events cost, not what the history costs: each event is
// serialized once, on the first page that needs it, and kept (with and without execution data);
// a page is a slice of those strings joined into the response body. Tokens carry an absolute
// event index, so paging forward through a running execution picks up events appended meanwhile.
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import {type Input, RawJson} from '../aws-json/index.js'
import {ARN, findExecution, members, PAGE_SIZE, PAGE_TOKEN, type SfnContext} from './context.js'
import {invalidToken} from './errors.js'
import {issueToken, listingKey, pageSize, readToken} from './pagination.js'
import type {ExecutionRecord} from './store.js'

export function getExecutionHistory(ctx: SfnContext, input: Input): RawJson {
  const m = members(input)
  const arn = m.string('executionArn', {required: true, ...ARN})
  const maxResults = m.integer('maxResults', PAGE_SIZE)
  const reverse = m.boolean('reverseOrder') ?? false
  const nextToken = m.string('nextToken', PAGE_TOKEN)
  const withData = m.boolean('includeExecutionData') ?? true
  m.check()
  const record = findExecution(ctx, arn!)
  const listing = listingKey('GetExecutionHistory', arn, reverse, withData)
  const total = record.events.length
  const size = pageSize(maxResults)
  const cursor = nextToken === undefined ? undefined : readToken(nextToken, listing)
  if (cursor !== undefined && cursor > total) throw invalidToken(nextToken!)

  let from: number
  let to: number
  let next: number | undefined
  if (!reverse) {
    from = cursor ?? 0
    to = Math.min(total, from + size)
    if (to < total) next = to
  } else {
    // Reverse pages walk down from the newest event; the cursor is the index the next page ends before.
    to = cursor ?? total
    from = Math.max(0, to - size)
    if (from > 0) next = from
  }
  const json = serialized(record, withData, from, to)
  if (reverse) json.reverse()
  const tail = next === undefined ? '' : `,"nextToken":${JSON.stringify(issueToken(listing, next))}`
  return new RawJson(`{"events":[${json.join(',')}]${tail}}`)
}

function serialized(record: ExecutionRecord, withData: boolean, from: number, to: number): string[] {
  record.eventJson ??= {full: [], lean: []}
  const cache = withData ? record.eventJson.full : record.eventJson.lean
  for (let i = from; i < to; i++) cache[i] ??= eventJson(record.events[i] as HistoryEvent, withData)
  return cache.slice(from, to)
}

// Without execution data an event keeps its errors and causes but no input or output.
const DATA_FIELDS = new Set(['input', 'output', 'inputDetails', 'outputDetails'])

function eventJson(event: HistoryEvent, withData: boolean): string {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(event)) {
    if (value === undefined) continue
    if (key === 'timestamp') out.timestamp = new Date(value as Date).getTime() / 1000
    else if (!withData && key.endsWith('EventDetails') && value !== null && typeof value === 'object') out[key] = withoutData(value as Record<string, unknown>)
    else out[key] = value
  }
  return JSON.stringify(out)
}

function withoutData(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(details)) if (!DATA_FIELDS.has(key)) out[key] = value
  return out
}
