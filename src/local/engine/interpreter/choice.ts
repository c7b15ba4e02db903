// Choice: JSONPath rules through the shared evaluator (src/asl/choice.ts, the one the recovery
// planner uses too); JSONata rules through their Condition. A matching rule's Assign and Output
// apply; when the Default is taken, the state's own.
import {chooseNext} from '../../../asl/choice.js'
import {StatesError} from '../../../asl/states-error.js'
import type {ChoiceRule, ChoiceState, JsonObject, JsonValue} from '../../../asl/types.js'
import {applyInputPath, applyOutputPath, assignJsonPath} from '../data-flow.js'
import {runtimeError} from '../errors.js'
import {evaluateExpression, evaluateTemplate, isJsonataExpression, unexpectedType} from '../jsonata.js'
import type {StateContext, StateResult} from '../runtime.js'
import {assignJsonata, jsonataScope, pathScope} from '../state-io.js'

const noMatch = (): StatesError => new StatesError('States.NoChoiceMatched', 'No Choice rule matched the input and the Choice state has no Default')

export async function runChoice(ctx: StateContext): Promise<StateResult> {
  const state = ctx.state as ChoiceState
  if (!Array.isArray(state.Choices)) throw runtimeError('A Choice state needs a Choices array')
  return ctx.queryLanguage === 'JSONata' ? choiceJsonata(ctx, state) : choiceJsonPath(ctx, state)
}

function choiceJsonPath(ctx: StateContext, state: ChoiceState): StateResult {
  const scope = pathScope(ctx)
  const effective = applyInputPath(state.InputPath, ctx.input, scope)
  const outcome = chooseNext(state, {input: effective, context: scope.context, variables: scope.variables})
  if (outcome.next === null) throw noMatch()
  const rule: ChoiceRule | ChoiceState = outcome.ruleIndex >= 0 ? (state.Choices[outcome.ruleIndex] as ChoiceRule) : state
  const assigned = assignJsonPath(rule.Assign, effective, scope)
  const output = applyOutputPath(state.OutputPath, effective, scope)
  return assigned === undefined ? {output, next: outcome.next} : {output, next: outcome.next, assigned}
}

async function choiceJsonata(ctx: StateContext, state: ChoiceState): Promise<StateResult> {
  const scope = jsonataScope(ctx, {input: ctx.input})
  let chosen: {next: string; assign: JsonObject | undefined; output: JsonValue | undefined; where: string} | undefined
  for (let i = 0; i < state.Choices.length && chosen === undefined; i++) {
    const rule = state.Choices[i] as ChoiceRule
    if (await condition(rule.Condition, scope, `Choices[${i}]/Condition`)) {
      if (typeof rule.Next !== 'string') throw runtimeError(`Choice rule ${i} has no Next`)
      chosen = {next: rule.Next, assign: rule.Assign, output: rule.Output as JsonValue | undefined, where: `Choices[${i}]/`}
    }
  }
  if (chosen === undefined) {
    if (typeof state.Default !== 'string') throw noMatch()
    chosen = {next: state.Default, assign: state.Assign, output: state.Output, where: ''}
  }
  const assigned = await assignJsonata(chosen.assign, scope, `${chosen.where}Assign`)
  const output = chosen.output === undefined ? ctx.input : await evaluateTemplate(chosen.output, scope, `${chosen.where}Output`)
  return assigned === undefined ? {output, next: chosen.next} : {output, next: chosen.next, assigned}
}

async function condition(value: unknown, scope: Parameters<typeof evaluateExpression>[1], location: string): Promise<boolean> {
  if (typeof value === 'boolean') return value
  if (!isJsonataExpression(value)) throw runtimeError(`The field '${location}' must be a JSONata expression or a boolean`)
  const result = await evaluateExpression(value, scope, location)
  if (typeof result !== 'boolean') throw unexpectedType(value, location, 'boolean', result)
  return result
}
