// cron(...) expressions with EventBridge's field rules (UTC, six fields, `?` in exactly one of the
// two day fields, 1 = SUN in day-of-week, a year field, L / W / # wildcards). The rules follow
// the EventBridge user guide, "Cron expressions reference". Where the guide is silent we follow
// Quartz, the scheduler its syntax comes from: names are case-insensitive, a range may wrap
// (FRI-MON, 22-2) except in the year field, and an increment may not exceed the field's largest
// value (so cron(*/60 * * * ? *) is refused, as AWS refuses it).
import {
  type CronSchedule,
  type DayOfMonthRule,
  type DayOfWeekRule,
  ScheduleExpressionError,
} from './types.js'

interface FieldSpec {
  label: string
  min: number
  max: number
  names?: readonly string[] // names[i] stands for min + i
  wraps: boolean
  maxStep: number
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

const MINUTE: FieldSpec = {label: 'minutes', min: 0, max: 59, wraps: true, maxStep: 59}
const HOUR: FieldSpec = {label: 'hours', min: 0, max: 23, wraps: true, maxStep: 23}
const DAY_OF_MONTH: FieldSpec = {label: 'day-of-month', min: 1, max: 31, wraps: true, maxStep: 31}
const MONTH: FieldSpec = {label: 'month', min: 1, max: 12, names: MONTH_NAMES, wraps: true, maxStep: 12}
const DAY_OF_WEEK: FieldSpec = {label: 'day-of-week', min: 1, max: 7, names: DAY_NAMES, wraps: true, maxStep: 7}
const YEAR: FieldSpec = {label: 'year', min: 1970, max: 2199, wraps: false, maxStep: 229}

/** A field-level problem; parseCron adds the expression to make the user-facing message. */
class FieldError extends Error {}

export function parseCron(expression: string): CronSchedule {
  const inner = /^cron\((.*)\)$/s.exec(expression)?.[1]
  if (inner === undefined) {
    throw new ScheduleExpressionError(expression, 'expected cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)')
  }
  const fields = inner.split(' ')
  if (fields.length !== 6 || fields.some((f) => f === '')) {
    throw new ScheduleExpressionError(
      expression,
      `expected six fields separated by single spaces (minutes hours day-of-month month day-of-week year), found ${fields.filter((f) => f !== '').length}`,
    )
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields.map((f) => f.toUpperCase()) as [
    string, string, string, string, string, string,
  ]
  try {
    const domRule = parseDayOfMonth(dayOfMonth)
    const dowRule = parseDayOfWeek(dayOfWeek)
    if ((domRule.kind === 'any') === (dowRule.kind === 'any')) {
      throw new FieldError(
        domRule.kind === 'any'
          ? 'day-of-month and day-of-week are both "?"; exactly one of them must be "?"'
          : 'day-of-month and day-of-week are both set; exactly one of them must be "?"',
      )
    }
    return {
      kind: 'cron',
      expression,
      minutes: parseList(minutes, MINUTE),
      hours: parseList(hours, HOUR),
      dayOfMonth: domRule,
      months: parseList(month, MONTH),
      dayOfWeek: dowRule,
      years: parseList(year, YEAR),
    }
  } catch (e) {
    if (e instanceof FieldError) throw new ScheduleExpressionError(expression, e.message)
    throw e
  }
}

function parseDayOfMonth(text: string): DayOfMonthRule {
  if (text === '?') return {kind: 'any'}
  if (text === 'L') return {kind: 'last'}
  if (text === 'LW') return {kind: 'lastWeekday'}
  const nearest = /^(\d+)W$/.exec(text)
  if (nearest) return {kind: 'nearestWeekday', day: value(nearest[1]!, DAY_OF_MONTH)}
  if (/[LW]/.test(text)) {
    throw new FieldError(`day-of-month "${text}": L, LW and nW (as in 15W) stand alone and take no list, range or increment`)
  }
  return {kind: 'days', days: parseList(text, DAY_OF_MONTH)}
}

function parseDayOfWeek(text: string): DayOfWeekRule {
  if (text === '?') return {kind: 'any'}
  if (text === 'L') return {kind: 'weekdays', weekdays: [7]} // the last day of the week: SAT
  const last = /^([^,\-/#*]+)L$/.exec(text)
  if (last) return {kind: 'lastInMonth', weekday: value(last[1]!, DAY_OF_WEEK)}
  const nth = /^([^,\-/#*]+)#(\d+)$/.exec(text)
  if (nth) {
    const n = Number(nth[2])
    if (n < 1 || n > 5) throw new FieldError(`day-of-week "${text}": the occurrence after # must be 1-5`)
    return {kind: 'nth', weekday: value(nth[1]!, DAY_OF_WEEK), nth: n}
  }
  if (text.includes('#')) {
    throw new FieldError(`day-of-week "${text}": # takes one weekday and one occurrence (as in 3#2) and cannot be part of a list`)
  }
  if (text.includes('L')) {
    throw new FieldError(`day-of-week "${text}": L takes at most one weekday before it (as in 6L) and cannot be part of a list`)
  }
  return {kind: 'weekdays', weekdays: parseList(text, DAY_OF_WEEK)}
}

/** A comma-separated list of `*`, values, ranges and increments, as a sorted set of values. */
function parseList(text: string, spec: FieldSpec): number[] {
  if (text === '?') throw new FieldError(`${spec.label}: "?" is only allowed in day-of-month or day-of-week`)
  const values = new Set<number>()
  for (const item of text.split(',')) {
    for (const v of parseItem(item, spec)) values.add(v)
  }
  return [...values].sort((a, b) => a - b)
}

function parseItem(item: string, spec: FieldSpec): number[] {
  const m = /^([^/]*)(?:\/(.*))?$/.exec(item)
  const base = m?.[1] ?? ''
  const stepText = m?.[2]
  if (base === '') throw new FieldError(`${spec.label} "${item}": empty value`)
  let step = 1
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText)) throw new FieldError(`${spec.label} "${item}": the increment after / must be a number`)
    step = Number(stepText)
    if (step < 1 || step > spec.maxStep) {
      throw new FieldError(`${spec.label} "${item}": the increment must be between 1 and ${spec.maxStep}`)
    }
  }
  if (base === '*') return walk(spec.min, spec.max, step, spec)
  const dash = base.indexOf('-')
  if (dash === -1) {
    const start = value(base, spec)
    // `a/n` runs from a to the end of the field; a bare `a` is that one value.
    return stepText === undefined ? [start] : walk(start, spec.max, step, spec)
  }
  const from = value(base.slice(0, dash), spec)
  const to = value(base.slice(dash + 1), spec)
  if (from > to && !spec.wraps) throw new FieldError(`${spec.label} "${item}": the range runs backwards`)
  return walk(from, to, step, spec)
}

/** from, from+step, ... up to `to`, wrapping past the field's end when to < from. */
function walk(from: number, to: number, step: number, spec: FieldSpec): number[] {
  const size = spec.max - spec.min + 1
  const span = (to - from + size) % size
  const out: number[] = []
  for (let offset = 0; offset <= span; offset += step) {
    out.push(spec.min + ((from - spec.min + offset) % size))
  }
  return out
}

function value(token: string, spec: FieldSpec): number {
  let n: number
  if (/^\d+$/.test(token)) {
    n = Number(token)
  } else {
    const index = spec.names?.indexOf(token) ?? -1
    if (index === -1) {
      const hint = spec.names ? `a number or one of ${spec.names.join(' ')}` : 'a number'
      throw new FieldError(`${spec.label}: "${token}" is not ${hint}`)
    }
    n = spec.min + index
  }
  if (n < spec.min || n > spec.max) {
    throw new FieldError(`${spec.label}: ${token} is outside ${spec.min}-${spec.max}`)
  }
  return n
}
