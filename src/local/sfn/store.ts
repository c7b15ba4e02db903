// The local endpoint's Step Functions state: state machines with their versions and tags, and
// executions with the definition each one ran, its history and its outcome. It holds data; the
// operations decide what is allowed and validate a request whole before they change anything, so
// a rejected request leaves the store as it was. An execution the engine is running keeps a handle
// to it (`live`); everything else is plain data, and snapshot()/restore() move it as JSON.
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import type {Execution, ExecutionResult, ExecutionStatus} from '../engine/api.js'
import {refresh} from './outcome.js'
import {readSnapshot, type SfnSnapshot, writeSnapshot} from './snapshot.js'

export type {SfnSnapshot} from './snapshot.js'

export interface Tag {
  key: string
  value: string
}

/** A configuration structure kept as the request gave it (loggingConfiguration, tracingConfiguration). */
export type Configuration = Record<string, unknown>

export interface StateMachineVersion {
  version: number
  arn: string
  definition: string
  roleArn: string
  revisionId?: string
  description?: string
  creationDate: Date
  loggingConfiguration?: Configuration
  tracingConfiguration?: Configuration
}

export interface StateMachineRecord {
  name: string
  arn: string
  type: 'STANDARD'
  definition: string
  roleArn: string
  creationDate: Date
  updateDate: Date
  /** Absent until the first update, as the service reports a new state machine. */
  revisionId?: string
  loggingConfiguration?: Configuration
  tracingConfiguration?: Configuration
  tags: Tag[]
  /** Oldest first. */
  versions: StateMachineVersion[]
  nextVersion: number
  /** What CreateStateMachine was asked to publish, for its idempotency check. */
  createdWith: {publish: boolean; versionDescription?: string; versionArn?: string}
}

export interface ExecutionRecord {
  /** Start order; ListExecutions lists newest first. */
  seq: number
  executionArn: string
  stateMachineArn: string
  stateMachineVersionArn?: string
  name: string
  /** The input as the request gave it. */
  input: string
  startDate: Date
  /** The state machine as this execution ran it, for DescribeStateMachineForExecution. */
  ran: {
    definition: string
    roleArn: string
    updateDate: Date
    revisionId?: string
    loggingConfiguration?: Configuration
    tracingConfiguration?: Configuration
  }
  testCase?: string
  status: ExecutionStatus
  stopDate?: Date
  output?: string
  error?: string
  cause?: string
  redriveCount: number
  redriveDate?: Date
  /** RedriveExecution client tokens already served, with the date each redrive answered. */
  redriveTokens: Array<{token: string; redriveDate: Date}>
  /** The history: the engine's own array while it runs, so it is never copied. */
  events: HistoryEvent[]
  /** The engine's handle while this endpoint process runs the execution; absent after a restore. */
  live?: Execution
  /** How the engine's current run ended, once it has (see outcome.ts); never persisted. */
  result?: ExecutionResult
  /** Serialized events, filled page by page (see history.ts); never persisted. */
  eventJson?: {full: string[]; lean: string[]}
}

export class SfnStore {
  readonly #machines = new Map<string, StateMachineRecord>()
  readonly #executions = new Map<string, ExecutionRecord>()
  /** Executions by state machine ARN, in start order. */
  readonly #byMachine = new Map<string, ExecutionRecord[]>()
  #seq = 0
  /** Every API call the handler served, by operation name, in order: tests check which actions a command used. */
  readonly calls: string[] = []

  recordCall(operation: string): void {
    this.calls.push(operation)
  }

  callCount(operation: string): number {
    return this.calls.filter((c) => c === operation).length
  }

  machine(name: string): StateMachineRecord | undefined {
    return this.#machines.get(name)
  }

  /** State machines in creation order. */
  machines(): StateMachineRecord[] {
    return [...this.#machines.values()]
  }

  putMachine(machine: StateMachineRecord): void {
    this.#machines.set(machine.name, machine)
  }

  deleteMachine(name: string): boolean {
    return this.#machines.delete(name)
  }

  execution(arn: string): ExecutionRecord | undefined {
    return this.#executions.get(arn)
  }

  /** The executions of one state machine, oldest first. */
  executionsOf(stateMachineArn: string): readonly ExecutionRecord[] {
    return this.#byMachine.get(stateMachineArn) ?? []
  }

  /** Executions this process's engine is still running (not those restored from a snapshot). */
  running(): ExecutionRecord[] {
    return [...this.#executions.values()].filter((e) => e.live?.status === 'RUNNING')
  }

  nextSeq(): number {
    return ++this.#seq
  }

  addExecution(record: ExecutionRecord): void {
    this.#executions.set(record.executionArn, record)
    const list = this.#byMachine.get(record.stateMachineArn)
    if (list === undefined) this.#byMachine.set(record.stateMachineArn, [record])
    else list.push(record)
    if (record.seq > this.#seq) this.#seq = record.seq
  }

  snapshot(): SfnSnapshot {
    for (const execution of this.#executions.values()) refresh(execution)
    return writeSnapshot(this.machines(), [...this.#executions.values()].sort((a, b) => a.seq - b.seq))
  }

  /**
   * Replaces the whole state with a snapshot; refuses one that is not a valid snapshot. `now` dates
   * the end of executions that were running when the snapshot was taken (see snapshot.ts).
   */
  restore(snapshot: SfnSnapshot, now: Date = new Date()): void {
    const {machines, executions} = readSnapshot(snapshot, now)
    this.#machines.clear()
    this.#executions.clear()
    this.#byMachine.clear()
    this.#seq = 0
    for (const machine of machines) this.#machines.set(machine.name, machine)
    for (const execution of executions) this.addExecution(execution)
  }

  static fromSnapshot(snapshot: SfnSnapshot, now?: Date): SfnStore {
    const store = new SfnStore()
    store.restore(snapshot, now)
    return store
  }
}
