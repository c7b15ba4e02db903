// Which scheduled rules fire in a window of time, for the endpoint to start their targets. It is
// a pure function of the store and the window, so the endpoint can drive it from its virtual
// clock: every ENABLED rule with a ScheduleExpression fires at each of its firings in (from, to],
// once per target. Rate rules count from the rule's creation time, as AWS does, and no rule fires
// before it was created. A rule's state is read as it is now: the store keeps no history of when
// it was enabled or disabled, so the caller should ask for short windows as its clock advances.
import {firingsBetween, parseSchedule} from '../../schedule/index.js'
import type {EventsStore, StoredRule, StoredTarget} from './store.js'

export interface DueFiring {
  rule: StoredRule
  target: StoredTarget
  at: Date
}

/** Firings in (from, to], ordered by time, then rule name, then the rule's target order. */
export function dueFirings(store: EventsStore, from: Date, to: Date): DueFiring[] {
  const due: DueFiring[] = []
  for (const rule of store.list()) {
    if (rule.scheduleExpression === undefined || rule.state === 'DISABLED' || rule.targets.length === 0) continue
    const schedule = parseSchedule(rule.scheduleExpression)
    const createdAt = new Date(rule.createdAt)
    const since = createdAt.getTime() > from.getTime() ? createdAt : from
    for (const at of firingsBetween(schedule, since, to, createdAt)) {
      for (const target of rule.targets) due.push({rule, target, at})
    }
  }
  // store.list() is sorted by name and sort() is stable, so equal times keep rule and target order.
  return due.sort((a, b) => a.at.getTime() - b.at.getTime())
}
