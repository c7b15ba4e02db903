// validateDefinition: the checks Step Functions makes before it accepts a definition, reported as
// ValidateStateMachineDefinition reports them ({code, message, location, severity}). StartAt and
// every transition target exist in their scope, each state is well formed for its type and query
// language, Retry and Catch are well shaped (States.ALL alone and last), paths, intrinsics and
// JSONata expressions parse, state names are unique and every state is reachable. A DISTRIBUTED Map
// is accepted with a warning: the local engine runs it inline.
import {evaluateChoiceRule} from '../../asl/choice.js'
import {isStatesError} from '../../asl/states-error.js'
import {parseTimestamp} from '../../asl/timestamp.js'
import type {ChoiceRule, JsonObject, JsonValue, QueryLanguage} from '../../asl/types.js'
import {isJsonataExpression} from './jsonata.js'
import {isObject, own} from './payload.js'
import {
  assignProblems,
  CATCH_FIELDS,
  expressionProblems,
  FIELDS,
  intrinsicProblem,
  JSONATA_FIELDS,
  JSONPATH_FIELDS,
  pathProblem,
  RETRY_FIELDS,
  templateProblems,
  type Diagnostic,
  type Problem,
} from './validate-fields.js'
import {isIntrinsic} from './intrinsics/index.js'

export type {Diagnostic, Severity} from './validate-fields.js'

const TOP_FIELDS = new Set(['Comment', 'StartAt', 'States', 'Version', 'TimeoutSeconds', 'QueryLanguage'])
const BRANCH_FIELDS = new Set(['Comment', 'StartAt', 'States', 'ProcessorConfig', 'QueryLanguage'])
const NEEDS_TRANSITION = new Set(['Pass', 'Task', 'Wait', 'Parallel', 'Map'])

export const describeDiagnostic = (d: Diagnostic): string => `'${d.code}: ${d.message} at ${d.location}'`

export function validateDefinition(def: unknown): Diagnostic[] {
  if (!isObject(def)) {
    const v = new Validator('JSONPath')
    v.error('/', 'Definition must be a valid JSON object')
    return v.out
  }
  const ql = def.QueryLanguage
  const v = new Validator(ql === 'JSONata' ? 'JSONata' : 'JSONPath')
  for (const key of Object.keys(def)) if (!TOP_FIELDS.has(key)) v.error('/', `Field '${key}' is not supported`)
  if (ql !== undefined && ql !== 'JSONPath' && ql !== 'JSONata') v.error('/QueryLanguage', `QueryLanguage must be JSONPath or JSONata, not ${JSON.stringify(ql)}`)
  const timeout = def.TimeoutSeconds
  if (timeout !== undefined && !(typeof timeout === 'number' && Number.isInteger(timeout) && timeout > 0)) v.error('/TimeoutSeconds', 'TimeoutSeconds must be a positive integer')
  v.scope(def, '', ql === 'JSONata' ? 'JSONata' : 'JSONPath', ql === 'JSONata')
  return v.out
}

class Validator {
  readonly out: Diagnostic[] = []
  private readonly names = new Map<string, string>()

  /** Nested states without a QueryLanguage of their own use the definition's, not their parent's. */
  constructor(private readonly top: QueryLanguage) {}

  error(location: string, message: string, code = 'SCHEMA_VALIDATION_FAILED'): void {
    this.out.push({code, message, location, severity: 'ERROR'})
  }

  warning(location: string, message: string, code: string): void {
    this.out.push({code, message, location, severity: 'WARNING'})
  }

  problems(list: Problem[]): void {
    for (const p of list) this.error(p.at, p.message)
  }

  /** A state machine or a branch of one: StartAt, States, transitions and reachability. */
  scope(scope: JsonObject, at: string, language: QueryLanguage, jsonataOnly: boolean): void {
    const missing = ['States', 'StartAt'].filter((k) => scope[k] === undefined)
    if (missing.length > 0) return this.error(at === '' ? '/' : at, `These fields are required: [${missing.join(', ')}]`)
    const states = scope.States
    if (!isObject(states) || Object.keys(states).length === 0) return this.error(`${at}/States`, 'States must be an object with at least one state')
    if (typeof scope.StartAt !== 'string') return this.error(`${at}/StartAt`, 'StartAt must be a string')
    if (own(states, scope.StartAt) === undefined) this.error(`${at}/StartAt`, `Missing 'StartAt' target: ${scope.StartAt}`, 'MISSING_TRANSITION_TARGET')
    const targets = new Map<string, string[]>()
    for (const [name, state] of Object.entries(states)) {
      const where = `${at}/States/${name}`
      const seen = this.names.get(name)
      if (seen !== undefined) this.error(where, `Duplicate State name: ${name}`, 'DUPLICATE_STATE_NAME')
      else this.names.set(name, where)
      if (name.length === 0 || name.length > 80) this.error(where, 'State names must be 1 to 80 characters long')
      targets.set(name, this.state(state, where, language, jsonataOnly))
    }
    for (const [name, next] of targets) {
      for (const target of next) {
        if (own(states, target) === undefined) this.error(`${at}/States/${name}`, `Missing 'Next' target: ${target}`, 'MISSING_TRANSITION_TARGET')
      }
    }
    const reached = new Set<string>()
    const queue = [scope.StartAt]
    while (queue.length > 0) {
      const name = queue.pop() as string
      if (reached.has(name) || own(states, name) === undefined) continue
      reached.add(name)
      queue.push(...(targets.get(name) ?? []))
    }
    for (const name of Object.keys(states)) {
      if (!reached.has(name)) this.error(`${at}/States/${name}`, `State "${name}" is not reachable.`, 'UNREACHABLE_STATE')
    }
  }

  /** One state; returns the names it can transition to. */
  private state(state: unknown, at: string, inherited: QueryLanguage, jsonataOnly: boolean): string[] {
    if (!isObject(state)) {
      this.error(at, 'A state must be an object')
      return []
    }
    const type = state.Type
    if (typeof type !== 'string' || FIELDS[type] === undefined) {
      this.error(`${at}/Type`, `Type must be one of ${Object.keys(FIELDS).join(', ')}`)
      return []
    }
    const ownLanguage = state.QueryLanguage
    if (ownLanguage !== undefined && ownLanguage !== 'JSONPath' && ownLanguage !== 'JSONata') this.error(`${at}/QueryLanguage`, 'QueryLanguage must be JSONPath or JSONata')
    if (ownLanguage === 'JSONPath' && jsonataOnly) this.error(at, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine")
    const language: QueryLanguage = ownLanguage === 'JSONata' || ownLanguage === 'JSONPath' ? ownLanguage : inherited
    this.fields(state, type, language, at)
    const next: string[] = []
    if (NEEDS_TRANSITION.has(type)) {
      const hasNext = state.Next !== undefined
      const ends = state.End === true
      if (hasNext && ends) this.error(at, "A state can not have both 'Next' and 'End': true")
      else if (!hasNext && !ends) this.error(at, "A state needs either 'Next' or 'End': true")
      if (hasNext && typeof state.Next !== 'string') this.error(`${at}/Next`, 'Next must be a string')
      if (state.End !== undefined && typeof state.End !== 'boolean') this.error(`${at}/End`, 'End must be a boolean')
      if (typeof state.Next === 'string') next.push(state.Next)
    } else if (state.Next !== undefined || state.End !== undefined) {
      this.error(at, `A ${type} state can not have 'Next' or 'End'`)
    }
    if (state.Assign !== undefined) this.problems(assignProblems(state.Assign, language, `${at}/Assign`))
    if (language === 'JSONata') for (const key of ['Output', 'Arguments', 'Items', 'ItemSelector']) this.problems(expressionProblems(state[key], `${at}/${key}`))
    this.paths(state, at)
    for (const key of ['Parameters', 'ResultSelector', 'ItemSelector']) if (language === 'JSONPath' && state[key] !== undefined) this.problems(templateProblems(state[key] as JsonValue, `${at}/${key}`))
    if (type === 'Task' || type === 'Parallel' || type === 'Map') next.push(...this.retryCatch(state, at, language))
    switch (type) {
      case 'Task':
        this.task(state, at, language)
        break
      case 'Choice':
        next.push(...this.choice(state, at, language))
        break
      case 'Wait':
        this.wait(state, at, language)
        break
      case 'Fail':
        this.fail(state, at, language)
        break
      case 'Parallel':
        this.parallel(state, at, jsonataOnly)
        break
      case 'Map':
        this.map(state, at, language, jsonataOnly)
        break
    }
    return next
  }

  private fields(state: JsonObject, type: string, language: QueryLanguage, at: string): void {
    const allowed = new Set(FIELDS[type])
    const pathOnly = new Set(JSONPATH_FIELDS[type])
    const jsonataOnly = new Set(JSONATA_FIELDS[type])
    for (const key of Object.keys(state)) {
      if (allowed.has(key)) continue
      if (pathOnly.has(key)) {
        if (language === 'JSONata') this.error(`${at}/${key}`, `The field '${key}' is not supported in JSONata states: use Arguments, Output or Items with {% %} expressions`)
      } else if (jsonataOnly.has(key)) {
        if (language === 'JSONPath') this.error(`${at}/${key}`, `The field '${key}' is supported only in JSONata states (set "QueryLanguage": "JSONata")`)
      } else this.error(`${at}/${key}`, `Field '${key}' is not supported by ${type} states`)
    }
  }

  private paths(state: JsonObject, at: string): void {
    for (const key of ['InputPath', 'OutputPath', 'ResultPath']) {
      const value = state[key]
      if (value === undefined || value === null) continue
      const problem = pathProblem(value)
      if (problem !== undefined) this.error(`${at}/${key}`, `${key} must be a valid JSONPath: ${problem}`)
    }
    for (const key of ['ItemsPath', 'SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'MaxConcurrencyPath', 'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath', 'ErrorPath', 'CausePath']) {
      const value = state[key]
      if (value === undefined) continue
      if ((key === 'ErrorPath' || key === 'CausePath') && typeof value === 'string' && isIntrinsic(value)) {
        const problem = intrinsicProblem(value)
        if (problem !== undefined) this.error(`${at}/${key}`, `${key} must be a valid intrinsic function call: ${problem}`)
        continue
      }
      const problem = pathProblem(value)
      if (problem !== undefined) this.error(`${at}/${key}`, `${key} must be a valid JSONPath: ${problem}`)
    }
  }

  private retryCatch(state: JsonObject, at: string, language: QueryLanguage): string[] {
    const next: string[] = []
    const lists: Array<['Retry' | 'Catch', JsonValue | undefined]> = [
      ['Retry', state.Retry],
      ['Catch', state.Catch],
    ]
    for (const [field, list] of lists) {
      if (list === undefined) continue
      if (!Array.isArray(list)) {
        this.error(`${at}/${field}`, `${field} must be an array`)
        continue
      }
      list.forEach((rule, i) => {
        const where = `${at}/${field}[${i}]`
        if (!isObject(rule)) return this.error(where, `A ${field} rule must be an object`)
        const allowed = field === 'Retry' ? RETRY_FIELDS : CATCH_FIELDS[language]
        for (const key of Object.keys(rule)) if (!allowed.has(key)) this.error(`${where}/${key}`, `Field '${key}' is not supported in ${field}`)
        const errors = rule.ErrorEquals
        if (!Array.isArray(errors) || errors.length === 0 || !errors.every((e) => typeof e === 'string')) {
          this.error(`${where}/ErrorEquals`, 'ErrorEquals must be a non-empty array of strings')
        } else if (errors.includes('States.ALL') && (errors.length > 1 || i !== list.length - 1)) {
          this.error(`${where}/ErrorEquals`, 'States.ALL must appear alone in ErrorEquals, in the last rule')
        }
        if (field === 'Retry') this.retrier(rule, where)
        else {
          if (typeof rule.Next !== 'string') this.error(`${where}/Next`, 'A Catch rule needs a Next state')
          else next.push(rule.Next)
          if (rule.ResultPath !== undefined && rule.ResultPath !== null) {
            const problem = pathProblem(rule.ResultPath)
            if (problem !== undefined) this.error(`${where}/ResultPath`, `ResultPath must be a valid JSONPath: ${problem}`)
          }
          if (rule.Assign !== undefined) this.problems(assignProblems(rule.Assign, language, `${where}/Assign`))
          if (language === 'JSONata') this.problems(expressionProblems(rule.Output, `${where}/Output`))
        }
      })
    }
    return next
  }

  private retrier(rule: JsonObject, at: string): void {
    const positiveInt = (key: string, allowZero: boolean): void => {
      const value = rule[key]
      if (value === undefined) return
      if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) this.error(`${at}/${key}`, `${key} must be a ${allowZero ? 'non-negative' : 'positive'} integer`)
    }
    positiveInt('IntervalSeconds', false)
    positiveInt('MaxAttempts', true)
    positiveInt('MaxDelaySeconds', false)
    if (rule.BackoffRate !== undefined && !(typeof rule.BackoffRate === 'number' && rule.BackoffRate >= 1)) this.error(`${at}/BackoffRate`, 'BackoffRate must be a number greater than or equal to 1.0')
    if (rule.JitterStrategy !== undefined && rule.JitterStrategy !== 'FULL' && rule.JitterStrategy !== 'NONE') this.error(`${at}/JitterStrategy`, 'JitterStrategy must be FULL or NONE')
  }

  private task(state: JsonObject, at: string, language: QueryLanguage): void {
    if (typeof state.Resource !== 'string' || state.Resource === '') this.error(`${at}/Resource`, 'A Task state needs a Resource string')
    for (const [key, path] of [
      ['TimeoutSeconds', 'TimeoutSecondsPath'],
      ['HeartbeatSeconds', 'HeartbeatSecondsPath'],
    ] as const) {
      const value = state[key]
      if (value !== undefined && state[path] !== undefined) this.error(at, `A Task state can not have both ${key} and ${path}`)
      if (value === undefined) continue
      if (language === 'JSONata' && isJsonataExpression(value)) this.problems(expressionProblems(value, `${at}/${key}`))
      else if (!(typeof value === 'number' && Number.isInteger(value) && value > 0)) this.error(`${at}/${key}`, `${key} must be a positive integer`)
    }
    const {TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat} = state
    if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) this.error(`${at}/HeartbeatSeconds`, 'HeartbeatSeconds must be smaller than TimeoutSeconds')
  }

  private choice(state: JsonObject, at: string, language: QueryLanguage): string[] {
    const next: string[] = []
    if (!Array.isArray(state.Choices) || state.Choices.length === 0) {
      this.error(`${at}/Choices`, 'A Choice state needs a non-empty Choices array')
      return next
    }
    state.Choices.forEach((rule, i) => {
      const where = `${at}/Choices[${i}]`
      if (!isObject(rule)) return this.error(where, 'A Choice rule must be an object')
      if (typeof rule.Next !== 'string') this.error(`${where}/Next`, 'A Choice rule needs a Next state')
      else next.push(rule.Next)
      if (rule.Assign !== undefined) this.problems(assignProblems(rule.Assign, language, `${where}/Assign`))
      if (language === 'JSONata') {
        if (typeof rule.Condition !== 'boolean' && !isJsonataExpression(rule.Condition)) this.error(`${where}/Condition`, 'A JSONata Choice rule needs a Condition: a {% %} expression or a boolean')
        this.problems(expressionProblems(rule.Condition, `${where}/Condition`))
        this.problems(expressionProblems(rule.Output, `${where}/Output`))
        for (const key of Object.keys(rule)) {
          if (!['Condition', 'Next', 'Assign', 'Output', 'Comment'].includes(key)) this.error(`${where}/${key}`, `Field '${key}' is not supported in JSONata Choice rules`)
        }
        return
      }
      if (rule.Condition !== undefined || rule.Output !== undefined) this.error(where, 'Condition and Output are supported only in JSONata Choice rules')
      try {
        evaluateChoiceRule(rule as ChoiceRule, {input: null})
      } catch (error) {
        // Evaluating against null also fails on paths that find nothing; only definition errors count.
        if (isStatesError(error) && error.errorCause.startsWith('Invalid Choice rule')) this.error(where, error.errorCause)
        else if (!isStatesError(error)) this.error(where, error instanceof Error ? error.message : String(error))
      }
    })
    if (state.Default !== undefined) {
      if (typeof state.Default !== 'string') this.error(`${at}/Default`, 'Default must be a string')
      else next.push(state.Default)
    }
    return next
  }

  private wait(state: JsonObject, at: string, language: QueryLanguage): void {
    const given = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter((k) => state[k] !== undefined)
    if (given.length !== 1) return this.error(at, `A Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath (it has ${given.length === 0 ? 'none' : given.join(', ')})`)
    const {Seconds: seconds, Timestamp: timestamp} = state
    if (language === 'JSONata' && (isJsonataExpression(seconds) || isJsonataExpression(timestamp))) {
      this.problems(expressionProblems(seconds ?? timestamp, `${at}/${seconds !== undefined ? 'Seconds' : 'Timestamp'}`))
      return
    }
    if (seconds !== undefined && !(typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0)) this.error(`${at}/Seconds`, 'Seconds must be a non-negative integer')
    if (timestamp !== undefined && !(typeof timestamp === 'string' && parseTimestamp(timestamp) !== undefined)) this.error(`${at}/Timestamp`, 'Timestamp must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z')
  }

  private fail(state: JsonObject, at: string, language: QueryLanguage): void {
    for (const [key, path] of [
      ['Error', 'ErrorPath'],
      ['Cause', 'CausePath'],
    ] as const) {
      if (state[key] !== undefined && state[path] !== undefined) this.error(at, `A Fail state can not have both ${key} and ${path}`)
      if (state[key] !== undefined && typeof state[key] !== 'string') this.error(`${at}/${key}`, `${key} must be a string`)
      if (language === 'JSONata') this.problems(expressionProblems(state[key], `${at}/${key}`))
    }
  }

  private parallel(state: JsonObject, at: string, jsonataOnly: boolean): void {
    const branches = state.Branches
    if (!Array.isArray(branches) || branches.length === 0) return this.error(`${at}/Branches`, 'A Parallel state needs a non-empty Branches array')
    branches.forEach((branch, i) => this.branch(branch, `${at}/Branches[${i}]`, jsonataOnly))
  }

  private map(state: JsonObject, at: string, language: QueryLanguage, jsonataOnly: boolean): void {
    const hasProcessor = state.ItemProcessor !== undefined
    if (hasProcessor === (state.Iterator !== undefined)) return this.error(at, 'A Map state needs exactly one of ItemProcessor and Iterator')
    const field = hasProcessor ? 'ItemProcessor' : 'Iterator'
    const processor = state[field]
    this.branch(processor, `${at}/${field}`, jsonataOnly)
    if (state.ItemSelector !== undefined && state.Parameters !== undefined) this.error(at, 'A Map state can not have both ItemSelector and Parameters')
    for (const key of ['MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage']) {
      const value = state[key]
      if (value !== undefined && state[`${key}Path`] !== undefined) this.error(at, `A Map state can not have both ${key} and ${key}Path`)
      if (value === undefined || (language === 'JSONata' && isJsonataExpression(value))) continue
      const ok = typeof value === 'number' && value >= 0 && (key === 'ToleratedFailurePercentage' ? value <= 100 : Number.isInteger(value))
      if (!ok) this.error(`${at}/${key}`, `${key} must be a non-negative ${key === 'ToleratedFailurePercentage' ? 'number up to 100' : 'integer'}`)
    }
    const config = isObject(processor) ? processor.ProcessorConfig : undefined
    if (isObject(config) && config.Mode === 'DISTRIBUTED') {
      this.warning(`${at}/${field}/ProcessorConfig`, 'A DISTRIBUTED Map runs inline in the local engine (no Map Run, no child executions)', 'DISTRIBUTED_MAP_RUNS_INLINE')
    }
    for (const key of ['ItemReader', 'ItemBatcher', 'ResultWriter']) {
      if (state[key] !== undefined) this.warning(`${at}/${key}`, `${key} is not supported by the local engine${key === 'ItemReader' ? ': the state fails when it runs' : ' and is ignored'}`, 'UNSUPPORTED_LOCALLY')
    }
  }

  private branch(branch: unknown, at: string, jsonataOnly: boolean): void {
    if (!isObject(branch)) return this.error(at, 'A branch must be an object with StartAt and States')
    for (const key of Object.keys(branch)) if (!BRANCH_FIELDS.has(key)) this.error(`${at}/${key}`, `Field '${key}' is not supported`)
    const config = branch.ProcessorConfig
    if (config !== undefined && !(isObject(config) && (config.Mode === undefined || config.Mode === 'INLINE' || config.Mode === 'DISTRIBUTED'))) {
      this.error(`${at}/ProcessorConfig`, 'ProcessorConfig.Mode must be INLINE or DISTRIBUTED')
    }
    const own = branch.QueryLanguage
    const inner: QueryLanguage = own === 'JSONata' || own === 'JSONPath' ? own : this.top
    this.scope(branch, at, inner, jsonataOnly)
  }
}
