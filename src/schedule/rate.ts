// rate(<value> <unit>) expressions. EventBridge is strict about their spelling: one space, lower
// case units, singular exactly for 1 ("rate(1 minutes)" and "rate(5 minute)" are refused), no
// spaces inside the parentheses.
import {type RateSchedule, type RateUnit, ScheduleExpressionError} from './types.js'

const UNIT_MS: Record<RateUnit, number> = {minute: 60_000, hour: 3_600_000, day: 86_400_000}
const UNITS: Record<string, {unit: RateUnit; plural: boolean}> = {
  minute: {unit: 'minute', plural: false},
  minutes: {unit: 'minute', plural: true},
  hour: {unit: 'hour', plural: false},
  hours: {unit: 'hour', plural: true},
  day: {unit: 'day', plural: false},
  days: {unit: 'day', plural: true},
}

export function parseRate(expression: string): RateSchedule {
  const invalid = (reason: string) => new ScheduleExpressionError(expression, reason)
  const inner = /^rate\((.*)\)$/s.exec(expression)?.[1]
  if (inner === undefined) throw invalid('expected rate(<value> <unit>)')
  const [valueText, unitText, ...rest] = inner.split(' ')
  if (valueText === undefined || unitText === undefined || rest.length > 0) {
    throw invalid('expected a value and a unit separated by one space, as in rate(5 minutes)')
  }
  if (!/^\d+$/.test(valueText)) throw invalid(`the value "${valueText}" is not a positive whole number`)
  const value = Number(valueText)
  if (value < 1 || !Number.isSafeInteger(value)) throw invalid(`the value ${valueText} is not a positive whole number`)
  const unit = Object.hasOwn(UNITS, unitText) ? UNITS[unitText] : undefined
  if (unit === undefined) throw invalid(`the unit "${unitText}" is not one of minute, minutes, hour, hours, day, days`)
  if (value === 1 && unit.plural) throw invalid(`a value of 1 takes the singular unit "${unit.unit}"`)
  if (value > 1 && !unit.plural) throw invalid(`a value above 1 takes the plural unit "${unit.unit}s"`)
  return {kind: 'rate', expression, value, unit: unit.unit, intervalMs: value * UNIT_MS[unit.unit]}
}

/**
 * Firings strictly after `from`. AWS counts a rate from the moment the rule was created, so the
 * firings are anchor + k * interval for k >= 1: the creation instant itself is not a firing.
 */
export function* rateFiringsAfter(schedule: RateSchedule, anchor: Date, from: Date): Generator<Date> {
  const interval = schedule.intervalMs
  const elapsed = from.getTime() - anchor.getTime()
  let k = elapsed < 0 ? 1 : Math.floor(elapsed / interval) + 1
  for (;;) {
    yield new Date(anchor.getTime() + k * interval)
    k += 1
  }
}
