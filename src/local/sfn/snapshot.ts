// The JSON form of the Step Functions store, for persisting the endpoint between runs and for
// tests that compare the state before and after a request. Dates are ISO strings; an execution
// carries its whole history.
//
// An execution that was RUNNING when the snapshot was taken cannot go on: the engine that ran it
// is gone with the process. It comes back ABORTED, with an ExecutionAborted event whose cause is
// "the local endpoint stopped while this execution ran", and stays redrivable like any aborted
// execution, so an operator can redrive it as they would a real one.
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import type {ExecutionStatus} from '../engine/api.js'
import type {ExecutionRecord, StateMachineRecord} from './store.js'

export const RESTART_CAUSE = 'the local endpoint stopped while this execution ran'

export interface SfnSnapshot {
  stateMachines: Array<Record<string, unknown>>
  executions: Array<Record<string, unknown>>
}

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']

export function writeSnapshot(machines: StateMachineRecord[], executions: ExecutionRecord[]): SfnSnapshot {
  return {
    stateMachines: machines.map((m) => toJson(m)),
    executions: executions.map(({live: _live, eventJson: _json, result: _result, ...data}) => toJson(data)),
  }
}

const toJson = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>

export function readSnapshot(snapshot: unknown, now: Date): {machines: StateMachineRecord[]; executions: ExecutionRecord[]} {
  if (!isObject(snapshot) || !Array.isArray(snapshot.stateMachines) || !Array.isArray(snapshot.executions)) {
    throw bad('expected {"stateMachines": [...], "executions": [...]}')
  }
  const names = new Set<string>()
  const machines = snapshot.stateMachines.map((raw: unknown, i: number) => {
    const m = readMachine(raw, `stateMachines[${i}]`)
    if (names.has(m.name)) throw bad(`state machine ${m.name} appears twice`)
    names.add(m.name)
    return m
  })
  const arns = new Set<string>()
  const executions = snapshot.executions.map((raw: unknown, i: number) => {
    const e = readExecution(raw, `executions[${i}]`, now)
    if (arns.has(e.executionArn)) throw bad(`execution ${e.executionArn} appears twice`)
    arns.add(e.executionArn)
    return e
  })
  return {machines, executions}
}

function readMachine(raw: unknown, at: string): StateMachineRecord {
  if (!isObject(raw)) throw bad(`${at} is not an object`)
  const m = structuredClone(raw) as Record<string, unknown>
  for (const key of ['name', 'arn', 'definition', 'roleArn']) requireString(m, key, at)
  if (m.type !== 'STANDARD') throw bad(`${at}.type must be STANDARD`)
  m.creationDate = date(m.creationDate, `${at}.creationDate`)
  m.updateDate = date(m.updateDate, `${at}.updateDate`)
  if (!Array.isArray(m.tags) || !Array.isArray(m.versions)) throw bad(`${at} needs tags and versions lists`)
  m.versions = (m.versions as unknown[]).map((v, j) => {
    if (!isObject(v) || typeof v.version !== 'number' || typeof v.arn !== 'string' || typeof v.definition !== 'string') {
      throw bad(`${at}.versions[${j}] is not a version`)
    }
    return {...v, creationDate: date(v.creationDate, `${at}.versions[${j}].creationDate`)}
  })
  if (typeof m.nextVersion !== 'number' || !isObject(m.createdWith)) throw bad(`${at} needs nextVersion and createdWith`)
  return m as unknown as StateMachineRecord
}

function readExecution(raw: unknown, at: string, now: Date): ExecutionRecord {
  if (!isObject(raw)) throw bad(`${at} is not an object`)
  const e = structuredClone(raw) as Record<string, unknown>
  for (const key of ['executionArn', 'stateMachineArn', 'name', 'input']) requireString(e, key, at)
  if (typeof e.seq !== 'number' || typeof e.redriveCount !== 'number') throw bad(`${at} needs seq and redriveCount`)
  if (!STATUSES.includes(e.status as ExecutionStatus)) throw bad(`${at}.status is ${String(e.status)}`)
  e.startDate = date(e.startDate, `${at}.startDate`)
  if (e.stopDate !== undefined) e.stopDate = date(e.stopDate, `${at}.stopDate`)
  if (e.redriveDate !== undefined) e.redriveDate = date(e.redriveDate, `${at}.redriveDate`)
  if (!isObject(e.ran) || typeof e.ran.definition !== 'string') throw bad(`${at}.ran is missing`)
  e.ran = {...e.ran, updateDate: date(e.ran.updateDate, `${at}.ran.updateDate`)}
  if (!Array.isArray(e.redriveTokens)) e.redriveTokens = []
  e.redriveTokens = (e.redriveTokens as unknown[]).map((t, j) => {
    if (!isObject(t) || typeof t.token !== 'string') throw bad(`${at}.redriveTokens[${j}] is not a token`)
    return {token: t.token, redriveDate: date(t.redriveDate, `${at}.redriveTokens[${j}].redriveDate`)}
  })
  if (!Array.isArray(e.events)) throw bad(`${at}.events is not a list`)
  e.events = (e.events as unknown[]).map((ev, j) => {
    if (!isObject(ev) || typeof ev.type !== 'string' || typeof ev.id !== 'number') throw bad(`${at}.events[${j}] is not an event`)
    return {...ev, timestamp: date(ev.timestamp, `${at}.events[${j}].timestamp`)}
  })
  const record = e as unknown as ExecutionRecord
  if (record.status === 'RUNNING' || record.status === 'PENDING_REDRIVE') abortForRestart(record, now)
  return record
}

function abortForRestart(record: ExecutionRecord, now: Date): void {
  const last = record.events[record.events.length - 1]
  const id = (last?.id ?? 0) + 1
  const event: HistoryEvent = {timestamp: now, type: 'ExecutionAborted', id, previousEventId: last?.id ?? 0, executionAbortedEventDetails: {cause: RESTART_CAUSE}}
  record.events.push(event)
  record.status = 'ABORTED'
  record.stopDate = now
  record.cause = RESTART_CAUSE
  delete record.output
  delete record.error
}

function requireString(o: Record<string, unknown>, key: string, at: string): void {
  if (typeof o[key] !== 'string') throw bad(`${at}.${key} is missing`)
}

function date(value: unknown, at: string): Date {
  const d = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined
  if (d === undefined || Number.isNaN(d.getTime())) throw bad(`${at} is not a date`)
  return d
}

const bad = (why: string) => new Error(`not a Step Functions store snapshot: ${why}`)

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
