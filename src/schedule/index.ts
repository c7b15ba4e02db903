// EventBridge schedule expressions, shared by the CLI (rule lint, freeze windows before a trigger)
// and the local endpoint (PutRule validation, the scheduler).
import {cronFiringsAfter} from './cron-next.js'
import {parseCron} from './cron-parse.js'
import {parseRate, rateFiringsAfter} from './rate.js'
import {type CronSchedule, type Schedule, ScheduleExpressionError} from './types.js'

export * from './types.js'

/** Parses `rate(...)` or `cron(...)`; throws ScheduleExpressionError naming what is wrong. */
export function parseSchedule(expression: string): Schedule {
  if (typeof expression !== 'string') {
    throw new ScheduleExpressionError(String(expression), 'a schedule expression must be a string')
  }
  if (expression.startsWith('rate(')) return parseRate(expression)
  if (expression.startsWith('cron(')) return parseCron(expression)
  throw new ScheduleExpressionError(expression, 'expected rate(<value> <unit>) or cron(<six fields>)')
}

/** True when EventBridge would accept the expression. */
export function isValidSchedule(expression: string): boolean {
  try {
    parseSchedule(expression)
    return true
  } catch (e) {
    if (e instanceof ScheduleExpressionError) return false
    throw e
  }
}

/**
 * Firings strictly after `from`, in order. A rate schedule counts from `anchor`, the rule's
 * creation time, as AWS does; a cron schedule needs none. The sequence ends when a cron year field
 * runs out; a rate sequence never ends.
 */
export function iterateFirings(schedule: CronSchedule, from: Date): Generator<Date>
export function iterateFirings(schedule: Schedule, from: Date, anchor: Date): Generator<Date>
export function iterateFirings(schedule: Schedule, from: Date, anchor?: Date): Generator<Date> {
  assertDate(from, 'from')
  if (schedule.kind === 'cron') return cronFiringsAfter(schedule, from)
  if (anchor === undefined) {
    throw new Error(`${schedule.expression} counts from the rule's creation time: pass it as the anchor`)
  }
  assertDate(anchor, 'anchor')
  return rateFiringsAfter(schedule, anchor, from)
}

/** The next `count` firings strictly after `from` (fewer when a cron year field runs out). */
export function nextFirings(schedule: CronSchedule, from: Date, count: number): Date[]
export function nextFirings(schedule: Schedule, from: Date, count: number, anchor: Date): Date[]
export function nextFirings(schedule: Schedule, from: Date, count: number, anchor?: Date): Date[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number >= 0, got ${count}`)
  const out: Date[] = []
  if (count === 0) return out
  for (const at of iterateFirings(schedule, from, anchor as Date)) {
    out.push(at)
    if (out.length === count) break
  }
  return out
}

/** Every firing in (from, to]. */
export function firingsBetween(schedule: CronSchedule, from: Date, to: Date): Date[]
export function firingsBetween(schedule: Schedule, from: Date, to: Date, anchor: Date): Date[]
export function firingsBetween(schedule: Schedule, from: Date, to: Date, anchor?: Date): Date[] {
  assertDate(to, 'to')
  const out: Date[] = []
  for (const at of iterateFirings(schedule, from, anchor as Date)) {
    if (at.getTime() > to.getTime()) break
    out.push(at)
  }
  return out
}

function assertDate(d: Date, name: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new Error(`${name} must be a valid Date`)
}
