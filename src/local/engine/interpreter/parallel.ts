// Parallel: runs every branch on the same input (Parameters or Arguments applied) and outputs the
// array of their outputs, in branch order. A failing branch stops the others; Retry runs all the
// branches again, a redrive only the ones that did not succeed.
import type {Branch, ParallelState} from '../../../asl/types.js'
import {runtimeError} from '../errors.js'
import {withRetryAndCatch} from '../retry-catch.js'
import {nextOf, type StateContext, type StateResult} from '../runtime.js'
import {argumentsJsonata, effectiveInputJsonPath, finishJsonata, finishJsonPath} from '../state-io.js'
import {fanOut} from './fan-out.js'

export async function runParallel(ctx: StateContext): Promise<StateResult> {
  const state = ctx.state as ParallelState
  const branches = state.Branches
  if (!Array.isArray(branches) || branches.length === 0 || !branches.every(isBranch)) {
    throw runtimeError('A Parallel state needs a non-empty Branches array of state machines')
  }
  const next = nextOf(state)
  let resume = ctx.resume
  return withRetryAndCatch(
    ctx,
    async (retryCount) => {
      const extras = {retryCount}
      const jsonata = ctx.queryLanguage === 'JSONata'
      const input = jsonata ? await argumentsJsonata(ctx, extras) : effectiveInputJsonPath(ctx, 'Parameters', extras)
      const startedId = ctx.frame.emit('ParallelStateStarted')
      const from = resume
      resume = undefined
      const {outputs, last} = await fanOut({
        ctx,
        kind: 'parallel',
        size: branches.length,
        concurrency: branches.length,
        startedId,
        resume: from,
        child: (index) => ({branch: branches[index] as Branch, input}),
      })
      ctx.frame.emit('ParallelStateSucceeded', {}, {prev: last, advance: false})
      ctx.frame.cursor = last
      const done = jsonata ? await finishJsonata(ctx, outputs, outputs, extras) : finishJsonPath(ctx, outputs, {resultSelector: true, extras})
      return {...done, next}
    },
    {onFinalFailure: () => closeWith(ctx, 'ParallelStateFailed')},
  )
}

export function closeWith(ctx: StateContext, type: 'ParallelStateFailed' | 'MapStateFailed'): void {
  ctx.frame.emit(type)
  if (ctx.frame.open !== undefined) ctx.frame.open.closed = true
}

export const isBranch = (value: unknown): value is Branch =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as Branch).StartAt === 'string' &&
  (value as Branch).States !== null &&
  typeof (value as Branch).States === 'object'
