// The Amazon States Language as ae reads it. Field names follow the spec exactly, so a definition
// parsed from JSON can be used as these types without conversion.

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject
export interface JsonObject {
  [key: string]: JsonValue
}

export type QueryLanguage = 'JSONPath' | 'JSONata'

export interface RetryRule {
  ErrorEquals: string[]
  IntervalSeconds?: number
  MaxAttempts?: number
  BackoffRate?: number
  MaxDelaySeconds?: number
  JitterStrategy?: 'FULL' | 'NONE'
}

export interface CatchRule {
  ErrorEquals: string[]
  Next: string
  ResultPath?: string | null
  Output?: JsonValue
  Assign?: JsonObject
}

interface StateBase {
  Type: string
  Comment?: string
  QueryLanguage?: QueryLanguage
  Next?: string
  End?: boolean
  InputPath?: string | null
  OutputPath?: string | null
  Output?: JsonValue
  Assign?: JsonObject
}

export interface PassState extends StateBase {
  Type: 'Pass'
  Result?: JsonValue
  ResultPath?: string | null
  Parameters?: JsonValue
}

export interface TaskState extends StateBase {
  Type: 'Task'
  Resource: string
  Parameters?: JsonValue
  Arguments?: JsonValue
  ResultSelector?: JsonValue
  ResultPath?: string | null
  Retry?: RetryRule[]
  Catch?: CatchRule[]
  TimeoutSeconds?: number | string
  TimeoutSecondsPath?: string
  HeartbeatSeconds?: number | string
  HeartbeatSecondsPath?: string
  Credentials?: JsonValue
}

/** A Choice rule: a comparison (Variable + one operator), a boolean combination, or a JSONata Condition. */
export interface ChoiceRule {
  Variable?: string
  And?: ChoiceRule[]
  Or?: ChoiceRule[]
  Not?: ChoiceRule
  Condition?: string | boolean
  Next?: string
  Assign?: JsonObject
  Output?: JsonValue
  [operator: string]: JsonValue | ChoiceRule | ChoiceRule[] | undefined
}

export interface ChoiceState extends StateBase {
  Type: 'Choice'
  Choices: ChoiceRule[]
  Default?: string
}

export interface WaitState extends StateBase {
  Type: 'Wait'
  Seconds?: number | string
  Timestamp?: string
  SecondsPath?: string
  TimestampPath?: string
}

export interface SucceedState extends StateBase {
  Type: 'Succeed'
}

export interface FailState extends StateBase {
  Type: 'Fail'
  Error?: string
  Cause?: string
  ErrorPath?: string
  CausePath?: string
}

/** A nested state machine: a Parallel branch, or a Map's ItemProcessor/Iterator. */
export interface Branch {
  StartAt: string
  States: Record<string, State>
  QueryLanguage?: QueryLanguage
  ProcessorConfig?: {Mode?: 'INLINE' | 'DISTRIBUTED'; ExecutionType?: string}
  Comment?: string
}

export interface ParallelState extends StateBase {
  Type: 'Parallel'
  Branches: Branch[]
  Parameters?: JsonValue
  Arguments?: JsonValue
  ResultSelector?: JsonValue
  ResultPath?: string | null
  Retry?: RetryRule[]
  Catch?: CatchRule[]
}

export interface MapState extends StateBase {
  Type: 'Map'
  ItemProcessor?: Branch
  Iterator?: Branch
  ItemsPath?: string
  Items?: JsonValue
  ItemSelector?: JsonValue
  Parameters?: JsonValue
  ItemReader?: JsonValue
  ItemBatcher?: JsonValue
  ResultWriter?: JsonValue
  MaxConcurrency?: number
  MaxConcurrencyPath?: string
  ToleratedFailurePercentage?: number
  ToleratedFailurePercentagePath?: string
  ToleratedFailureCount?: number
  ToleratedFailureCountPath?: string
  ResultSelector?: JsonValue
  ResultPath?: string | null
  Retry?: RetryRule[]
  Catch?: CatchRule[]
  Label?: string
}

export type State =
  | PassState
  | TaskState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState

export interface StateMachineDefinition extends Branch {
  Version?: string
  TimeoutSeconds?: number
}
