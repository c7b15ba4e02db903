// What a running execution is made of. A run (the first one, or one redrive) owns the history,
// the clock and the integrations; a frame is one thread of states: the top level, one Parallel
// branch or one Map iteration. Each frame chains its own events (previousEventId is the frame's
// last event), holds its variables, knows the state it is in (so a failing sibling can record
// TaskStateAborted/WaitStateAborted... for it) and keeps the record a redrive resumes from.
import type {HistoryEventType} from '@aws-sdk/client-sfn'
import type {Branch, JsonObject, JsonValue, QueryLanguage, State, StateMachineDefinition} from '../../asl/types.js'
import type {Clock, Integrations} from './api.js'
import type {ExecutionIdentity} from './context-object.js'
import {Aborted, StateFailure} from './errors.js'
import {HistoryLimitExceeded, type EventDetails, type History} from './history.js'
import type {FrameRecord, ResumePoint} from './redrive.js'

export interface RunContext {
  readonly identity: ExecutionIdentity
  readonly definition: StateMachineDefinition
  readonly clock: Clock
  readonly integrations: Integrations | undefined
  readonly history: History
  readonly region: string
  /** Aborted when the run ends for any reason: every frame, task and sleep of the run listens to it. */
  readonly signal: AbortSignal
  readonly ended: boolean
  /** The history is full: ends the run as FAILED (States.Runtime). */
  historyFull(): void
  /** State transitions so far in this run, for the periodic yield. */
  transitions: number
}

/** The state a frame is in, as far as aborting it is concerned. */
export interface OpenState {
  name: string
  type: string
  /** Set once the state recorded how it ended (Exited, ParallelStateFailed...): nothing to abort. */
  closed: boolean
  /** The branches or iterations a Parallel or Map state is running, by index. */
  children?: {kind: 'parallel' | 'map'; running: Map<number, Frame>}
}

export interface FrameInit {
  cursor: number
  variables: JsonObject
  /** Variables of enclosing scopes, which this frame may read but not assign. */
  outerNames: ReadonlySet<string>
  parentSignal: AbortSignal
}

export interface EmitOptions {
  /** previousEventId; default the frame's last event. */
  prev?: number
  /** Whether the event becomes the frame's last event (default true). */
  advance?: boolean
}

export class Frame {
  cursor: number
  variables: JsonObject
  readonly outerNames: ReadonlySet<string>
  open: OpenState | undefined
  stopped = false
  readonly record: FrameRecord = {status: 'running'}
  private readonly parentSignal: AbortSignal
  // Built on first use: a frame of Pass and Choice states never needs an AbortSignal of its own,
  // and AbortSignal.any() is the most expensive thing an execution of short states does.
  private controller: AbortController | undefined
  private composite: AbortSignal | undefined
  // The hot path (every event, every state) reads this flag, set by the parent's abort event or stop().
  private signalled = false

  constructor(
    readonly run: RunContext,
    readonly branch: Branch,
    /** The query language states of this frame use unless they say otherwise. */
    readonly queryLanguage: QueryLanguage,
    init: FrameInit,
  ) {
    this.cursor = init.cursor
    this.variables = init.variables
    this.outerNames = init.outerNames
    this.parentSignal = init.parentSignal
    if (init.parentSignal.aborted) this.signalled = true
    else init.parentSignal.addEventListener('abort', () => (this.signalled = true), {once: true})
  }

  /** Aborted when the frame is stopped or anything enclosing it ends: tasks and sleeps listen to it. */
  get signal(): AbortSignal {
    if (this.composite === undefined) {
      this.controller ??= new AbortController()
      if (this.stopped) this.controller.abort(new Aborted())
      this.composite = AbortSignal.any([this.parentSignal, this.controller.signal])
    }
    return this.composite
  }

  /** Whether the frame's signal has fired (its own stop, or the run's, or an enclosing frame's). */
  get aborted(): boolean {
    return this.signalled
  }

  /** Records an event in this frame's chain; a stopped frame records nothing and unwinds. */
  emit(type: HistoryEventType, details: EventDetails = {}, options: EmitOptions = {}): number {
    if (this.stopped || this.run.ended || this.signalled) throw new Aborted()
    let id: number
    try {
      id = this.run.history.add(type, options.prev ?? this.cursor, details)
    } catch (error) {
      if (error instanceof HistoryLimitExceeded) {
        this.run.historyFull()
        throw new Aborted()
      }
      throw error
    }
    if (options.advance !== false) this.cursor = id
    return id
  }

  /** Stops the frame: its sleeps and tasks are aborted and it records nothing more. */
  stop(): void {
    if (this.stopped) return
    this.stopped = true
    this.signalled = true
    this.controller?.abort(new Aborted())
  }

  throwIfStopped(): void {
    if (this.stopped || this.run.ended || this.signalled) throw new Aborted()
  }
}

/** Everything a state handler needs about the state it runs. */
export interface StateContext {
  frame: Frame
  name: string
  state: State
  /** The raw state input (what StateEntered recorded). */
  input: JsonValue
  queryLanguage: QueryLanguage
  enteredId: number
  /** previousEventId of the StateEntered event: AWS chains EvaluationFailed to it. */
  enteredPrev: number
  enteredTime: Date
  /** Set when a redrive resumes this state: the outcomes of its branches or iterations. */
  resume?: ResumePoint
}

export interface StateResult {
  output: JsonValue
  /** The next state, or undefined when the frame ends here. */
  next: string | undefined
  /** Variables the state assigns when it exits. */
  assigned?: JsonObject
}

const ABORTED_EVENT: Readonly<Record<string, HistoryEventType>> = {
  Task: 'TaskStateAborted',
  Wait: 'WaitStateAborted',
  Parallel: 'ParallelStateAborted',
  Map: 'MapStateAborted',
}

/**
 * Records, on behalf of a frame that must stop, the Aborted events of the states it is in (and of
 * their branches and iterations, outer first), all chained to the event that caused the abort,
 * then stops it. As AWS does inside Parallel and Map: the top level records only the execution's end.
 */
export function abortFrame(frame: Frame, via: Frame, prev: number): void {
  const open = frame.open
  if (open !== undefined && !open.closed && !frame.stopped) {
    open.closed = true
    const type = ABORTED_EVENT[open.type]
    if (type !== undefined) via.emit(type, {}, {prev, advance: false})
    if (open.children !== undefined) {
      const running = [...open.children.running.entries()].sort((a, b) => a[0] - b[0])
      for (const [index, child] of running) {
        if (open.children.kind === 'map') {
          via.emit('MapIterationAborted', {mapIterationAbortedEventDetails: {name: open.name, index}}, {prev, advance: false})
        }
        abortFrame(child, via, prev)
        if (child.record.status === 'running') child.record.status = 'aborted'
      }
    }
  }
  frame.stop()
}

/** The query language of a state: its own, else its branch's, else the definition's, else JSONPath. */
export function queryLanguageOf(state: State, frame: Frame): QueryLanguage {
  const own = state.QueryLanguage
  return own === 'JSONata' || own === 'JSONPath' ? own : frame.queryLanguage
}

export const isStateObject = (value: unknown): value is State =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as {Type?: unknown}).Type === 'string'

/** Where a state goes on success: its Next, or undefined when it is an End state. */
export function nextOf(state: State): string | undefined {
  if (state.End === true) return undefined
  if (typeof state.Next === 'string') return state.Next
  throw new StateFailure({error: 'States.Runtime', cause: `The state has neither a Next nor "End": true`}, true, true)
}
