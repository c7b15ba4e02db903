// Retry and Catch for Task, Parallel and Map states, as the States Language defines them: retriers
// and catchers are tried in order and the first whose ErrorEquals matches decides; a retrier counts
// its own attempts (MaxAttempts default 3, 0 never retries) and waits IntervalSeconds (default 1)
// times BackoffRate (default 2.0) to the power of its retries so far, capped by MaxDelaySeconds, all
// of it randomised by JitterStrategy FULL. Once the matching retrier is spent the Catch rules get
// the error. States.ALL matches everything that reaches here (States.Runtime never does);
// States.TaskFailed everything but timeouts.
import type {CatchRule, JsonObject, RetryRule, TaskState} from '../../asl/types.js'
import {Aborted, classify, errorOutput, StateFailure, type Classified, type Failure} from './errors.js'
import {recordEvaluationFailure} from './interpreter/run-frame.js'
import type {StateContext, StateResult} from './runtime.js'
import {catchOutput} from './state-io.js'

export const HEARTBEAT_TIMEOUT = 'States.HeartbeatTimeout'
const TIMEOUTS: ReadonlySet<string> = new Set(['States.Timeout', HEARTBEAT_TIMEOUT])

export function errorMatches(errorEquals: unknown, classified: Pick<Classified, 'failure' | 'fromBranch'>): boolean {
  if (!Array.isArray(errorEquals)) return false
  const error = classified.failure.error
  for (const name of errorEquals) {
    if (name === 'States.ALL') return true
    if (error === undefined || typeof name !== 'string') continue
    if (name === error) return true
    if (name === 'States.TaskFailed' && !TIMEOUTS.has(error)) return true
    if (name === 'States.Timeout' && error === HEARTBEAT_TIMEOUT) return true
    if (name === 'States.BranchFailed' && classified.fromBranch) return true
  }
  return false
}

/** Milliseconds to wait before the retry that follows `retriesSoFar` retries of this retrier. */
export function retryDelayMs(rule: RetryRule, retriesSoFar: number, random: () => number = Math.random): number {
  const interval = positiveOr(rule.IntervalSeconds, 1)
  const backoff = typeof rule.BackoffRate === 'number' && rule.BackoffRate >= 1 ? rule.BackoffRate : 2
  let seconds = interval * backoff ** retriesSoFar
  if (typeof rule.MaxDelaySeconds === 'number' && rule.MaxDelaySeconds > 0) seconds = Math.min(seconds, rule.MaxDelaySeconds)
  if (!Number.isFinite(seconds)) seconds = 31_622_400 // a year: a definition asking for more waits "forever"
  if (rule.JitterStrategy === 'FULL') seconds = random() * seconds
  return Math.round(seconds * 1000)
}

const positiveOr = (value: unknown, fallback: number): number => (typeof value === 'number' && value > 0 ? value : fallback)

const maxAttempts = (rule: RetryRule): number =>
  typeof rule.MaxAttempts === 'number' && Number.isInteger(rule.MaxAttempts) && rule.MaxAttempts >= 0 ? rule.MaxAttempts : 3

export interface RetryHooks {
  /** Called once the error will not be retried, before Catch: MapStateFailed, ParallelStateFailed. */
  onFinalFailure?: () => void
}

/**
 * Runs `attempt` (given the retry count so far, for $$.State.RetryCount) under the state's Retry
 * and Catch. A caught error ends the state normally, towards the catcher's Next.
 */
export async function withRetryAndCatch(
  ctx: StateContext,
  attempt: (retryCount: number) => Promise<StateResult>,
  hooks: RetryHooks = {},
): Promise<StateResult> {
  const state = ctx.state as Pick<TaskState, 'Retry' | 'Catch'>
  const retriers: RetryRule[] = Array.isArray(state.Retry) ? state.Retry : []
  const catchers: CatchRule[] = Array.isArray(state.Catch) ? state.Catch : []
  const counts = retriers.map(() => 0)
  let retryCount = 0
  for (;;) {
    let classified: Classified
    try {
      return await attempt(retryCount)
    } catch (error) {
      if (error instanceof Aborted || ctx.frame.stopped) throw new Aborted()
      recordEvaluationFailure(ctx, error)
      classified = classify(error, ctx.name, ctx.enteredId)
      if (classified.terminal) throw asFailure(classified)
    }
    const r = retriers.findIndex((rule) => errorMatches(rule?.ErrorEquals, classified))
    const rule = retriers[r]
    if (rule !== undefined && (counts[r] as number) < maxAttempts(rule)) {
      const delay = retryDelayMs(rule, counts[r] as number)
      counts[r] = (counts[r] as number) + 1
      retryCount++
      await ctx.frame.run.clock.sleep(delay, ctx.frame.signal).catch(() => {
        throw new Aborted()
      })
      ctx.frame.throwIfStopped()
      continue
    }
    hooks.onFinalFailure?.()
    const catcher = catchers.find((c) => errorMatches(c?.ErrorEquals, classified))
    if (catcher === undefined) throw asFailure(classified)
    if (typeof catcher.Next !== 'string') throw new StateFailure({error: 'States.Runtime', cause: 'A Catch rule has no Next state'}, true, true)
    const caught = await catchOutput(ctx, catcher, errorOutput(classified.failure) as JsonObject)
    const result: StateResult = {output: caught.output, next: catcher.Next}
    if (caught.assigned !== undefined) result.assigned = caught.assigned
    return result
  }
}

function asFailure(c: Classified): StateFailure {
  return new StateFailure(c.failure as Failure, c.terminal, false, c.fromBranch)
}
