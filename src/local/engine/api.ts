// CONTRACT: the public face of the local ASL engine. The interpreter, the endpoint and the
// conformance tests all code against these types; change them only together.
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import type {JsonValue, StateMachineDefinition} from '../../asl/types.js'

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE'

/** Time as the engine sees it. Waits and simulated task durations advance it; nothing else does. */
export interface Clock {
  now(): Date
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export interface TaskRequest {
  resource: string
  /** The effective input of the task: Parameters/Arguments applied. */
  input: JsonValue
  stateName: string
  /** The Context object as the state sees it ($$). */
  context: JsonValue
  executionArn: string
  /** 0 on the first attempt, then 1, 2... across Retry. */
  attempt: number
  signal: AbortSignal
  /**
   * The engine clock. A handler that waits for simulated time sleeps on this clock (not on another
   * reference to it): while a handler runs outside such a sleep, the engine holds virtual time still,
   * so real I/O never makes a task time out. `.waitForTaskToken` and `.sync` resources are not held:
   * they wait for the outside world (a callback, a child execution on the same clock).
   */
  clock: Clock
  /** The task token of a `.waitForTaskToken` resource (also in context Task.Token). Added field. */
  taskToken?: string
  /** SendTaskHeartbeat for this task: restarts its HeartbeatSeconds countdown. Added field. */
  heartbeat: () => void
}

export interface TaskResult {
  output: JsonValue
  /** Simulated time the task took; the engine advances the clock by it before it completes. */
  durationMs?: number
}

/** Throws StatesError (src/asl/states-error.ts) for a task failure: `error` is what Retry/Catch match. */
export type TaskHandler = (req: TaskRequest) => Promise<TaskResult>

export interface Integrations {
  /** The handler for a Resource ARN, or undefined: the engine then fails the task with States.TaskFailed. */
  resolve(resource: string): TaskHandler | undefined
}

export interface ExecutionOptions {
  definition: StateMachineDefinition
  input: JsonValue
  executionArn?: string // default arn:aws:states:us-east-1:123456789012:execution:<sm>:<name>
  name?: string // default a UUID
  stateMachineArn?: string // default arn:aws:states:us-east-1:123456789012:stateMachine:local
  roleArn?: string
  clock?: Clock // default createVirtualClock({timeScale: 0})
  integrations?: Integrations // default: no integrations (every Task fails with States.TaskFailed)
  /** Called after every history event is appended (the endpoint streams from it). */
  onEvent?: (event: HistoryEvent) => void
}

export interface ExecutionResult {
  status: Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'>
  output?: JsonValue
  error?: string
  cause?: string
  startDate: Date
  stopDate: Date
}

export interface Execution {
  readonly executionArn: string
  readonly name: string
  readonly input: JsonValue
  readonly startDate: Date
  status: ExecutionStatus
  /** Every history event so far, in order; grows while the execution runs. */
  readonly events: HistoryEvent[]
  redriveCount: number
  /** The current run's result; a redrive replaces it with a new promise. */
  done: Promise<ExecutionResult>
  /** StopExecution: aborts running tasks, waits and branches; status ABORTED. */
  stop(error?: string, cause?: string): void
  /** RedriveExecution under AWS's rules; throws when the execution is not redrivable. */
  redrive(): Promise<ExecutionResult>
}
