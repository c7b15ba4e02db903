import {describe, expect, it} from 'vitest'

import {type CronSchedule, firingsBetween, nextFirings, parseSchedule} from '../../src/schedule/index.js'

const cron = (expression: string): CronSchedule => {
  const schedule = parseSchedule(expression)
  if (schedule.kind !== 'cron') throw new Error(`${expression} did not parse as cron`)
  return schedule
}
const iso = (dates: Date[]) => dates.map((d) => d.toISOString())

// Calendar facts the expectations rely on: 2026-03-06 is a Friday, 2026-08-01 a Saturday,
// 2026-05-31 a Sunday, 2026-02-15 a Sunday.
describe('cron schedules', () => {
  it('fires cron(0 9 ? * SAT *) on the Saturday after a Friday', () => {
    // Given a Friday afternoon
    const friday = new Date('2026-03-06T15:00:00Z')
    // When the next three firings are asked for
    const at = nextFirings(cron('cron(0 9 ? * SAT *)'), friday, 3)
    // Then they are the next three Saturdays at 09:00 UTC
    expect(iso(at)).toEqual(['2026-03-07T09:00:00.000Z', '2026-03-14T09:00:00.000Z', '2026-03-21T09:00:00.000Z'])
  })

  it('fires cron(30 21 ? * FRI *) strictly after `from`, so a run at the firing instant waits a week', () => {
    // Given the exact instant of a Friday 21:30 firing
    const atFiring = new Date('2026-03-06T21:30:00Z')
    // When the next firings are asked for, from that instant and from one second before it
    const after = nextFirings(cron('cron(30 21 ? * FRI *)'), atFiring, 2)
    const before = nextFirings(cron('cron(30 21 ? * FRI *)'), new Date('2026-03-06T21:29:59Z'), 1)
    // Then the instant itself is excluded, and a second earlier it is the next firing
    expect(iso(after)).toEqual(['2026-03-13T21:30:00.000Z', '2026-03-20T21:30:00.000Z'])
    expect(iso(before)).toEqual(['2026-03-06T21:30:00.000Z'])
  })

  it('skips the weekend for cron(0 12 ? * MON-FRI *)', () => {
    // Given Friday noon, the moment of a firing
    const fridayNoon = new Date('2026-03-06T12:00:00Z')
    // When the next two firings are asked for
    const at = nextFirings(cron('cron(0 12 ? * MON-FRI *)'), fridayNoon, 2)
    // Then Saturday and Sunday are skipped
    expect(iso(at)).toEqual(['2026-03-09T12:00:00.000Z', '2026-03-10T12:00:00.000Z'])
  })

  it('numbers day-of-week 1-7 from SUN, not from MON', () => {
    // Given day-of-week 1 and day-of-week 7
    const from = new Date('2026-03-06T00:00:00Z')
    // Then 1 is a Sunday and 7 a Saturday
    expect(iso(nextFirings(cron('cron(0 0 ? * 1 *)'), from, 1))).toEqual(['2026-03-08T00:00:00.000Z'])
    expect(iso(nextFirings(cron('cron(0 0 ? * 7 *)'), from, 1))).toEqual(['2026-03-07T00:00:00.000Z'])
  })

  it('fires cron(0 0 L * ? *) on the last day of each month, leap February included', () => {
    const at = nextFirings(cron('cron(0 0 L * ? *)'), new Date('2028-01-15T00:00:00Z'), 3)
    expect(iso(at)).toEqual(['2028-01-31T00:00:00.000Z', '2028-02-29T00:00:00.000Z', '2028-03-31T00:00:00.000Z'])
  })

  it('fires cron(15 10 ? * 6L 2026) on the last Friday of each month of 2026 and then stops', () => {
    // When more firings are asked for than the year holds
    const at = nextFirings(cron('cron(15 10 ? * 6L 2026)'), new Date('2025-12-31T00:00:00Z'), 20)
    // Then there are twelve, the last Fridays of 2026, and nothing after the year ends
    expect(at).toHaveLength(12)
    expect(iso(at).slice(0, 2)).toEqual(['2026-01-30T10:15:00.000Z', '2026-02-27T10:15:00.000Z'])
    expect(at.at(-1)?.toISOString()).toBe('2026-12-25T10:15:00.000Z')
    expect(at.every((d) => d.getUTCDay() === 5)).toBe(true)
  })

  it('returns nothing once the year field has run out', () => {
    expect(nextFirings(cron('cron(0 0 1 JAN ? 2020-2024)'), new Date('2025-01-01T00:00:00Z'), 3)).toEqual([])
    // `*` in the year field still ends with 2199, the last year EventBridge accepts
    const last = nextFirings(cron('cron(0 0 31 DEC ? *)'), new Date('2199-06-01T00:00:00Z'), 3)
    expect(iso(last)).toEqual(['2199-12-31T00:00:00.000Z'])
  })

  it('fires cron(0/15 * * * ? *) at :00, :15, :30 and :45 of every hour', () => {
    const at = nextFirings(cron('cron(0/15 * * * ? *)'), new Date('2026-03-06T23:40:12Z'), 4)
    expect(iso(at)).toEqual([
      '2026-03-06T23:45:00.000Z',
      '2026-03-07T00:00:00.000Z',
      '2026-03-07T00:15:00.000Z',
      '2026-03-07T00:30:00.000Z',
    ])
  })

  it('starts an a/n increment at a, and */n at the start of the field', () => {
    expect(cron('cron(5/20 * * * ? *)').minutes).toEqual([5, 25, 45])
    expect(cron('cron(*/20 * * * ? *)').minutes).toEqual([0, 20, 40])
    expect(cron('cron(0 8-17/3 * * ? *)').hours).toEqual([8, 11, 14, 17])
  })

  it('reads month names, weekday names, lists and ranges', () => {
    const schedule = cron('cron(0,30 6 ? JAN,JUL-AUG MON,WED-FRI *)')
    expect(schedule.minutes).toEqual([0, 30])
    expect(schedule.months).toEqual([1, 7, 8])
    expect(schedule.dayOfWeek).toEqual({kind: 'weekdays', weekdays: [2, 4, 5, 6]})
  })

  it('fires n#k on the k-th such weekday and skips months without one', () => {
    // SAT#3: the third Saturday
    expect(iso(nextFirings(cron('cron(0 2 ? * SAT#3 *)'), new Date('2026-01-01T00:00:00Z'), 2))).toEqual([
      '2026-01-17T02:00:00.000Z',
      '2026-02-21T02:00:00.000Z',
    ])
    // 1#5: a fifth Sunday, which February 2026 and April 2026 lack
    expect(iso(nextFirings(cron('cron(0 0 ? * 1#5 *)'), new Date('2026-02-01T00:00:00Z'), 2))).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-05-31T00:00:00.000Z',
    ])
  })

  it('moves nW to the nearest weekday without leaving the month', () => {
    const from = new Date('2026-01-01T00:00:00Z')
    const inMonth = (expression: string, month: number) =>
      nextFirings(cron(expression), from, 12)
        .find((d) => d.getUTCMonth() + 1 === month)
        ?.getUTCDate()
    // a Sunday 15th moves to Monday the 16th
    expect(inMonth('cron(0 8 15W * ? *)', 2)).toBe(16)
    // a Saturday 1st moves forward to Monday the 3rd, not back into July
    expect(inMonth('cron(0 8 1W * ? *)', 8)).toBe(3)
    // a Sunday 31st moves back to Friday the 29th, not forward into June
    expect(inMonth('cron(0 8 31W * ? *)', 5)).toBe(29)
    // a month without a 31st has no 31W firing
    expect(inMonth('cron(0 8 31W * ? *)', 4)).toBeUndefined()
    // LW: the last weekday of May 2026 is Friday the 29th
    expect(inMonth('cron(0 8 LW * ? *)', 5)).toBe(29)
  })

  it('treats a range that runs past the end of the field as wrapping around', () => {
    expect(cron('cron(0 22-1 * * ? *)').hours).toEqual([0, 1, 22, 23])
    expect(cron('cron(0 0 ? * FRI-MON *)').dayOfWeek).toEqual({kind: 'weekdays', weekdays: [1, 2, 6, 7]})
  })

  it('accepts weekday and month names in any case', () => {
    expect(cron('cron(0 9 ? jan mon-fri *)').months).toEqual([1])
  })

  it('lists every firing in (from, to] with firingsBetween', () => {
    const at = firingsBetween(
      cron('cron(0 12 ? * MON-FRI *)'),
      new Date('2026-03-06T12:00:00Z'),
      new Date('2026-03-13T12:00:00Z'),
    )
    expect(iso(at)).toEqual([
      '2026-03-09T12:00:00.000Z',
      '2026-03-10T12:00:00.000Z',
      '2026-03-11T12:00:00.000Z',
      '2026-03-12T12:00:00.000Z',
      '2026-03-13T12:00:00.000Z',
    ])
  })

  it('ends quickly for a schedule that can never fire', () => {
    expect(nextFirings(cron('cron(0 0 30 FEB ? *)'), new Date('2026-01-01T00:00:00Z'), 1)).toEqual([])
  })
})
