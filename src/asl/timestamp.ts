// Timestamps as the States Language defines them: RFC 3339 with an uppercase "T" between date and
// time and an uppercase "Z" when there is no numeric offset ("2016-03-14T01:59:00Z",
// "2026-01-01T00:00:00.5+01:00"). Choice compares them as instants, to the nanosecond, which a
// JavaScript Date (milliseconds) cannot hold; hence this small parser.

/** A point in time: whole seconds since the Unix epoch plus nanoseconds within that second. */
export interface Instant {
  readonly seconds: number
  readonly nanos: number
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/

/** The instant a timestamp names, or undefined when the string is not a valid timestamp. */
export function parseTimestamp(text: string): Instant | undefined {
  const m = RFC3339.exec(text)
  if (m === null) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  let offsetSeconds = 0
  if (m[8] !== undefined) {
    const offHours = Number(m[9])
    const offMinutes = Number(m[10])
    if (offHours > 23 || offMinutes > 59) return undefined
    offsetSeconds = (m[8] === '-' ? -1 : 1) * (offHours * 3600 + offMinutes * 60)
  }
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second))
  date.setUTCFullYear(year)
  const nanos = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0'))
  return {seconds: date.getTime() / 1000 - offsetSeconds, nanos}
}

export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos
}

export const isTimestamp = (value: unknown): value is string => typeof value === 'string' && parseTimestamp(value) !== undefined

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}
