// Succeed ends its frame with its (filtered) input; Fail ends it with an error and a cause, either
// of which may be absent, taken from the definition, a path, an intrinsic or a JSONata expression.
import type {FailState, JsonValue, SucceedState} from '../../../asl/types.js'
import {applyInputPath, applyOutputPath, readPath} from '../data-flow.js'
import {runtimeError, StateFailure, type Failure} from '../errors.js'
import {evaluateIntrinsic, isIntrinsic} from '../intrinsics/index.js'
import {evaluateExpression, isJsonataExpression, unexpectedType} from '../jsonata.js'
import type {StateContext, StateResult} from '../runtime.js'
import {finishJsonata, jsonataScope, pathScope} from '../state-io.js'

export async function runSucceed(ctx: StateContext): Promise<StateResult> {
  const state = ctx.state as SucceedState
  if (ctx.queryLanguage === 'JSONata') {
    const {output} = await finishJsonata(ctx, undefined, ctx.input)
    return {output, next: undefined}
  }
  const scope = pathScope(ctx)
  const output = applyOutputPath(state.OutputPath, applyInputPath(state.InputPath, ctx.input, scope), scope)
  return {output, next: undefined}
}

export async function runFail(ctx: StateContext): Promise<StateResult> {
  const state = ctx.state as FailState
  const failure: Failure = {}
  const error = await failField(ctx, state.Error, state.ErrorPath, 'Error')
  const cause = await failField(ctx, state.Cause, state.CausePath, 'Cause')
  if (error !== undefined) failure.error = error
  if (cause !== undefined) failure.cause = cause
  throw new StateFailure(failure)
}

async function failField(ctx: StateContext, literal: unknown, path: unknown, name: 'Error' | 'Cause'): Promise<string | undefined> {
  if (ctx.queryLanguage === 'JSONata') {
    if (literal === undefined) return undefined
    if (!isJsonataExpression(literal)) return typeof literal === 'string' ? literal : String(literal)
    const value = await evaluateExpression(literal, jsonataScope(ctx, {input: ctx.input}), name)
    if (typeof value !== 'string') throw unexpectedType(literal, name, 'string', value)
    return value
  }
  if (path === undefined) return typeof literal === 'string' ? literal : undefined
  if (typeof path !== 'string') throw runtimeError(`The field '${name}Path' must be a string`)
  const scope = pathScope(ctx)
  const data = {input: ctx.input, context: scope.context, variables: scope.variables}
  const value: JsonValue = isIntrinsic(path) ? evaluateIntrinsic(path, data) : readPath(path, ctx.input, scope, `${name}Path`)
  if (typeof value !== 'string') {
    throw runtimeError(`The ${name}Path '${path}' must resolve to a string, but resolved to ${JSON.stringify(value)}`)
  }
  return value
}
