// Conformance: Wait (read through the virtual clock: a wait moves the history's timestamps, nothing
// else does), Fail and Succeed.
import {describe, expect, it} from 'vitest'
import type {StateMachineDefinition} from '../../../../src/asl/types.js'
import {createVirtualClock} from '../../../../src/local/engine/index.js'
import {StatesError, elapsedMs, eventsOfType, fakeLambda, lambdaArn, run} from './run.js'

const wait = (fields: object): StateMachineDefinition => ({StartAt: 'W', States: {W: {Type: 'Wait', End: true, ...fields}}})
const at = (e: {timestamp?: Date} | undefined): number => new Date(e?.timestamp ?? 0).getTime()

/** A whole-second timestamp `offsetMs` from the clock's now, as the spec writes them (no fraction). */
function timestampFrom(nowMs: number, offsetMs: number): {iso: string; ms: number} {
  const ms = Math.ceil(nowMs / 1000) * 1000 + offsetMs
  return {iso: new Date(ms).toISOString().replace('.000Z', 'Z'), ms}
}

// ---- Spec "Wait State" and guide "Wait workflow state" -----------------------------------------
describe('spec/guide: Wait', () => {
  it('Seconds 10 delays the execution by 10 s and passes the input on', async () => {
    const r = await run(wait({Seconds: 10}), {keep: 1})
    expect(elapsedMs(r.events)).toBe(10_000)
    expect(r.output).toEqual({keep: 1})
  })

  it('the WaitStateExited event comes Seconds after WaitStateEntered', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'wait_ten_seconds',
      States: {wait_ten_seconds: {Type: 'Wait', Seconds: 10, Next: 'NextState'}, NextState: {Type: 'Pass', End: true}},
    }
    const r = await run(def, {})
    const entered = eventsOfType(r.events, 'WaitStateEntered')[0]
    const exited = eventsOfType(r.events, 'WaitStateExited')[0]
    expect(at(exited) - at(entered)).toBe(10_000)
  })

  it('SecondsPath reads the delay from the input', async () => {
    const r = await run(wait({SecondsPath: '$.delay'}), {delay: 30})
    expect(elapsedMs(r.events)).toBe(30_000)
  })

  it('Timestamp waits until that absolute time', async () => {
    // Given a clock and a timestamp one hour after its now
    const clock = createVirtualClock({timeScale: 0})
    const until = timestampFrom(clock.now().getTime(), 3_600_000)
    // When the Wait runs on that clock
    const r = await run(wait({Timestamp: until.iso}), {}, {clock})
    // Then the execution ends exactly at the timestamp
    expect(at(eventsOfType(r.events, 'ExecutionSucceeded')[0])).toBe(until.ms)
  })

  it('TimestampPath reads the time from the input (the spec expirydate example)', async () => {
    const clock = createVirtualClock({timeScale: 0})
    const until = timestampFrom(clock.now().getTime(), 90_000)
    const r = await run(wait({TimestampPath: '$.expirydate'}), {expirydate: until.iso}, {clock})
    expect(at(eventsOfType(r.events, 'ExecutionSucceeded')[0])).toBe(until.ms)
  })

  it('a Timestamp already past does not wait (the spec 2016-03-14T01:59:00Z example)', async () => {
    const r = await run(wait({Timestamp: '2016-03-14T01:59:00Z'}), {})
    expect(r.status).toBe('SUCCEEDED')
    expect(elapsedMs(r.events)).toBe(0)
  })

  it('waits in sequence add up', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'A',
      States: {A: {Type: 'Wait', Seconds: 5, Next: 'B'}, B: {Type: 'Wait', SecondsPath: '$.more', Next: 'C'}, C: {Type: 'Wait', Seconds: 1, End: true}},
    }
    const r = await run(def, {more: 4})
    expect(elapsedMs(r.events)).toBe(10_000)
  })

  it('applies InputPath and OutputPath around the wait', async () => {
    const r = await run(wait({Seconds: 1, InputPath: '$.inner', OutputPath: '$.x'}), {inner: {x: 'kept'}, other: 1})
    expect(r.output).toBe('kept')
  })

  it('a SecondsPath that matches nothing fails with States.Runtime', async () => {
    const r = await run(wait({SecondsPath: '$.absent'}), {})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.Runtime')
  })
})

// ---- Spec "Fail State" and guide "Fail workflow state" -----------------------------------------
describe('spec/guide: Fail', () => {
  it('fails the execution with its Error and Cause (the spec Kaiju example)', async () => {
    const r = await run({StartAt: 'FailState', States: {FailState: {Type: 'Fail', Error: 'ErrorA', Cause: 'Kaiju attack'}}}, {})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('ErrorA')
    expect(r.cause).toBe('Kaiju attack')
  })

  it('fails without an error name or cause when it gives none', async () => {
    const r = await run({StartAt: 'F', States: {F: {Type: 'Fail'}}}, {})
    expect(r.status).toBe('FAILED')
    expect(r.error ?? '').toBe('')
    expect(r.cause ?? '').toBe('')
  })

  it('ErrorPath and CausePath read the error and cause from the input (the spec example)', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'FailState',
      States: {FailState: {Type: 'Fail', Comment: 'my error comment', ErrorPath: '$.Error', CausePath: '$.Cause'}},
    }
    const r = await run(def, {Error: 'Input.Error', Cause: 'from the input'})
    expect(r.error).toBe('Input.Error')
    expect(r.cause).toBe('from the input')
  })

  it('CausePath may be an intrinsic function', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'F',
      States: {F: {Type: 'Fail', Error: 'Wrapped', CausePath: "States.Format('this is the error: {}, and this is the cause: {}', $.Error, $.Cause)"}},
    }
    const r = await run(def, {Error: 'E1', Cause: 'C1'})
    expect(r.cause).toBe('this is the error: E1, and this is the cause: C1')
  })

  it('a Catch into a Fail state re-raises the caught error by ErrorPath and CausePath', async () => {
    // Given a task whose error is caught and handed to a Fail state
    const fn = lambdaArn('fn')
    const lambda = fakeLambda({
      [fn]: () => {
        throw new StatesError('Research.429', 'Too Many Requests')
      },
    })
    const def: StateMachineDefinition = {
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: fn, Catch: [{ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'HandleFailure'}], End: true},
        HandleFailure: {Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause'},
      },
    }
    // When it runs
    const r = await run(def, {}, {integrations: lambda})
    // Then the execution fails with the original error
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('Research.429')
    expect(r.cause).toBe('Too Many Requests')
  })
})

// ---- Spec "Succeed State": ends the machine successfully; its output is its input, possibly
// modified by InputPath and OutputPath.
describe('spec: Succeed', () => {
  it('ends the execution with its input as the output', async () => {
    const r = await run({StartAt: 'S', States: {S: {Type: 'Succeed'}}}, {done: true})
    expect(r.status).toBe('SUCCEEDED')
    expect(r.output).toEqual({done: true})
  })

  it('applies OutputPath to its output', async () => {
    const r = await run({StartAt: 'S', States: {S: {Type: 'Succeed', OutputPath: '$.result'}}}, {result: {ok: 1}, noise: 2})
    expect(r.output).toEqual({ok: 1})
  })

  it('applies InputPath before OutputPath', async () => {
    const r = await run({StartAt: 'S', States: {S: {Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b'}}}, {a: {b: 'deep'}})
    expect(r.output).toBe('deep')
  })

  it('is a Choice target that ends the execution before later states', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'C',
      States: {
        C: {Type: 'Choice', Choices: [{Variable: '$.skip', BooleanEquals: true, Next: 'SuccessState'}], Default: 'Work'},
        Work: {Type: 'Pass', Result: 'worked', End: true},
        SuccessState: {Type: 'Succeed'},
      },
    }
    expect((await run(def, {skip: true})).output).toEqual({skip: true})
    expect((await run(def, {skip: false})).output).toBe('worked')
  })
})
