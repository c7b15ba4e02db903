// When the shell-run rule fires next, in UTC and in the operator's time zone.
import {nextFirings, parseSchedule} from '../schedule/index.js'

export interface Firing {
  utc: string
  local: string
  inMinutes: number
}

export const SOON_MS = 5 * 60_000

export function upcomingFirings(expression: string, now: Date, count = 3, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone): Firing[] {
  const schedule = parseSchedule(expression)
  // A rate counts from the rule's creation time, which AWS does not report: no firings to show.
  if (schedule.kind !== 'cron') return []
  const local = localFormatter(timeZone)
  return nextFirings(schedule, now, count).map((d) => ({utc: d.toISOString(), local: local(d), inMinutes: Math.round((d.getTime() - now.getTime()) / 60_000)}))
}

/** `Fri 2026-05-22 14:30 PDT`: sortable like the UTC form, with the zone an operator knows. */
function localFormatter(timeZone: string): (d: Date) => string {
  const f = new Intl.DateTimeFormat('en-US', {timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'})
  return (d) => {
    const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]))
    return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`
  }
}

/** EnableRule takes effect eventually: a firing minutes away may be missed, or may run. */
export function soonWarning(firings: Firing[], now: Date): string | undefined {
  const first = firings[0]
  if (!first || Date.parse(first.utc) - now.getTime() >= SOON_MS) return undefined
  return `the next firing is in ${Math.max(0, first.inMinutes)} minute(s) (${first.utc}); the rule change takes effect eventually, so that firing may or may not start a run`
}
