import {describe, expect, it} from 'vitest'
import type {StateMachineDefinition, TaskState} from '../../../src/asl/types.js'
import {createVirtualClock, startExecution} from '../../../src/local/engine/index.js'
import {errorMatches, retryDelayMs} from '../../../src/local/engine/retry-catch.js'
import {alwaysFails, at, eventsOf, failsTimes, integrations, returns, START} from './engine-fixtures.js'

const T = 'arn:aws:states:::aws-sdk:example:call'
const clock = () => createVirtualClock({timeScale: 0, start: START})
const failure = (error: string | undefined, fromBranch = false) => ({failure: error === undefined ? {} : {error}, fromBranch})

/** A Task with the catch targets its catchers name (AWS refuses unreachable states, and so do we). */
function taskMachine(fields: Partial<TaskState>, extra: StateMachineDefinition['States'] = {}): StateMachineDefinition {
  const targets = new Set((fields.Catch ?? []).map((c) => c.Next))
  const candidates: StateMachineDefinition['States'] = {
    First: {Type: 'Pass', Result: 'first', End: true},
    Second: {Type: 'Pass', Result: 'second', End: true},
    ...extra,
  }
  const states: StateMachineDefinition['States'] = {T: {Type: 'Task', Resource: T, End: true, ...fields} as TaskState}
  for (const [name, state] of Object.entries(candidates)) if (targets.has(name)) states[name] = state
  return {StartAt: 'T', States: states}
}

describe('errorMatches', () => {
  it('matches States.ALL to anything, including a failure without an error name', () => {
    expect(errorMatches(['States.ALL'], failure('Custom'))).toBe(true)
    expect(errorMatches(['States.ALL'], failure(undefined))).toBe(true)
  })

  it('matches States.TaskFailed to every error except timeouts', () => {
    expect(errorMatches(['States.TaskFailed'], failure('Lambda.ServiceException'))).toBe(true)
    expect(errorMatches(['States.TaskFailed'], failure('States.Permissions'))).toBe(true)
    expect(errorMatches(['States.TaskFailed'], failure('States.Timeout'))).toBe(false)
    expect(errorMatches(['States.TaskFailed'], failure('States.HeartbeatTimeout'))).toBe(false)
  })

  it('matches a heartbeat timeout with States.Timeout too', () => {
    expect(errorMatches(['States.Timeout'], failure('States.HeartbeatTimeout'))).toBe(true)
  })

  it('matches States.BranchFailed to failures coming out of a branch or iteration', () => {
    expect(errorMatches(['States.BranchFailed'], failure('Custom', true))).toBe(true)
    expect(errorMatches(['States.BranchFailed'], failure('Custom', false))).toBe(false)
  })

  it('matches names exactly, case included', () => {
    expect(errorMatches(['custom'], failure('Custom'))).toBe(false)
    expect(errorMatches(['A', 'Custom'], failure('Custom'))).toBe(true)
  })
})

describe('retryDelayMs', () => {
  it('defaults to 1 s doubling each retry', () => {
    expect([0, 1, 2, 3].map((n) => retryDelayMs({ErrorEquals: ['X']}, n))).toEqual([1000, 2000, 4000, 8000])
  })

  it('caps the delay at MaxDelaySeconds', () => {
    expect([0, 1, 2, 3].map((n) => retryDelayMs({ErrorEquals: ['X'], IntervalSeconds: 3, BackoffRate: 3, MaxDelaySeconds: 20}, n))).toEqual([3000, 9000, 20_000, 20_000])
  })

  it('draws a FULL jitter between 0 and the computed delay', () => {
    const rule = {ErrorEquals: ['X'], IntervalSeconds: 10, JitterStrategy: 'FULL' as const}
    expect(retryDelayMs(rule, 1, () => 0.25)).toBe(5000)
    expect(retryDelayMs(rule, 1, () => 0)).toBe(0)
  })
})

describe('Retry and Catch in a run', () => {
  it('never retries with MaxAttempts 0 and hands the error to Catch', async () => {
    const services = integrations({[T]: alwaysFails('Boom')})
    const def = taskMachine({Retry: [{ErrorEquals: ['Boom'], MaxAttempts: 0}], Catch: [{ErrorEquals: ['Boom'], Next: 'First'}]})
    const result = await startExecution({definition: def, input: {}, clock: clock(), integrations: services}).done
    expect(result.output).toBe('first')
    expect(services.count(T)).toBe(1)
  })

  it('counts attempts per retrier: each error uses its own budget', async () => {
    // Given errors A, A, B, B, then success, and one retry for each name
    const sequence = ['A', 'A', 'B', 'B']
    let n = 0
    const services = integrations({
      [T]: () => {
        const error = sequence[n++]
        if (error !== undefined) throw Object.assign(new Error('x'), {name: error})
        return {output: 'done'}
      },
    })
    const def = taskMachine({Retry: [{ErrorEquals: ['A'], MaxAttempts: 2}, {ErrorEquals: ['B'], MaxAttempts: 2}]})
    const result = await startExecution({definition: def, input: {}, clock: clock(), integrations: services}).done
    expect(result.status).toBe('SUCCEEDED')
    expect(services.count(T)).toBe(5)
  })

  it('uses the first matching retrier even when it is spent: a later one matching the same error never runs', async () => {
    const services = integrations({[T]: alwaysFails('Boom')})
    const def = taskMachine({Retry: [{ErrorEquals: ['Boom'], MaxAttempts: 1}, {ErrorEquals: ['States.ALL'], MaxAttempts: 5}]})
    await startExecution({definition: def, input: {}, clock: clock(), integrations: services}).done
    expect(services.count(T)).toBe(2)
  })

  it('picks the first matching catcher in order', async () => {
    const services = integrations({[T]: alwaysFails('Boom')})
    const def = taskMachine({Catch: [{ErrorEquals: ['Other'], Next: 'First'}, {ErrorEquals: ['Boom'], Next: 'Second'}, {ErrorEquals: ['States.ALL'], Next: 'First'}]})
    const result = await startExecution({definition: def, input: {}, clock: clock(), integrations: services}).done
    expect(result.output).toBe('second')
  })

  it('does not retry or catch States.Runtime, even when a catcher names it', async () => {
    // Given a task whose OutputPath finds nothing: a States.Runtime error after the task succeeded
    const services = integrations({[T]: returns({a: 1})})
    const def = taskMachine({
      OutputPath: '$.missing',
      Retry: [{ErrorEquals: ['States.ALL']}],
      Catch: [{ErrorEquals: ['States.Runtime'], Next: 'First'}],
    })
    const execution = startExecution({definition: def, input: {}, clock: clock(), integrations: services})
    const result = await execution.done
    expect(result.status).toBe('FAILED')
    expect(result.error).toBe('States.Runtime')
    expect(result.cause).toMatch(/^An error occurred while executing the state 'T' \(entered at the event id #2\)\. /)
    expect(services.count(T)).toBe(1)
    // Recorded as AWS does: ExecutionFailed straight after the task's success
    expect(execution.events.slice(-2).map((e) => e.type)).toEqual(['TaskSucceeded', 'ExecutionFailed'])
  })

  it('catches a States.Timeout but not with States.TaskFailed', async () => {
    const services = integrations({[T]: returns('late', 10_000)})
    const def = taskMachine({TimeoutSeconds: 1, Catch: [{ErrorEquals: ['States.TaskFailed'], Next: 'First'}, {ErrorEquals: ['States.Timeout'], Next: 'Second'}]})
    const result = await startExecution({definition: def, input: {}, clock: clock(), integrations: services}).done
    expect(result.output).toBe('second')
  })

  it('puts the error output where the catcher ResultPath says, keeping the input', async () => {
    const services = integrations({[T]: alwaysFails('Boom', 'why')})
    const def = taskMachine({Catch: [{ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Keep'}]}, {Keep: {Type: 'Pass', End: true}})
    const result = await startExecution({definition: def, input: {job: 1}, clock: clock(), integrations: services}).done
    expect(result.output).toEqual({job: 1, err: {Error: 'Boom', Cause: 'why'}})
  })

  it('waits IntervalSeconds x BackoffRate^n between attempts, on the virtual clock', async () => {
    const services = integrations({[T]: failsTimes(3, 'Slow')})
    const def = taskMachine({Retry: [{ErrorEquals: ['Slow'], IntervalSeconds: 2, BackoffRate: 1.5}]})
    const execution = startExecution({definition: def, input: {}, clock: clock(), integrations: services})
    await execution.done
    const scheduled = eventsOf(execution.events, 'TaskScheduled').map(at)
    expect(scheduled.slice(1).map((t, i) => t - (scheduled[i] as number))).toEqual([2000, 3000, 4500])
  })

  it('retries a Parallel as a whole, recording ParallelStateStarted again and ParallelStateFailed once', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {Type: 'Parallel', Branches: [{StartAt: 'F', States: {F: {Type: 'Fail', Error: 'Nope'}}}], Retry: [{ErrorEquals: ['Nope'], MaxAttempts: 2, IntervalSeconds: 1}], End: true},
      },
    }
    const execution = startExecution({definition: def, input: {}, clock: clock()})
    await execution.done
    expect(execution.events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'ParallelStateEntered'],
      [3, 2, 'ParallelStateStarted'],
      [4, 3, 'FailStateEntered'],
      [5, 4, 'ParallelStateStarted'],
      [6, 5, 'FailStateEntered'],
      [7, 6, 'ParallelStateStarted'],
      [8, 7, 'FailStateEntered'],
      [9, 8, 'ParallelStateFailed'],
      [10, 9, 'ExecutionFailed'],
    ])
  })
})
