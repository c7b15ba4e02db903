// ListExecutions: the executions of a state machine (or of one of its versions), newest first as
// the service lists them, filtered by status and by whether they were redriven. The page token
// remembers where the previous page ended by start order, so executions started between two
// pages do not shift the pages that follow.
import {type Input, validationError} from '../aws-json/index.js'
import {ARN, findMachine, members, PAGE_SIZE, type SfnContext} from './context.js'
import {resourceNotFound} from './errors.js'
import {refresh} from './outcome.js'
import {issueToken, listingKey, pageSize, readToken} from './pagination.js'
import type {ExecutionRecord} from './store.js'

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const

export function listExecutions(ctx: SfnContext, input: Input) {
  const m = members(input)
  const arn = m.string('stateMachineArn', ARN)
  const statusFilter = m.string('statusFilter', {enum: STATUSES})
  const maxResults = m.integer('maxResults', PAGE_SIZE)
  const nextToken = m.string('nextToken', {min: 1, max: 3096})
  const mapRunArn = m.string('mapRunArn', {min: 1, max: 2000})
  const redriveFilter = m.string('redriveFilter', {enum: ['REDRIVEN', 'NOT_REDRIVEN']})
  m.check()
  if (mapRunArn !== undefined && arn !== undefined) throw validationError('Specify either a stateMachineArn or a mapRunArn, not both.')
  // Map Runs belong to Distributed Map states, which the local engine does not run.
  if (mapRunArn !== undefined) throw resourceNotFound(mapRunArn)
  if (arn === undefined) throw validationError('Must provide a StateMachine ARN or MapRun ARN.')
  const {machine, version} = findMachine(ctx, arn)

  const listing = listingKey('ListExecutions', arn, statusFilter, redriveFilter)
  const below = nextToken === undefined ? Number.MAX_SAFE_INTEGER : readToken(nextToken, listing)
  const size = pageSize(maxResults)
  const all = ctx.store.executionsOf(machine.arn)
  const page: ExecutionRecord[] = []
  let more = false
  for (let i = all.length - 1; i >= 0; i--) {
    const record = all[i] as ExecutionRecord
    if (record.seq >= below) continue
    if (version !== undefined && record.stateMachineVersionArn !== version.arn) continue
    refresh(record)
    if (statusFilter !== undefined && record.status !== statusFilter) continue
    if (redriveFilter === 'REDRIVEN' && record.redriveCount === 0) continue
    if (redriveFilter === 'NOT_REDRIVEN' && record.redriveCount > 0) continue
    if (page.length === size) {
      more = true
      break
    }
    page.push(record)
  }
  const out: {executions: Array<Record<string, unknown>>; nextToken?: string} = {executions: page.map(listItem)}
  const last = page[page.length - 1]
  if (more && last !== undefined) out.nextToken = issueToken(listing, last.seq)
  return out
}

function listItem(record: ExecutionRecord): Record<string, unknown> {
  const item: Record<string, unknown> = {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: record.startDate,
  }
  if (record.stopDate !== undefined) item.stopDate = record.stopDate
  if (record.stateMachineVersionArn !== undefined) item.stateMachineVersionArn = record.stateMachineVersionArn
  item.redriveCount = record.redriveCount
  if (record.redriveDate !== undefined) item.redriveDate = record.redriveDate
  return item
}
