import {describe, expect, it} from 'vitest'

import {ScheduleExpressionError, isValidSchedule, parseSchedule} from '../../src/schedule/index.js'

const reasonFor = (expression: string): string => {
  try {
    parseSchedule(expression)
  } catch (e) {
    expect(e).toBeInstanceOf(ScheduleExpressionError)
    const message = (e as Error).message
    // every message names the expression and stays on one line
    expect(message).toContain(JSON.stringify(expression))
    expect(message).not.toContain('\n')
    return message
  }
  throw new Error(`${expression} was accepted`)
}

describe('invalid schedule expressions', () => {
  it('refuses a cron with both day fields set', () => {
    expect(reasonFor('cron(0 1 * * * *)')).toMatch(/both set; exactly one of them must be "\?"/)
    expect(reasonFor('cron(0 9 1 * MON *)')).toMatch(/both set/)
  })

  it('refuses a cron with both day fields "?"', () => {
    expect(reasonFor('cron(0 9 ? * ? *)')).toMatch(/both "\?"/)
  })

  it('refuses rate(1 minutes) and rate(5 minute), as AWS does', () => {
    expect(reasonFor('rate(1 minutes)')).toMatch(/singular unit "minute"/)
    expect(reasonFor('rate(1 hours)')).toMatch(/singular/)
    expect(reasonFor('rate(1 days)')).toMatch(/singular/)
    expect(reasonFor('rate(5 minute)')).toMatch(/plural unit "minutes"/)
    expect(reasonFor('rate(10 day)')).toMatch(/plural/)
  })

  it('refuses a cron with five fields, or seven', () => {
    expect(reasonFor('cron(0 9 * * ?)')).toMatch(/six fields.*found 5/)
    expect(reasonFor('cron(0 0 9 * * ? *)')).toMatch(/found 7/)
  })

  it.each([
    ['rate(10 seconds)', /unit "seconds"/],
    ['rate(10 years)', /unit "years"/],
    ['rate()', /value and a unit/],
    ['rate(10)', /value and a unit/],
    ['rate(foo minutes)', /"foo" is not a positive whole number/],
    ['rate(0 minutes)', /not a positive whole number/],
    ['rate(-10 minutes)', /not a positive whole number/],
    ['rate(1.5 hours)', /not a positive whole number/],
    ['rate(10 MINUTES)', /unit "MINUTES"/],
    ['rate( 10 minutes )', /value and a unit/],
    ['rate(10  minutes)', /value and a unit/],
    [' rate(10 minutes)', /expected rate/],
    ['every 5 minutes', /expected rate.*or cron/],
  ])('refuses the rate expression %j', (expression, reason) => {
    expect(reasonFor(expression)).toMatch(reason)
  })

  it.each([
    ['cron(INVALID)', /six fields/],
    ['cron(7 20 * * NOT *)', /day-of-week: "NOT" is not a number or one of SUN/],
    ['cron(0 dummy ? * MON-FRI *)', /hours: "DUMMY" is not a number/],
    ['cron(71 8 1 * ? *)', /minutes: 71 is outside 0-59/],
    ['cron(0 24 * * ? *)', /hours: 24 is outside 0-23/],
    ['cron(0 0 0 * ? *)', /day-of-month: 0 is outside 1-31/],
    ['cron(0 0 ? 13 MON *)', /month: 13 is outside 1-12/],
    ['cron(0 0 ? * 0 *)', /day-of-week: 0 is outside 1-7/],
    ['cron(0 0 ? * 8 *)', /day-of-week: 8 is outside 1-7/],
    ['cron(0 0 1 * ? 1969)', /year: 1969 is outside 1970-2199/],
    ['cron(0 0 1 * ? 2200)', /year: 2200 is outside 1970-2199/],
    ['cron(0 0 1 * ? 2027-2026)', /year "2027-2026": the range runs backwards/],
    ['cron(*/60 * * * ? *)', /increment must be between 1 and 59/],
    ['cron(0/0 * * * ? *)', /increment must be between 1 and 59/],
    ['cron(? 9 * * ? *)', /"\?" is only allowed in day-of-month or day-of-week/],
    ['cron(0 9 L,15 * ? *)', /L, LW and nW .* stand alone/],
    ['cron(0 9 ? * 3#1,6#3 *)', /# takes one weekday/],
    ['cron(0 9 ? * 2#6 *)', /occurrence after # must be 1-5/],
    ['cron(0 9 ? * MON,6L *)', /L takes at most one weekday/],
  ])('refuses the cron expression %j', (expression, reason) => {
    expect(reasonFor(expression)).toMatch(reason)
  })

  it('refuses a cron with spaces inside the parentheses or between fields', () => {
    expect(reasonFor('cron( 0 9 * * ? * )')).toMatch(/single spaces/)
    expect(reasonFor('cron(0  9 * * ? *)')).toMatch(/single spaces/)
  })

  it('answers isValidSchedule without throwing', () => {
    expect(isValidSchedule('cron(0 9 ? * SAT *)')).toBe(true)
    expect(isValidSchedule('rate(1 minute)')).toBe(true)
    expect(isValidSchedule('cron(0 9 * * * *)')).toBe(false)
  })
})
