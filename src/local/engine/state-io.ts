// The input/output steps every state type shares, in both query languages, so each state handler
// only says what its own work is. Reads in a state (paths, expressions, Assign) all see the
// variables as they were when the state was entered; new values take effect when it exits.
import type {CatchRule, JsonObject, JsonValue, State} from '../../asl/types.js'
import {contextObject, type StateIdentity} from './context-object.js'
import {
  applyInputPath,
  applyOutputPath,
  applyResultPathTo,
  applyTemplate,
  assignJsonPath,
  type PathScope,
} from './data-flow.js'
import {runtimeError} from './errors.js'
import {evaluateExpression, evaluateTemplate, isJsonataExpression, type JsonataScope, type StatesBinding} from './jsonata.js'
import {isObject} from './payload.js'
import type {StateContext} from './runtime.js'

export interface ContextExtras {
  retryCount?: number
  taskToken?: string
  mapItem?: {index: number; value: JsonValue}
}

export function contextOf(ctx: StateContext, extras: ContextExtras = {}): JsonObject {
  const identity: StateIdentity = {name: ctx.name, enteredTime: ctx.enteredTime}
  if (extras.retryCount !== undefined) identity.retryCount = extras.retryCount
  return contextObject(ctx.frame.run.identity, identity, extras)
}

/**
 * The Context object is built on first read: most states never read `$$`, and building it costs
 * dates and objects on every state. A class keeps the getter on the prototype, which V8 handles
 * far faster than an accessor on each literal.
 */
class LazyPathScope implements PathScope {
  private built: JsonObject | undefined
  readonly variables: JsonObject
  constructor(
    private readonly ctx: StateContext,
    private readonly extras: ContextExtras,
  ) {
    this.variables = ctx.frame.variables
  }
  get context(): JsonObject {
    return (this.built ??= contextOf(this.ctx, this.extras))
  }
}

export function pathScope(ctx: StateContext, extras: ContextExtras = {}): PathScope {
  return new LazyPathScope(ctx, extras)
}

export function jsonataScope(ctx: StateContext, states: Omit<StatesBinding, 'context'>, extras: ContextExtras = {}): JsonataScope {
  return {states: {...states, context: contextOf(ctx, extras)}, variables: ctx.frame.variables, clock: ctx.frame.run.clock}
}

const field = <K extends string>(state: State, name: K): JsonValue | undefined => (state as unknown as Record<string, JsonValue | undefined>)[name]

// ---- JSONPath -----------------------------------------------------------------------------------

/** InputPath, then the payload template in `templateField` (Parameters): what the state works on. */
export function effectiveInputJsonPath(ctx: StateContext, templateField: 'Parameters' | undefined, extras: ContextExtras = {}): JsonValue {
  const scope = pathScope(ctx, extras)
  const selected = applyInputPath(field(ctx.state, 'InputPath'), ctx.input, scope)
  const template = templateField === undefined ? undefined : field(ctx.state, templateField)
  return template === undefined ? selected : applyTemplate(template, selected, scope)
}

/**
 * After the work: Assign (its `$` is the raw result), ResultSelector, ResultPath into the raw input,
 * OutputPath.
 */
export function finishJsonPath(ctx: StateContext, result: JsonValue, options: {resultSelector: boolean; extras?: ContextExtras}): {output: JsonValue; assigned?: JsonObject} {
  const scope = pathScope(ctx, options.extras)
  const assigned = assignJsonPath(field(ctx.state, 'Assign'), result, scope)
  const selector = options.resultSelector ? field(ctx.state, 'ResultSelector') : undefined
  const selected = selector === undefined ? result : applyTemplate(selector, result, scope)
  const placed = applyResultPathTo(ctx.input, field(ctx.state, 'ResultPath'), selected)
  const output = applyOutputPath(field(ctx.state, 'OutputPath'), placed, scope)
  return assigned === undefined ? {output} : {output, assigned}
}

// ---- JSONata ------------------------------------------------------------------------------------

/** Arguments (a template of `{% %}` strings), or the state input when there are none. */
export async function argumentsJsonata(ctx: StateContext, extras: ContextExtras = {}): Promise<JsonValue> {
  const args = field(ctx.state, 'Arguments')
  if (args === undefined) return ctx.input
  return evaluateTemplate(args, jsonataScope(ctx, {input: ctx.input}, extras), 'Arguments')
}

/** Assign and Output, both evaluated with $states.result (when there is one) and the old variables. */
export async function finishJsonata(
  ctx: StateContext,
  result: JsonValue | undefined,
  defaultOutput: JsonValue,
  extras: ContextExtras = {},
): Promise<{output: JsonValue; assigned?: JsonObject}> {
  const states: Omit<StatesBinding, 'context'> = result === undefined ? {input: ctx.input} : {input: ctx.input, result}
  const scope = jsonataScope(ctx, states, extras)
  const assigned = await assignJsonata(field(ctx.state, 'Assign'), scope)
  const outputTemplate = field(ctx.state, 'Output')
  const output = outputTemplate === undefined ? defaultOutput : await evaluateTemplate(outputTemplate, scope, 'Output')
  return assigned === undefined ? {output} : {output, assigned}
}

export async function assignJsonata(assign: JsonValue | undefined, scope: JsonataScope, location = 'Assign'): Promise<JsonObject | undefined> {
  if (assign === undefined) return undefined
  if (!isObject(assign)) {
    if (isJsonataExpression(assign)) {
      const value = await evaluateExpression(assign, scope, location)
      if (isObject(value)) return value
    }
    throw runtimeError(`The field '${location}' must be an object`)
  }
  return (await evaluateTemplate(assign, scope, location)) as JsonObject
}

// ---- Catch --------------------------------------------------------------------------------------

/** The output and variables of a state whose error a Catch rule caught. */
export async function catchOutput(ctx: StateContext, rule: CatchRule, errorOutput: JsonObject): Promise<{output: JsonValue; assigned?: JsonObject}> {
  if (ctx.queryLanguage === 'JSONata') {
    const scope = jsonataScope(ctx, {input: ctx.input, errorOutput})
    const assigned = await assignJsonata(rule.Assign, scope, 'Catch/Assign')
    const output = rule.Output === undefined ? errorOutput : await evaluateTemplate(rule.Output, scope, 'Catch/Output')
    return assigned === undefined ? {output} : {output, assigned}
  }
  const scope = pathScope(ctx)
  const assigned = assignJsonPath(rule.Assign, errorOutput, scope)
  const output = applyResultPathTo(ctx.input, rule.ResultPath, errorOutput)
  return assigned === undefined ? {output} : {output, assigned}
}
