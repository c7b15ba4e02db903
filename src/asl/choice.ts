// Choice evaluation, one pure function shared by the local engine and the recovery planner, so the
// planner predicts exactly the branch the engine (and AWS) takes.
//
// Semantics, from the States Language spec and Step Functions' observed behaviour:
// - A comparison whose two values are not both of the operator's type is false.
// - A Variable path that matches nothing is a States.Runtime error ("Invalid path '$.x': The choice
//   state's condition path references an invalid value."), for every operator but IsPresent, which
//   then just answers "absent" (so `IsPresent: false` is true). The same holds for the path on the
//   right of a *Path operator. The AWS guide says it of its own example ("If the state input doesn't
//   contain the $.type field, the execution fails"), and executions recorded by other ASL
//   interpreters (ManageIQ/floe's choice fixtures) show the message above for both sides.
// - And/Or stop at the first operand that settles the answer, so an IsPresent guard ANDed before a
//   comparison keeps an absent flag from failing the execution.
//
// Rules are compiled once per rule object (definitions are not mutated after loading) and checked
// then: a rule with two operators, an unknown field, or a literal of the wrong type is a definition
// error, thrown as States.Runtime naming the offending field.
import {compareValues, compileStringMatches, literalFits, OPERATORS, passesTypeTest} from './choice-operators.js'
import {parsePath} from './path-syntax.js'
import {readReferencePath, type PathData} from './paths.js'
import {StatesError} from './states-error.js'
import type {ChoiceRule, ChoiceState, JsonValue} from './types.js'

/** Evaluates one JSONPath Choice rule (comparison, And/Or/Not, Is*, *Path variants). */
export function evaluateChoiceRule(rule: ChoiceRule, data: PathData): boolean {
  return compile(rule, false)(data)
}

export type ChoiceOutcome =
  | {next: string; ruleIndex: number}
  | {next: string; ruleIndex: -1} // the Default
  | {next: null; ruleIndex: -1} // no rule matched and no Default: States.NoChoiceMatched

/** Picks the Next of a JSONPath Choice state for the data: the first matching rule, else Default. */
export function chooseNext(state: ChoiceState, data: PathData): ChoiceOutcome {
  const choices = state.Choices
  if (!Array.isArray(choices) || choices.length === 0) throw definitionError('a Choice state needs a non-empty Choices array')
  // Compile every rule before evaluating any, so a broken later rule fails the same way whichever
  // branch the data would take (AWS rejects such a definition outright).
  const evaluators = choices.map((rule, index) => {
    if (rule !== null && typeof rule === 'object' && 'Condition' in rule) {
      throw new Error(`Choice rule ${index} has a JSONata Condition: chooseNext handles JSONPath rules only`)
    }
    if (typeof rule?.Next !== 'string') throw definitionError(`Choice rule ${index} has no Next`)
    return compile(rule, false)
  })
  for (let i = 0; i < evaluators.length; i++) {
    if ((evaluators[i] as Evaluator)(data)) return {next: (choices[i] as ChoiceRule).Next as string, ruleIndex: i}
  }
  if (typeof state.Default === 'string') return {next: state.Default, ruleIndex: -1}
  return {next: null, ruleIndex: -1}
}

type Evaluator = (data: PathData) => boolean

const compiled = new WeakMap<ChoiceRule, Evaluator>()

// Fields a rule may carry besides its test. Next and Assign belong to top-level rules only.
const TOP_LEVEL_FIELDS = new Set(['Next', 'Assign', 'Comment'])
const NESTED_FIELDS = new Set(['Comment'])

function compile(rule: ChoiceRule, nested: boolean): Evaluator {
  const hit = compiled.get(rule)
  if (hit !== undefined) return hit
  const evaluator = build(rule, nested)
  compiled.set(rule, evaluator)
  return evaluator
}

function build(rule: ChoiceRule, nested: boolean): Evaluator {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) throw definitionError(`a Choice rule must be an object, got ${JSON.stringify(rule)}`)
  if ('Condition' in rule) throw new Error('This Choice rule has a JSONata Condition: JSONPath Choice evaluation handles Variable rules and And/Or/Not only')
  const allowed = nested ? NESTED_FIELDS : TOP_LEVEL_FIELDS
  const tests: string[] = []
  for (const key of Object.keys(rule)) {
    if (key === 'Variable' || allowed.has(key)) continue
    if (key === 'And' || key === 'Or' || key === 'Not' || OPERATORS.has(key)) tests.push(key)
    else if (TOP_LEVEL_FIELDS.has(key)) throw definitionError(`a rule nested in And/Or/Not cannot have '${key}'`)
    else throw definitionError(`unknown Choice operator '${key}' in ${describe(rule)}`)
  }
  if (tests.length === 0) throw definitionError(`the Choice rule ${describe(rule)} has no comparison operator and no And/Or/Not`)
  if (tests.length > 1) throw definitionError(`the Choice rule ${describe(rule)} has more than one operator: ${tests.join(', ')}`)
  const test = tests[0] as string
  if (test === 'And' || test === 'Or' || test === 'Not') {
    if ('Variable' in rule) throw definitionError(`the Choice rule ${describe(rule)} combines Variable with ${test}`)
    return buildBoolean(rule, test)
  }
  return buildDataTest(rule, test)
}

function buildBoolean(rule: ChoiceRule, test: 'And' | 'Or' | 'Not'): Evaluator {
  if (test === 'Not') {
    const operand = rule.Not
    if (operand === null || typeof operand !== 'object' || Array.isArray(operand)) throw definitionError('the value of Not must be a single Choice rule')
    const inner = compile(operand, true)
    return (data) => !inner(data)
  }
  const operands = rule[test]
  if (!Array.isArray(operands) || operands.length === 0) throw definitionError(`the value of ${test} must be a non-empty array of Choice rules`)
  const inner = operands.map((operand) => compile(operand as ChoiceRule, true))
  if (test === 'And') {
    return (data) => {
      for (const evaluate of inner) if (!evaluate(data)) return false
      return true
    }
  }
  return (data) => {
    for (const evaluate of inner) if (evaluate(data)) return true
    return false
  }
}

function buildDataTest(rule: ChoiceRule, name: string): Evaluator {
  const variable = rule.Variable
  if (typeof variable !== 'string') throw definitionError(`the ${name} rule needs a Variable that is a path string`)
  requireReferencePath(variable, 'Variable')
  const operator = OPERATORS.get(name)
  const operand = rule[name] as JsonValue
  if (operator === undefined) throw definitionError(`unknown Choice operator '${name}'`)

  if (operator.kind === 'is') {
    if (typeof operand !== 'boolean') throw definitionError(`${name} must be true or false, got ${JSON.stringify(operand)}`)
    if (operator.test === 'Present') return (data) => readReferencePath(variable, data).found === operand
    const test = operator.test
    return (data) => passesTypeTest(test, readVariable(variable, data)) === operand
  }

  if (operator.kind === 'matches') {
    if (typeof operand !== 'string') throw definitionError(`StringMatches must be a string pattern, got ${JSON.stringify(operand)}`)
    const matches = compileStringMatches(operand)
    return (data) => {
      const value = readVariable(variable, data)
      return typeof value === 'string' && matches(value)
    }
  }

  const {type, relation} = operator
  if (operator.path) {
    if (typeof operand !== 'string') throw definitionError(`${name} must be a path string, got ${JSON.stringify(operand)}`)
    requireReferencePath(operand, name)
    return (data) => compareValues(type, relation, readVariable(variable, data), readVariable(operand, data))
  }
  if (!literalFits(type, operand)) {
    const expected = type === 'Numeric' ? 'a number' : type === 'Boolean' ? 'true or false' : type === 'Timestamp' ? 'an RFC 3339 timestamp' : 'a string'
    throw definitionError(`${name} must be ${expected}, got ${JSON.stringify(operand)}`)
  }
  return (data) => compareValues(type, relation, readVariable(variable, data), operand)
}

function readVariable(path: string, data: PathData): JsonValue {
  const read = readReferencePath(path, data)
  if (!read.found) throw new StatesError('States.Runtime', `Invalid path '${path}': The choice state's condition path references an invalid value.`)
  return read.value
}

function requireReferencePath(path: string, field: string): void {
  const parsed = parsePath(path)
  if (parsed.steps === undefined) throw definitionError(`the ${field} '${path}' must be a Reference Path (a single node: no '*', '..', filters or slices)`)
}

function definitionError(why: string): StatesError {
  return new StatesError('States.Runtime', `Invalid Choice rule: ${why}`)
}

function describe(rule: ChoiceRule): string {
  const text = JSON.stringify(rule)
  return text.length > 200 ? `${text.slice(0, 200)}...` : text
}
