// When a parsed cron schedule fires. We walk the calendar ourselves instead of handing the fields
// to cron-parser 5: it has no year field and no W (nearest weekday) wildcard, and its `?` is a
// plain alias for `*`. Translating would have left two documented EventBridge wildcards out and
// needed a year filter around it, so the calendar walk below is simpler than the translation.
// It visits years, months, days, hours and minutes in ascending order and only ever yields
// allowed combinations, so a schedule that fires rarely costs little and one that never fires
// (cron(0 0 30 FEB ? *)) ends after the last allowed year.
import type {CronSchedule} from './types.js'

const MINUTE_MS = 60_000

/** Every firing strictly after `from`, in UTC and in order, until the year field runs out. */
export function* cronFiringsAfter(schedule: CronSchedule, from: Date): Generator<Date> {
  // The first candidate is the minute after `from`, with seconds cleared.
  const start = new Date((Math.floor(from.getTime() / MINUTE_MS) + 1) * MINUTE_MS)
  const y0 = start.getUTCFullYear()
  const mo0 = start.getUTCMonth() + 1
  const d0 = start.getUTCDate()
  const h0 = start.getUTCHours()
  const mi0 = start.getUTCMinutes()

  for (const year of schedule.years) {
    if (year < y0) continue
    const inStartYear = year === y0
    for (const month of schedule.months) {
      if (inStartYear && month < mo0) continue
      const inStartMonth = inStartYear && month === mo0
      for (const day of daysOfMonth(schedule, year, month)) {
        if (inStartMonth && day < d0) continue
        const onStartDay = inStartMonth && day === d0
        for (const hour of schedule.hours) {
          if (onStartDay && hour < h0) continue
          const inStartHour = onStartDay && hour === h0
          for (const minute of schedule.minutes) {
            if (inStartHour && minute < mi0) continue
            yield new Date(Date.UTC(year, month - 1, day, hour, minute))
          }
        }
      }
    }
  }
}

/** The days of one month (1-based) that the day-of-month or day-of-week field selects, sorted. */
export function daysOfMonth(schedule: CronSchedule, year: number, month: number): number[] {
  const length = daysIn(year, month)
  const dom = schedule.dayOfMonth
  switch (dom.kind) {
    case 'days':
      return dom.days.filter((d) => d <= length)
    case 'last':
      return [length]
    case 'lastWeekday':
      return [nearestWeekday(year, month, length, length)]
    case 'nearestWeekday':
      // Quartz, whose W EventBridge follows, skips a month too short for the day asked for.
      return dom.day > length ? [] : [nearestWeekday(year, month, dom.day, length)]
    case 'any':
      break
  }
  const dow = schedule.dayOfWeek
  switch (dow.kind) {
    case 'weekdays': {
      const out: number[] = []
      for (let d = 1; d <= length; d++) if (dow.weekdays.includes(weekday(year, month, d))) out.push(d)
      return out
    }
    case 'lastInMonth': {
      const back = (weekday(year, month, length) - dow.weekday + 7) % 7
      return [length - back]
    }
    case 'nth': {
      const first = 1 + ((dow.weekday - weekday(year, month, 1) + 7) % 7)
      const day = first + 7 * (dow.nth - 1)
      return day <= length ? [day] : []
    }
    case 'any':
      return [] // parseCron never lets both day fields be `?`
  }
}

/**
 * The weekday (MON-FRI) nearest to `day` without leaving the month: a Saturday moves to the
 * Friday before unless that is in the previous month (then the Monday after); a Sunday moves to
 * the Monday after unless that is in the next month (then the Friday before).
 */
function nearestWeekday(year: number, month: number, day: number, length: number): number {
  const wd = weekday(year, month, day)
  if (wd === 7) return day === 1 ? day + 2 : day - 1
  if (wd === 1) return day === length ? day - 2 : day + 1
  return day
}

/** 1 = SUN ... 7 = SAT, EventBridge's numbering. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
