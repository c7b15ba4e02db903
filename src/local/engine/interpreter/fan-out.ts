// Runs the children of a Parallel state (its branches) or a Map state (its iterations) as frames of
// their own, and records what AWS records around them:
// - every child starts chained to ParallelStateStarted / MapStateStarted (a Map iteration after
//   its MapIterationStarted); a Map iteration that waited for a MaxConcurrency slot starts from the
//   last event of the iteration whose end freed the slot;
// - on the first failure (past any tolerated ones) the failing child's open state and every running
//   sibling are aborted (MapIterationFailed, MapIterationAborted, TaskStateAborted, ...), all
//   chained to the failing event, and the state fails with the child's error;
// - on success, the id the <Type>StateSucceeded and <Type>StateExited events chain to.
// A redrive reuses the outputs of children that succeeded and resumes the others where they stopped.
import type {Branch, JsonValue, QueryLanguage} from '../../../asl/types.js'
import {Aborted, errorOutput, StateFailure} from '../errors.js'
import {childPlan, type ChildPlan, type FrameRecord, type ResumePoint} from '../redrive.js'
import {abortFrame, Frame, type StateContext} from '../runtime.js'
import {runFrame, type FrameOutcome} from './run-frame.js'

export interface FanOutSpec {
  ctx: StateContext
  kind: 'parallel' | 'map'
  size: number
  /** How many children may run at once. */
  concurrency: number
  /** The id of ParallelStateStarted / MapStateStarted. */
  startedId: number
  resume: ResumePoint | undefined
  child(index: number): {branch: Branch; input: JsonValue}
  /** Map only: failures that do not fail the state yet (ToleratedFailureCount / Percentage). */
  tolerance?: {count?: number; percentage?: number}
}

export interface FanOutResult {
  outputs: JsonValue[]
  /** The event the state's Succeeded and Exited events chain to. */
  last: number
}

export const EXCEEDED_TOLERANCE = {
  error: 'States.ExceedToleratedFailureThreshold',
  cause: 'The specified tolerated failure threshold was exceeded',
}

export function fanOut(spec: FanOutSpec): Promise<FanOutResult> {
  const {ctx, kind, size} = spec
  const parent = ctx.frame
  const map = kind === 'map'
  const outputs: JsonValue[] = new Array<JsonValue>(size).fill(null)
  const records: Array<FrameRecord | undefined> = new Array<FrameRecord | undefined>(size)
  const plans: ChildPlan[] = []
  const pending: number[] = []
  const running = new Map<number, Frame>()
  if (parent.open !== undefined) parent.open.children = {kind, running}
  if (parent.record.current !== undefined) parent.record.current.children = records
  let done = 0
  let failures = 0
  let last = spec.startedId
  for (let i = 0; i < size; i++) {
    const plan = childPlan(spec.resume, i)
    plans.push(plan)
    if (plan.kind === 'reuse') {
      outputs[i] = plan.output
      records[i] = {status: 'succeeded', output: plan.output}
      done++
    } else pending.push(i)
  }

  return new Promise<FanOutResult>((resolve, reject) => {
    let finished = false
    const finish = (error?: Error): void => {
      finished = true
      if (error === undefined) resolve({outputs, last})
      else reject(error)
    }
    const guarded = (work: () => void): void => {
      if (finished) return
      try {
        work()
      } catch (error) {
        for (const frame of running.values()) frame.stop()
        finish(error instanceof Error ? error : new Error(String(error)))
      }
    }

    const launch = (prev: number, count: number): void => {
      const batch = pending.splice(0, count)
      // A Map records every MapIterationStarted of a batch before any iteration runs.
      const cursors = batch.map((index) =>
        map ? parent.emit('MapIterationStarted', {mapIterationStartedEventDetails: {name: ctx.name, index}}, {prev, advance: false}) : prev,
      )
      batch.forEach((index, k) => start(index, cursors[k] as number))
    }

    const start = (index: number, cursor: number): void => {
      const plan = plans[index] as ChildPlan
      const {branch, input} = spec.child(index)
      const from = plan.kind === 'rerun' ? plan.from : undefined
      const frame = childFrame(ctx, branch, cursor, from)
      records[index] = frame.record
      running.set(index, frame)
      runFrame(frame, from ?? {name: branch.StartAt, input}).then(
        (outcome) => guarded(() => settle(index, frame, outcome)),
        (error: unknown) => guarded(() => settle(index, frame, {status: 'failed', failure: {error: 'States.Runtime', cause: String(error)}, terminal: true, fromBranch: false})),
      )
    }

    const settle = (index: number, frame: Frame, outcome: FrameOutcome): void => {
      running.delete(index)
      if (outcome.status === 'aborted') {
        for (const other of running.values()) other.stop()
        finish(new Aborted())
        return
      }
      if (outcome.status === 'succeeded') {
        outputs[index] = outcome.output
        last = map ? parent.emit('MapIterationSucceeded', {mapIterationSucceededEventDetails: {name: ctx.name, index}}, {prev: frame.cursor, advance: false}) : frame.cursor
        done++
        if (pending.length > 0) launch(frame.cursor, 1)
        else if (done === size) finish()
        return
      }
      const failId = frame.cursor
      if (map) parent.emit('MapIterationFailed', {mapIterationFailedEventDetails: {name: ctx.name, index}}, {prev: failId, advance: false})
      abortFrame(frame, parent, failId)
      failures++
      if (!outcome.terminal && tolerated(spec, failures)) {
        outputs[index] = errorOutput(outcome.failure)
        last = failId
        done++
        if (pending.length > 0) launch(failId, 1)
        else if (done === size) finish()
        return
      }
      for (const [other, sibling] of [...running.entries()].sort((a, b) => a[0] - b[0])) {
        if (map) parent.emit('MapIterationAborted', {mapIterationAbortedEventDetails: {name: ctx.name, index: other}}, {prev: failId, advance: false})
        abortFrame(sibling, parent, failId)
        if (sibling.record.status === 'running') sibling.record.status = 'aborted'
      }
      running.clear()
      parent.cursor = failId
      const failure = spec.tolerance !== undefined && !outcome.terminal ? EXCEEDED_TOLERANCE : outcome.failure
      finish(new StateFailure(failure, outcome.terminal, false, true))
    }

    if (pending.length === 0) finish()
    else guarded(() => launch(spec.startedId, Math.max(1, spec.concurrency)))
  })
}

function tolerated(spec: FanOutSpec, failures: number): boolean {
  const t = spec.tolerance
  if (t === undefined) return false
  if (t.count !== undefined && failures > t.count) return false
  if (t.percentage !== undefined && (failures * 100) / Math.max(1, spec.size) > t.percentage) return false
  return true
}

/** A frame for a branch or iteration: a copy of the enclosing variables, which it may read but not assign. */
export function childFrame(ctx: StateContext, branch: Branch, cursor: number, from?: ResumePoint): Frame {
  const parent = ctx.frame
  const outerNames = new Set<string>(parent.outerNames)
  for (const name of Object.keys(parent.variables)) outerNames.add(name)
  return new Frame(parent.run, branch, branchLanguage(ctx, branch), {
    cursor,
    variables: from?.variables ?? parent.variables,
    outerNames,
    parentSignal: parent.signal,
  })
}

function branchLanguage(ctx: StateContext, branch: Branch): QueryLanguage {
  const own = branch.QueryLanguage
  if (own === 'JSONata' || own === 'JSONPath') return own
  const top = ctx.frame.run.definition.QueryLanguage
  return top === 'JSONata' ? 'JSONata' : 'JSONPath'
}
