// Conformance: how errors end an execution, the payload size quota, the execution timeout, and the
// failure as it appears in the history.
import {describe, expect, it} from 'vitest'
import type {StateMachineDefinition, TaskState} from '../../../../src/asl/types.js'
import {StatesError, elapsedMs, eventsOfType, fakeLambda, lambdaArn, run, scheduledAt} from './run.js'

const FN = lambdaArn('fn')
const task = (fields: Partial<TaskState> = {}): StateMachineDefinition => ({
  StartAt: 'T',
  States: {
    T: {Type: 'Task', Resource: FN, End: true, ...fields},
    // AWS refuses a definition with an unreachable state, so the catch target exists only when caught
    ...(fields.Catch ? {Caught: {Type: 'Pass', Result: 'caught', End: true}} : {}),
  },
})

// ---- Guide "Handling errors in Step Functions workflows" (Error names): by default an error a
// state reports fails the whole execution, with the error name and cause.
describe('guide: uncaught errors fail the execution', () => {
  it('a task error ends the execution FAILED with its error and cause', async () => {
    const lambda = fakeLambda({
      [FN]: () => {
        throw new StatesError('Custom.Error', 'what happened')
      },
    })
    const r = await run(task(), {}, {integrations: lambda})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('Custom.Error')
    expect(r.cause).toBe('what happened')
    expect(r.output).toBeUndefined()
  })

  it('the ExecutionFailed event carries the same error and cause', async () => {
    const lambda = fakeLambda({
      [FN]: () => {
        throw new StatesError('Custom.Error', 'what happened')
      },
    })
    const r = await run(task(), {}, {integrations: lambda})
    const failed = eventsOfType(r.events, 'ExecutionFailed')
    expect(failed).toHaveLength(1)
    expect(failed[0]?.executionFailedEventDetails).toMatchObject({error: 'Custom.Error', cause: 'what happened'})
  })

  it('an unhandled JavaScript error in a function is reported by its error type', async () => {
    const lambda = fakeLambda({
      [FN]: () => {
        throw new TypeError('x is not a function')
      },
    })
    const r = await run(task(), {}, {integrations: lambda})
    expect(r.error).toBe('TypeError')
    expect(r.cause).toContain('x is not a function')
  })

  it('a Resource no integration serves fails the task with States.TaskFailed (the engine contract)', async () => {
    const r = await run(task(), {}, {integrations: fakeLambda({})})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.TaskFailed')
  })

  it('a Resource no integration serves can be caught as States.TaskFailed', async () => {
    const r = await run(task({Catch: [{ErrorEquals: ['States.TaskFailed'], Next: 'Caught'}]}), {})
    expect(r.output).toBe('caught')
  })
})

// ---- Guide "Handling errors in Step Functions workflows": "A States.Runtime error is not
// retriable, and will always cause the execution to fail. A retry or catch on States.ALL will not
// catch States.Runtime errors."
describe('guide: States.Runtime is neither retried nor caught by States.ALL', () => {
  it('a States.ALL retrier does not retry a path failure, and the task is never scheduled', async () => {
    const lambda = fakeLambda({[FN]: () => 'never'})
    const r = await run(task({Parameters: {'x.$': '$.missing'}, Retry: [{ErrorEquals: ['States.ALL']}]}), {}, {integrations: lambda})
    expect(r.error).toBe('States.Runtime')
    expect(scheduledAt(r.events)).toHaveLength(0)
    expect(lambda.calls).toHaveLength(0)
  })

  it('an OutputPath failure after a successful task is not caught by States.ALL', async () => {
    const lambda = fakeLambda({[FN]: () => ({a: 1})})
    const r = await run(task({OutputPath: '$.b', Catch: [{ErrorEquals: ['States.ALL'], Next: 'Caught'}]}), {}, {integrations: lambda})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.Runtime')
  })
})

// ---- Guide "Step Functions service quotas": maximum input or output size for a task, state or
// execution is 256 KiB (262,144 bytes) of data as a UTF-8 encoded string. Guide "Handling errors in
// Step Functions workflows": States.DataLimitExceeded is raised when a connector's output, a state's
// output or a state's input after Parameters exceeds the quota, and is a terminal error that
// States.ALL cannot catch.
describe('guide: payload size quota', () => {
  it('a task result over 256 KiB fails with States.DataLimitExceeded', async () => {
    const lambda = fakeLambda({[FN]: () => 'x'.repeat(300_000)})
    const r = await run(task(), {}, {integrations: lambda})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.DataLimitExceeded')
  })

  it('a result of 200 KB is within the quota', async () => {
    const lambda = fakeLambda({[FN]: () => 'x'.repeat(200_000)})
    const r = await run(task(), {}, {integrations: lambda})
    expect(r.status).toBe('SUCCEEDED')
  })

  it('the quota counts UTF-8 bytes, not characters (100,000 euro signs are 300,000 bytes)', async () => {
    const lambda = fakeLambda({[FN]: () => '€'.repeat(100_000)})
    const r = await run(task(), {}, {integrations: lambda})
    expect(r.error).toBe('States.DataLimitExceeded')
  })

  it('a States.ALL catcher does not catch States.DataLimitExceeded', async () => {
    const lambda = fakeLambda({[FN]: () => 'x'.repeat(300_000)})
    const r = await run(task({Catch: [{ErrorEquals: ['States.ALL'], Next: 'Caught'}]}), {}, {integrations: lambda})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.DataLimitExceeded')
  })

  it('a state output over 256 KiB (a Pass with a large Result) fails with States.DataLimitExceeded', async () => {
    const def: StateMachineDefinition = {StartAt: 'P', States: {P: {Type: 'Pass', Result: {blob: 'y'.repeat(270_000)}, End: true}}}
    const r = await run(def, {})
    expect(r.error).toBe('States.DataLimitExceeded')
  })

  it('an effective input over 256 KiB after Parameters fails with States.DataLimitExceeded', async () => {
    const def: StateMachineDefinition = {StartAt: 'P', States: {P: {Type: 'Pass', Parameters: {'a.$': '$.s', 'b.$': '$.s'}, End: true}}}
    const r = await run(def, {s: 'q'.repeat(150_000)})
    expect(r.error).toBe('States.DataLimitExceeded')
  })

  it('an input that grows past 256 KiB through ResultPath fails with States.DataLimitExceeded', async () => {
    const lambda = fakeLambda({[FN]: () => 'z'.repeat(150_000)})
    const r = await run(task({ResultPath: '$.second'}), {first: 'a'.repeat(150_000)}, {integrations: lambda})
    expect(r.error).toBe('States.DataLimitExceeded')
  })
})

// ---- Spec "Structure of a State Machine": TimeoutSeconds on the machine; past it "the interpreter
// fails the machine with a States.Timeout Error Name"; AWS shows the execution as TIMED_OUT.
describe('spec: execution TimeoutSeconds', () => {
  it('an execution running past its TimeoutSeconds times out at that moment', async () => {
    const def: StateMachineDefinition = {TimeoutSeconds: 10, StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 100, End: true}}}
    const r = await run(def, {})
    expect(r.status).toBe('TIMED_OUT')
    expect(r.error).toBe('States.Timeout')
    expect(elapsedMs(r.events)).toBe(10_000)
  })

  it('an execution finishing within its TimeoutSeconds succeeds', async () => {
    const def: StateMachineDefinition = {TimeoutSeconds: 10, StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 5, End: true}}}
    const r = await run(def, {})
    expect(r.status).toBe('SUCCEEDED')
  })
})

// ---- API reference "HistoryEvent"; guide "Using Mocked Service Integrations" (Step Functions Local),
// whose GetExecutionHistory sample shows the first state's TaskStateEntered as id 2 with
// previousEventId 0, and later events pointing at the one before. A Pass run reads
// ExecutionStarted, PassStateEntered, PassStateExited, ExecutionSucceeded.
describe('API reference / guide: history events', () => {
  it('numbers events from 1; the first state entered points at 0, later events at the one before', async () => {
    const def: StateMachineDefinition = {StartAt: 'A', States: {A: {Type: 'Pass', Next: 'B'}, B: {Type: 'Pass', End: true}}}
    const r = await run(def, {})
    expect(r.events.map((e) => e.id)).toEqual(r.events.map((_, i) => i + 1))
    expect(r.events.map((e) => e.previousEventId ?? 0)).toEqual([0, 0, 2, 3, 4, 5])
  })

  it('records a single Pass state as started, entered, exited, succeeded', async () => {
    const def: StateMachineDefinition = {StartAt: 'A', States: {A: {Type: 'Pass', End: true}}}
    const r = await run(def, {a: 1})
    expect(r.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded'])
    expect(JSON.parse(r.events[3]?.executionSucceededEventDetails?.output ?? 'null')).toEqual({a: 1})
  })
})
