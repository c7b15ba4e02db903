// The Execution object and its lifecycle: ExecutionStarted, one run of the top-level frame, and the
// event that ends it (ExecutionSucceeded / Failed / Aborted / TimedOut), then, on redrive,
// ExecutionRedriven and another run from where the last one stopped. Nothing a definition or an
// input contains can throw out of here: every run ends with a status and AWS-named error.
import {randomUUID} from 'node:crypto'
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import type {JsonValue, QueryLanguage, StateMachineDefinition} from '../../asl/types.js'
import type {Clock, Execution, ExecutionOptions, ExecutionResult, ExecutionStatus, Integrations} from './api.js'
import {createVirtualClock} from './clock.js'
import type {ExecutionIdentity} from './context-object.js'
import {Aborted, failureDetails, type Failure} from './errors.js'
import {History, HISTORY_EVENT_LIMIT, regionOf} from './history.js'
import {runFrame, type FrameOutcome} from './interpreter/run-frame.js'
import {dataLimitExceeded, exceedsPayloadLimit, toJson} from './payload.js'
import {redriveRefusal, type FrameRecord, type ResumePoint} from './redrive.js'
import {Frame, type RunContext} from './runtime.js'
import {describeDiagnostic, validateDefinition} from './validate.js'

const DEFAULT_ACCOUNT = '123456789012'
const DEFAULT_STATE_MACHINE_ARN = `arn:aws:states:us-east-1:${DEFAULT_ACCOUNT}:stateMachine:local`

export function startExecution(options: ExecutionOptions): Execution {
  return new LocalExecution(options)
}

type Ending =
  | {status: 'SUCCEEDED'; output: JsonValue; prev: number}
  | {status: 'FAILED'; failure: Failure; prev: number}
  | {status: 'ABORTED'; failure: Failure}
  | {status: 'TIMED_OUT'}

interface Run extends RunContext {
  ended: boolean
  end(ending: Ending): void
}

class LocalExecution implements Execution {
  readonly executionArn: string
  readonly name: string
  readonly input: JsonValue
  readonly startDate: Date
  status: ExecutionStatus = 'RUNNING'
  readonly events: HistoryEvent[] = []
  redriveCount = 0
  done: Promise<ExecutionResult>

  private readonly definition: StateMachineDefinition
  private readonly clock: Clock
  private readonly integrations: Integrations | undefined
  private readonly history: History
  private readonly stateMachineArn: string
  private readonly roleArn: string
  private readonly inputProblem: Failure | undefined
  private current: Run | undefined
  private topRecord: FrameRecord | undefined
  private redriveDate: Date | undefined

  constructor(options: ExecutionOptions) {
    this.definition = options.definition
    this.clock = options.clock ?? createVirtualClock({timeScale: 0})
    this.integrations = options.integrations
    this.stateMachineArn = typeof options.stateMachineArn === 'string' ? options.stateMachineArn : DEFAULT_STATE_MACHINE_ARN
    this.name = typeof options.name === 'string' && options.name !== '' ? options.name : randomUUID()
    const region = regionOf(this.stateMachineArn)
    const account = this.stateMachineArn.split(':')[4] || DEFAULT_ACCOUNT
    this.executionArn =
      typeof options.executionArn === 'string' ? options.executionArn : `arn:aws:states:${region}:${account}:execution:${stateMachineName(this.stateMachineArn)}:${this.name}`
    this.roleArn = typeof options.roleArn === 'string' ? options.roleArn : `arn:aws:iam::${account}:role/StepFunctionsLocalRole`
    this.startDate = this.clock.now()
    this.history = new History(this.events, this.clock, options.onEvent)
    const {value, json, problem} = normalizeInput(options.input)
    this.input = value
    this.inputProblem = problem
    this.history.add('ExecutionStarted', 0, {executionStartedEventDetails: {input: json, inputDetails: {truncated: false}, roleArn: this.roleArn}})
    this.done = this.launch(0, undefined)
  }

  stop(error?: string, cause?: string): void {
    if (this.status !== 'RUNNING' || this.current === undefined) return
    const failure: Failure = {}
    if (typeof error === 'string') failure.error = error
    if (typeof cause === 'string') failure.cause = cause
    this.current.end({status: 'ABORTED', failure})
  }

  redrive(): Promise<ExecutionResult> {
    const refusal = redriveRefusal(this.status)
    if (refusal !== undefined) throw new Error(refusal)
    if (this.events.length >= HISTORY_EVENT_LIMIT - 1) throw new Error(`Execution history has ${this.events.length} events: it cannot be redriven`)
    this.redriveCount++
    this.redriveDate = this.clock.now()
    this.status = 'RUNNING'
    const id = this.history.add('ExecutionRedriven', 0, {executionRedrivenEventDetails: {redriveCount: this.redriveCount}}, true)
    const record = this.topRecord
    const resume = record !== undefined && record.status !== 'succeeded' ? record.current : undefined
    this.done = this.launch(id, resume)
    return this.done
  }

  private identity(): ExecutionIdentity {
    const identity: ExecutionIdentity = {
      executionArn: this.executionArn,
      name: this.name,
      input: this.input,
      startTime: this.startDate,
      roleArn: this.roleArn,
      stateMachineArn: this.stateMachineArn,
      stateMachineName: stateMachineName(this.stateMachineArn),
      redriveCount: this.redriveCount,
    }
    if (this.redriveDate !== undefined) identity.redriveTime = this.redriveDate
    return identity
  }

  /** One run of the top-level frame, from StartAt (cursor 0) or, on redrive, from where the last run stopped. */
  private launch(cursor: number, resume: ResumePoint | undefined): Promise<ExecutionResult> {
    const controller = new AbortController()
    let resolveDone: (result: ExecutionResult) => void = () => {}
    const done = new Promise<ExecutionResult>((resolve) => {
      resolveDone = resolve
    })
    const run: Run = {
      identity: this.identity(),
      definition: this.definition,
      clock: this.clock,
      integrations: this.integrations,
      history: this.history,
      region: regionOf(this.stateMachineArn),
      signal: controller.signal,
      ended: false,
      transitions: 0,
      historyFull: () => run.end({status: 'FAILED', failure: HISTORY_FULL, prev: this.history.lastId}),
      end: (ending) => {
        if (run.ended) return
        run.ended = true
        resolveDone(this.finish(ending))
        // An explicit reason: abort() without one builds a DOMException, with its stack, per run.
        controller.abort(RUN_ENDED)
      },
    }
    this.current = run
    const timeout = this.definition?.TimeoutSeconds
    if (typeof timeout === 'number' && Number.isInteger(timeout) && timeout > 0) {
      // Redrive restarts the execution's timeout, as AWS does.
      this.clock.sleep(timeout * 1000, controller.signal).then(
        () => run.end({status: 'TIMED_OUT'}),
        () => {},
      )
    }
    Promise.resolve()
      .then(() => this.runTop(run, cursor, resume))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        run.end({status: 'FAILED', failure: {error: 'States.Runtime', cause: `Internal error in the local engine: ${message}`}, prev: this.history.lastId})
      })
    return done
  }

  private async runTop(run: Run, cursor: number, resume: ResumePoint | undefined): Promise<void> {
    if (this.inputProblem !== undefined) return run.end({status: 'FAILED', failure: this.inputProblem, prev: 0})
    const invalid = validationErrorsOf(this.definition)
    if (invalid.length > 0) {
      const cause = `Invalid State Machine Definition: ${invalid.slice(0, 5).map(describeDiagnostic).join(', ')}`
      return run.end({status: 'FAILED', failure: {error: 'States.Runtime', cause}, prev: cursor})
    }
    const definition = this.definition
    const language: QueryLanguage = definition.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath'
    const frame = new Frame(run, definition, language, {
      cursor,
      variables: resume?.variables ?? {},
      outerNames: new Set(),
      parentSignal: run.signal,
    })
    this.topRecord = frame.record
    const outcome: FrameOutcome = await runFrame(frame, resume ?? {name: definition.StartAt, input: this.input})
    if (outcome.status === 'succeeded') run.end({status: 'SUCCEEDED', output: outcome.output, prev: frame.cursor})
    else if (outcome.status === 'failed') run.end({status: 'FAILED', failure: outcome.failure, prev: frame.cursor})
  }

  /** Records the event that ends a run and settles the execution's status. */
  private finish(ending: Ending): ExecutionResult {
    const h = this.history
    switch (ending.status) {
      case 'SUCCEEDED':
        h.add('ExecutionSucceeded', ending.prev, {executionSucceededEventDetails: {output: toJson(ending.output), outputDetails: {truncated: false}}}, true)
        break
      case 'FAILED':
        h.add('ExecutionFailed', ending.prev, {executionFailedEventDetails: failureDetails(ending.failure)}, true)
        break
      case 'ABORTED':
        h.add('ExecutionAborted', 0, {executionAbortedEventDetails: failureDetails(ending.failure)}, true)
        break
      case 'TIMED_OUT':
        h.add('ExecutionTimedOut', 0, {executionTimedOutEventDetails: {}}, true)
        break
    }
    this.status = ending.status
    const result: ExecutionResult = {status: ending.status, startDate: this.startDate, stopDate: this.clock.now()}
    if (ending.status === 'SUCCEEDED') result.output = ending.output
    if (ending.status === 'FAILED' || ending.status === 'ABORTED') Object.assign(result, failureDetails(ending.failure))
    if (ending.status === 'TIMED_OUT') result.error = 'States.Timeout'
    return result
  }
}

const HISTORY_FULL: Failure = {
  error: 'States.Runtime',
  cause: `The execution reached the maximum number of history events (${HISTORY_EVENT_LIMIT}) and was failed: the history limit was exceeded.`,
}

function stateMachineName(arn: string): string {
  const parts = arn.split(':')
  const at = parts.indexOf('stateMachine')
  return at >= 0 && parts[at + 1] ? (parts[at + 1] as string) : (parts[parts.length - 1] ?? 'local')
}

/** Execution input as JSON: undefined means {}; what cannot be JSON fails the run. */
function normalizeInput(input: unknown): {value: JsonValue; json: string; problem?: Failure} {
  let json: string
  try {
    json = JSON.stringify(input === undefined ? {} : input) ?? 'null'
  } catch (error) {
    return {value: null, json: 'null', problem: {error: 'States.Runtime', cause: `The execution input is not JSON: ${error instanceof Error ? error.message : String(error)}`}}
  }
  const value = JSON.parse(json) as JsonValue
  if (exceedsPayloadLimit(json)) return {value, json, problem: dataLimitExceeded('ExecutionInput', true).failure}
  return {value, json}
}

const RUN_ENDED = new Aborted()

// A definition is fixed once executions run it (the endpoint keeps one parsed object per state
// machine version), so its validation is done once, not once per execution.
const validated = new WeakMap<object, ReturnType<typeof validateDefinition>>()
function validationErrorsOf(definition: unknown): ReturnType<typeof validateDefinition> {
  if (definition === null || typeof definition !== 'object') return validateDefinition(definition).filter((d) => d.severity === 'ERROR')
  let errors = validated.get(definition)
  if (!errors) {
    errors = validateDefinition(definition).filter((d) => d.severity === 'ERROR')
    validated.set(definition, errors)
  }
  return errors
}
