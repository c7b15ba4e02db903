import {describe, expect, it} from 'vitest'

import {type RateSchedule, nextFirings, parseSchedule} from '../../src/schedule/index.js'

const rate = (expression: string): RateSchedule => {
  const schedule = parseSchedule(expression)
  if (schedule.kind !== 'rate') throw new Error(`${expression} did not parse as rate`)
  return schedule
}
const iso = (dates: Date[]) => dates.map((d) => d.toISOString())

describe('rate schedules', () => {
  it('reads the singular unit for 1 and the plural for more', () => {
    expect(rate('rate(1 minute)')).toMatchObject({value: 1, unit: 'minute', intervalMs: 60_000})
    expect(rate('rate(5 minutes)')).toMatchObject({value: 5, unit: 'minute', intervalMs: 300_000})
    expect(rate('rate(1 hour)').intervalMs).toBe(3_600_000)
    expect(rate('rate(12 hours)').intervalMs).toBe(43_200_000)
    expect(rate('rate(1 day)').intervalMs).toBe(86_400_000)
    expect(rate('rate(7 days)').intervalMs).toBe(604_800_000)
  })

  it('counts firings from the anchor (the rule creation time), not from the clock hour', () => {
    // Given a rule created at 10:07:30
    const anchor = new Date('2026-03-06T10:07:30Z')
    // When the firings after 10:20 are asked for
    const at = nextFirings(rate('rate(10 minutes)'), new Date('2026-03-06T10:20:00Z'), 3, anchor)
    // Then they sit on the anchor's grid
    expect(iso(at)).toEqual(['2026-03-06T10:27:30.000Z', '2026-03-06T10:37:30.000Z', '2026-03-06T10:47:30.000Z'])
  })

  it('does not fire at the creation instant itself', () => {
    const anchor = new Date('2026-03-06T10:00:00Z')
    expect(iso(nextFirings(rate('rate(1 hour)'), anchor, 1, anchor))).toEqual(['2026-03-06T11:00:00.000Z'])
    // asked from before the anchor, the first firing is still one interval after it
    expect(iso(nextFirings(rate('rate(1 hour)'), new Date('2026-03-01T00:00:00Z'), 1, anchor))).toEqual([
      '2026-03-06T11:00:00.000Z',
    ])
  })

  it('excludes a firing that falls exactly on `from`', () => {
    const anchor = new Date('2026-03-06T00:00:00Z')
    const at = nextFirings(rate('rate(1 day)'), new Date('2026-03-08T00:00:00Z'), 1, anchor)
    expect(iso(at)).toEqual(['2026-03-09T00:00:00.000Z'])
  })

  it('refuses to compute rate firings without an anchor', () => {
    const schedule = parseSchedule('rate(5 minutes)')
    // the overloads demand an anchor for a Schedule that may be a rate; this forces the call
    const call = nextFirings as (s: unknown, from: Date, count: number) => Date[]
    expect(() => call(schedule, new Date(), 1)).toThrow(/anchor/)
  })
})
