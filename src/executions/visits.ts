// Turns a Step Functions history into state visits: one per StateEntered, with its exit, its task
// attempts, its final failure and whether a Catch took it. Events are attributed through
// previousEventId chains, as AWS links them, so concurrent Parallel branches and Map iterations
// never get mixed up; histories without usable chains fall back to the newest open visit by name.
import type {HistoryEvent} from '@aws-sdk/client-sfn'

export interface Failure {
  error: string
  cause: string
  eventId: number
  at: Date
}

export interface StateVisit {
  name: string
  /** The state type as the events name it: Task, Pass, Choice, Parallel, Map, Wait, Succeed, Fail. */
  type: string
  enteredId: number
  enteredAt: Date
  exitedId?: number
  exitedAt?: Date
  input?: string
  output?: string
  /** Task attempts (TaskScheduled events); 1 for other states. */
  attempts: number
  /** The error of the last attempt, when the last attempt failed. */
  failure?: Failure
  aborted: boolean
  /** The visit this one was entered from (its StateEntered's previousEventId), if known. */
  from?: StateVisit
  /** Visits entered from this one. */
  next: StateVisit[]
  lastEventAt: Date
  /** Execution run index: 0 for the first run, n after the n-th ExecutionRedriven. */
  run: number
}

export interface VisitLog {
  visits: StateVisit[]
  byName: Map<string, StateVisit[]>
  execution: {
    startedAt?: Date
    stoppedAt?: Date
    input?: string
    output?: string
    status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED'
    failure?: {error: string; cause: string}
    redrives: number
  }
}

const FAILURE_DETAILS = [
  'taskFailedEventDetails',
  'taskTimedOutEventDetails',
  'lambdaFunctionFailedEventDetails',
  'lambdaFunctionTimedOutEventDetails',
  'activityFailedEventDetails',
  'activityTimedOutEventDetails',
  'taskStartFailedEventDetails',
  'taskSubmitFailedEventDetails',
  'lambdaFunctionStartFailedEventDetails',
  'lambdaFunctionScheduleFailedEventDetails',
  'activityScheduleFailedEventDetails',
] as const

function failureOf(e: HistoryEvent): {error: string; cause: string} | undefined {
  for (const key of FAILURE_DETAILS) {
    const d = (e as unknown as Record<string, unknown>)[key] as {error?: string; cause?: string} | undefined
    if (d) return {error: d.error ?? 'States.TaskFailed', cause: d.cause ?? ''}
  }
  if (e.type === 'ParallelStateFailed' || e.type === 'MapStateFailed') return {error: 'States.BranchFailed', cause: ''}
  return undefined
}

const isAttemptStart = (type: string) => type === 'TaskScheduled' || type === 'LambdaFunctionScheduled' || type === 'ActivityScheduled'
const isAttemptSuccess = (type: string) => type === 'TaskSucceeded' || type === 'LambdaFunctionSucceeded' || type === 'ActivitySucceeded' || type === 'ParallelStateSucceeded' || type === 'MapStateSucceeded'
const isAbort = (type: string) => type.endsWith('Aborted') && !type.startsWith('Execution')

export function buildVisits(events: readonly HistoryEvent[]): VisitLog {
  const owner = new Map<number, StateVisit>()
  const open = new Map<string, StateVisit[]>()
  const visits: StateVisit[] = []
  const byName = new Map<string, StateVisit[]>()
  const log: VisitLog = {visits, byName, execution: {status: 'RUNNING', redrives: 0}}
  let run = 0
  let lastVisit: StateVisit | undefined
  // Events that open a Parallel branch or a Map iteration: a state entered from one is contained, not transitioned to.
  const containerStarts = new Set<number>()

  const closeOpen = (v: StateVisit) => {
    const list = open.get(v.name)
    const i = list?.lastIndexOf(v) ?? -1
    if (list && i >= 0) list.splice(i, 1)
  }
  const openByName = (name: string | undefined) => (name ? open.get(name)?.at(-1) : undefined)

  for (const e of events) {
    const id = e.id ?? 0
    const type = e.type ?? ''
    const at = e.timestamp instanceof Date ? e.timestamp : new Date(e.timestamp ?? 0)
    const prev = e.previousEventId === undefined ? undefined : owner.get(e.previousEventId)

    if (type === 'ExecutionStarted') {
      log.execution.startedAt = at
      log.execution.input = e.executionStartedEventDetails?.input
      continue
    }
    if (type === 'ExecutionRedriven') {
      run++
      log.execution.redrives++
      log.execution.status = 'RUNNING'
      log.execution.stoppedAt = undefined
      log.execution.failure = undefined
      continue
    }
    if (type.startsWith('Execution')) {
      log.execution.stoppedAt = at
      if (type === 'ExecutionSucceeded') {
        log.execution.status = 'SUCCEEDED'
        log.execution.output = e.executionSucceededEventDetails?.output
      } else if (type === 'ExecutionFailed') {
        log.execution.status = 'FAILED'
        log.execution.failure = {error: e.executionFailedEventDetails?.error ?? '', cause: e.executionFailedEventDetails?.cause ?? ''}
      } else if (type === 'ExecutionAborted') {
        log.execution.status = 'ABORTED'
      } else if (type === 'ExecutionTimedOut') {
        log.execution.status = 'TIMED_OUT'
        log.execution.failure = {error: e.executionTimedOutEventDetails?.error ?? 'States.Timeout', cause: e.executionTimedOutEventDetails?.cause ?? ''}
      }
      continue
    }

    if (type.endsWith('StateEntered')) {
      const name = e.stateEnteredEventDetails?.name ?? '?'
      const visit: StateVisit = {
        name,
        type: type.slice(0, -'StateEntered'.length),
        enteredId: id,
        enteredAt: at,
        input: e.stateEnteredEventDetails?.input,
        attempts: 0,
        aborted: false,
        next: [],
        lastEventAt: at,
        run,
      }
      // Entered from the visit owning the previous event, unless that is the enclosing Parallel/Map
      // start (a branch's first state) — that is containment, not a transition.
      const from = prev && !containerStarts.has(e.previousEventId ?? -1) ? prev : undefined
      if (from) {
        visit.from = from
        from.next.push(visit)
      }
      visits.push(visit)
      owner.set(id, visit)
      if (!open.has(name)) open.set(name, [])
      open.get(name)!.push(visit)
      if (!byName.has(name)) byName.set(name, [])
      byName.get(name)!.push(visit)
      lastVisit = visit
      continue
    }

    if (type.endsWith('StateExited')) {
      const name = e.stateExitedEventDetails?.name
      const visit = prev && prev.name === name ? prev : openByName(name)
      if (!visit) continue
      visit.exitedId = id
      visit.exitedAt = at
      visit.output = e.stateExitedEventDetails?.output
      visit.lastEventAt = at
      owner.set(id, visit)
      closeOpen(visit)
      continue
    }

    // Anything else belongs to a state visit: task lifecycle, Parallel/Map lifecycle, aborts.
    const visit = prev ?? lastVisit
    if (!visit) continue
    owner.set(id, visit)
    visit.lastEventAt = at
    if (type === 'ParallelStateStarted' || type === 'MapStateStarted' || type.startsWith('MapIteration')) containerStarts.add(id)
    if (isAttemptStart(type)) {
      visit.attempts++
      visit.failure = undefined
    } else if (isAttemptSuccess(type)) {
      visit.failure = undefined
    } else if (isAbort(type)) {
      visit.aborted = true
      closeOpen(visit)
    } else {
      const failure = failureOf(e)
      if (failure) visit.failure = {...failure, eventId: id, at}
    }
  }
  for (const v of visits) if (v.attempts === 0) v.attempts = 1
  return log
}

/** A visit whose last attempt failed and from which the run went on: a Catch took the error. */
export const wasCaught = (v: StateVisit): boolean => v.failure !== undefined && v.next.length > 0
