// Redrive as AWS defines it: an unsuccessful state is one that was entered and never exited, and a
// redrive restarts there, with the input that state received, instead of at StartAt. A Parallel or
// Map state restarts only its unsuccessful branches or iterations and keeps the outputs of the
// ones that succeeded. A Fail state reached through a Catch is itself the unsuccessful state, so
// such a run fails again. Retry counters start from zero.
//
// Every frame keeps a record while it runs (where it is, with what input and variables, and for a
// Parallel or Map the records of its children); the redrive reads it back.
import type {JsonObject, JsonValue} from '../../asl/types.js'
import type {ExecutionStatus} from './api.js'

export interface FrameRecord {
  status: 'running' | 'succeeded' | 'failed' | 'aborted'
  /** The frame's output once it succeeded. */
  output?: JsonValue
  /** The state the frame is in (or failed in), to resume from. */
  current?: ResumePoint
}

export interface ResumePoint {
  name: string
  input: JsonValue
  variables: JsonObject
  /** For a Parallel or Map state: its branches' or iterations' records by index (absent: never started). */
  children?: Array<FrameRecord | undefined>
}

export type ChildPlan = {kind: 'reuse'; output: JsonValue} | {kind: 'rerun'; from?: ResumePoint}

/** What a redriven Parallel or Map does with child `index`: keep its output, or run it again from where it stopped. */
export function childPlan(resume: ResumePoint | undefined, index: number): ChildPlan {
  const record = resume?.children?.[index]
  if (record === undefined) return {kind: 'rerun'}
  if (record.status === 'succeeded') return {kind: 'reuse', output: record.output ?? null}
  return record.current === undefined ? {kind: 'rerun'} : {kind: 'rerun', from: record.current}
}

const REDRIVABLE: ReadonlySet<ExecutionStatus> = new Set(['FAILED', 'TIMED_OUT', 'ABORTED'])

/** Why an execution cannot be redriven, or undefined when it can. */
export function redriveRefusal(status: ExecutionStatus): string | undefined {
  if (REDRIVABLE.has(status)) return undefined
  return `Execution is ${status}: only FAILED, TIMED_OUT and ABORTED executions can be redriven`
}
