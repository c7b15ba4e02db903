// Pass: hands its input (or its Result, or its Parameters) on, through the usual data flow.
import type {PassState} from '../../../asl/types.js'
import {nextOf, type StateContext, type StateResult} from '../runtime.js'
import {effectiveInputJsonPath, finishJsonata, finishJsonPath} from '../state-io.js'

const PASS_FIELDS = ['InputPath', 'Parameters', 'Result', 'ResultPath', 'OutputPath', 'Assign'] as const

export async function runPass(ctx: StateContext): Promise<StateResult> {
  const state = ctx.state as PassState
  const next = nextOf(state)
  if (ctx.queryLanguage === 'JSONata') {
    const result = Object.hasOwn(state, 'Result') ? (state.Result ?? null) : undefined
    const done = await finishJsonata(ctx, result, result ?? ctx.input)
    return {...done, next}
  }
  // A Pass with no data-flow fields hands its input on as it is: skip the machinery.
  if (!PASS_FIELDS.some((f) => Object.hasOwn(state, f))) return {output: ctx.input, next}
  const effective = effectiveInputJsonPath(ctx, 'Parameters')
  const result = Object.hasOwn(state, 'Result') ? (state.Result ?? null) : effective
  return {...finishJsonPath(ctx, result, {resultSelector: false}), next}
}
