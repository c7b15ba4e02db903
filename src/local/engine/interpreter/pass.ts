// Pass: hands its input (or its Result, or its Parameters) on, through the usual data flow.
import type {PassState} from '../../../asl/types.js'
import {nextOf, type StateContext, type StateResult} from '../runtime.js'
import {effectiveInputJsonPath, finishJsonata, finishJsonPath} from '../state-io.js'

export async function runPass(ctx: StateContext): Promise<StateResult> {
  const state = ctx.state as PassState
  const next = nextOf(state)
  if (ctx.queryLanguage === 'JSONata') {
    const result = Object.hasOwn(state, 'Result') ? (state.Result ?? null) : undefined
    const done = await finishJsonata(ctx, result, result ?? ctx.input)
    return {...done, next}
  }
  const effective = effectiveInputJsonPath(ctx, 'Parameters')
  const result = Object.hasOwn(state, 'Result') ? (state.Result ?? null) : effective
  return {...finishJsonPath(ctx, result, {resultSelector: false}), next}
}
