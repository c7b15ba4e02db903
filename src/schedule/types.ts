// EventBridge schedule expressions as plain data: what `parseSchedule` returns and the firing
// arithmetic reads. Everything here is JSON-serializable so a parsed schedule can be stored or
// printed as it is.

export type RateUnit = 'minute' | 'hour' | 'day'

/** `rate(<value> <unit>)`: fires every `intervalMs`, counted from the rule's creation. */
export interface RateSchedule {
  kind: 'rate'
  expression: string
  value: number
  unit: RateUnit
  intervalMs: number
}

/** Day-of-month field. `any` is `?`, which hands the day choice to the day-of-week field. */
export type DayOfMonthRule =
  | {kind: 'any'}
  | {kind: 'days'; days: number[]} // values, ranges, lists, increments and `*`
  | {kind: 'last'} // L
  | {kind: 'lastWeekday'} // LW
  | {kind: 'nearestWeekday'; day: number} // 15W: the weekday nearest the 15th, within the month

/** Day-of-week field, numbered as EventBridge numbers it: 1 = SUN ... 7 = SAT. */
export type DayOfWeekRule =
  | {kind: 'any'}
  | {kind: 'weekdays'; weekdays: number[]} // values, ranges, lists, `*`, and `L` alone (= 7, SAT)
  | {kind: 'lastInMonth'; weekday: number} // 6L: the last Friday of the month
  | {kind: 'nth'; weekday: number; nth: number} // 3#2: the second Tuesday of the month

/** `cron(<min> <hour> <day-of-month> <month> <day-of-week> <year>)`, evaluated in UTC. */
export interface CronSchedule {
  kind: 'cron'
  expression: string
  /** Each list is sorted ascending and free of duplicates. */
  minutes: number[]
  hours: number[]
  dayOfMonth: DayOfMonthRule
  months: number[]
  dayOfWeek: DayOfWeekRule
  years: number[]
}

export type Schedule = RateSchedule | CronSchedule

/**
 * A schedule expression EventBridge would refuse. The message names the expression and what is
 * wrong with it in one line, so the CLI can print it as it is.
 */
export class ScheduleExpressionError extends Error {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`Invalid schedule expression ${JSON.stringify(expression)}: ${reason}`)
    this.name = 'ScheduleExpressionError'
  }
}
