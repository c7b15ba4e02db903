// Map (inline; a DISTRIBUTED Map runs inline too, which validateDefinition reports): selects the
// items (ItemsPath or Items), shapes each (ItemSelector, or the older Parameters, with
// $$.Map.Item), runs the ItemProcessor (or the older Iterator) per item with MaxConcurrency
// (0 meaning AWS's inline limit of 40) and outputs the array of results. ToleratedFailureCount /
// Percentage let that many iterations fail before the state does.
import type {JsonValue, MapState} from '../../../asl/types.js'
import {applyInputPath, applyTemplate, readPath} from '../data-flow.js'
import {runtimeError} from '../errors.js'
import {evaluateExpression, evaluateTemplate, isJsonataExpression, jsonTypeName, unexpectedType} from '../jsonata.js'
import {withRetryAndCatch} from '../retry-catch.js'
import {nextOf, type StateContext, type StateResult} from '../runtime.js'
import {finishJsonata, finishJsonPath, jsonataScope, pathScope, type ContextExtras} from '../state-io.js'
import {fanOut, type FanOutSpec} from './fan-out.js'
import {closeWith, isBranch} from './parallel.js'

/** Step Functions runs at most 40 iterations of an inline Map at once. */
export const INLINE_MAP_CONCURRENCY = 40

interface Plan {
  items: JsonValue[]
  inputs: JsonValue[]
  concurrency: number
  tolerance: FanOutSpec['tolerance']
}

export async function runMap(ctx: StateContext): Promise<StateResult> {
  const state = ctx.state as MapState
  const processor = state.ItemProcessor ?? state.Iterator
  if (!isBranch(processor)) throw runtimeError('A Map state needs an ItemProcessor (or Iterator) state machine')
  if (state.ItemReader !== undefined) throw runtimeError('ItemReader is not supported by the local engine: put the items in the input')
  const next = nextOf(state)
  let resume = ctx.resume
  return withRetryAndCatch(
    ctx,
    async (retryCount) => {
      const extras: ContextExtras = {retryCount}
      const jsonata = ctx.queryLanguage === 'JSONata'
      const plan = jsonata ? await planJsonata(ctx, state, extras) : planJsonPath(ctx, state, extras)
      const startedId = ctx.frame.emit('MapStateStarted', {mapStateStartedEventDetails: {length: plan.items.length}})
      const from = resume
      resume = undefined
      const spec: FanOutSpec = {
        ctx,
        kind: 'map',
        size: plan.items.length,
        concurrency: plan.concurrency,
        startedId,
        resume: from,
        child: (index) => ({branch: processor, input: plan.inputs[index] ?? null}),
      }
      if (plan.tolerance !== undefined) spec.tolerance = plan.tolerance
      const {outputs, last} = await fanOut(spec)
      ctx.frame.emit('MapStateSucceeded', {}, {prev: last, advance: false})
      ctx.frame.cursor = last
      const done = jsonata ? await finishJsonata(ctx, outputs, outputs, extras) : finishJsonPath(ctx, outputs, {resultSelector: true, extras})
      return {...done, next}
    },
    {onFinalFailure: () => closeWith(ctx, 'MapStateFailed')},
  )
}

function planJsonPath(ctx: StateContext, state: MapState, extras: ContextExtras): Plan {
  const scope = pathScope(ctx, extras)
  const effective = applyInputPath(state.InputPath, ctx.input, scope)
  const items = typeof state.ItemsPath === 'string' ? readPath(state.ItemsPath, effective, scope, 'ItemsPath') : effective
  if (!Array.isArray(items)) {
    throw runtimeError(`The ItemsPath field must reference a JSON array, but references ${jsonTypeName(items)}: ${typeof state.ItemsPath === 'string' ? state.ItemsPath : '$'}`)
  }
  const selector = state.ItemSelector ?? state.Parameters
  const inputs = items.map((value, index) =>
    selector === undefined ? value : applyTemplate(selector, effective, {context: withItem(scope.context, index, value), variables: scope.variables}),
  )
  const count = (field: 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage'): number | undefined => {
    const path = state[`${field}Path`]
    if (typeof path === 'string') {
      const value = readPath(path, effective, scope, `${field}Path`)
      if (!isCount(value, field)) throw runtimeError(`The ${field}Path field refers to value ${JSON.stringify(JSON.stringify(value))} which is not a valid ${field === 'ToleratedFailurePercentage' ? 'number' : 'integer'}: ${path}`)
      return value
    }
    const value = state[field]
    if (value === undefined) return undefined
    if (!isCount(value, field)) throw runtimeError(`The field '${field}' must be a non-negative ${field === 'ToleratedFailurePercentage' ? 'number' : 'integer'}`)
    return value
  }
  return {items, inputs, concurrency: concurrencyOf(count('MaxConcurrency')), tolerance: toleranceOf(count('ToleratedFailureCount'), count('ToleratedFailurePercentage'))}
}

async function planJsonata(ctx: StateContext, state: MapState, extras: ContextExtras): Promise<Plan> {
  const scope = jsonataScope(ctx, {input: ctx.input}, extras)
  const rawItems = state.Items
  const items = rawItems === undefined ? ctx.input : isJsonataExpression(rawItems) ? await evaluateExpression(rawItems, scope, 'Items') : await evaluateTemplate(rawItems, scope, 'Items')
  if (!Array.isArray(items)) throw unexpectedType(typeof rawItems === 'string' ? rawItems : JSON.stringify(rawItems ?? '$states.input'), 'Items', 'array', items)
  const inputs: JsonValue[] = []
  for (let index = 0; index < items.length; index++) {
    const value = items[index] as JsonValue
    if (state.ItemSelector === undefined) {
      inputs.push(value)
      continue
    }
    const itemScope = {...scope, states: {...scope.states, context: withItem(scope.states.context, index, value)}}
    inputs.push(await evaluateTemplate(state.ItemSelector, itemScope, 'ItemSelector'))
  }
  const count = async (field: 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage'): Promise<number | undefined> => {
    const raw = state[field] as unknown
    if (raw === undefined) return undefined
    const value = isJsonataExpression(raw) ? await evaluateExpression(raw, scope, field) : raw
    if (!isCount(value, field)) {
      if (isJsonataExpression(raw)) throw unexpectedType(raw, field, field === 'ToleratedFailurePercentage' ? 'number' : 'integer', value as JsonValue)
      throw runtimeError(`The field '${field}' must be a non-negative ${field === 'ToleratedFailurePercentage' ? 'number' : 'integer'}`)
    }
    return value
  }
  return {items, inputs, concurrency: concurrencyOf(await count('MaxConcurrency')), tolerance: toleranceOf(await count('ToleratedFailureCount'), await count('ToleratedFailurePercentage'))}
}

function isCount(value: unknown, field: string): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return false
  return field === 'ToleratedFailurePercentage' ? value <= 100 : Number.isInteger(value)
}

const concurrencyOf = (max: number | undefined): number => (max === undefined || max === 0 ? INLINE_MAP_CONCURRENCY : Math.min(max, INLINE_MAP_CONCURRENCY))

function toleranceOf(count: number | undefined, percentage: number | undefined): FanOutSpec['tolerance'] {
  if (count === undefined && percentage === undefined) return undefined
  const tolerance: NonNullable<FanOutSpec['tolerance']> = {}
  if (count !== undefined) tolerance.count = count
  if (percentage !== undefined) tolerance.percentage = percentage
  return tolerance
}

function withItem(context: JsonValue, index: number, value: JsonValue): JsonValue {
  return {...(context as Record<string, JsonValue>), Map: {Item: {Index: index, Value: value}}}
}

