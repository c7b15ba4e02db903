// Redrive under AWS's rules ("Redriving executions"): restart from the unsuccessful state (entered,
// never exited) with the input it had, keep everything that succeeded, rerun only the Parallel
// branches and Map iterations that did not succeed, reset retry counters.
import {describe, expect, it} from 'vitest'
import {StatesError} from '../../../src/asl/states-error.js'
import type {JsonValue, StateMachineDefinition} from '../../../src/asl/types.js'
import type {TaskRequest} from '../../../src/local/engine/api.js'
import {createVirtualClock, startExecution} from '../../../src/local/engine/index.js'
import {chain, eventRecorded, eventsOf, integrations, START, types} from './engine-fixtures.js'

const clock = () => createVirtualClock({timeScale: 0, start: START})
const resource = (name: string) => `arn:aws:states:::aws-sdk:example:${name}`

/** An integration that fails while `broken` holds for an input, and echoes its input otherwise. */
function switchable(isBroken: (req: TaskRequest) => boolean) {
  return (req: TaskRequest) => {
    if (isBroken(req)) throw new StatesError('Downstream.Unavailable', 'try again later')
    return {output: req.input}
  }
}

describe('redrive: a failed Task', () => {
  it('reruns the failed Task with its original input and continues, keeping the states before it', async () => {
    // Given Prepare -> Call -> Finish, where Call fails on the first run
    let broken = true
    const services = integrations({[resource('call')]: switchable(() => broken)})
    const definition: StateMachineDefinition = {
      StartAt: 'Prepare',
      States: {
        Prepare: {Type: 'Pass', Result: {step: 1}, ResultPath: '$.prepared', Next: 'Call'},
        Call: {Type: 'Task', Resource: resource('call'), Next: 'Finish'},
        Finish: {Type: 'Pass', End: true},
      },
    }
    const execution = startExecution({definition, input: {run: 'r1'}, clock: clock(), integrations: services})
    expect((await execution.done).status).toBe('FAILED')
    const failedEvents = execution.events.length

    // When the downstream recovers and the execution is redriven
    broken = false
    const result = await execution.redrive()

    // Then it continues from Call with Call's original input, and Prepare ran only once
    expect(result).toMatchObject({status: 'SUCCEEDED', output: {run: 'r1', prepared: {step: 1}}})
    expect(execution.status).toBe('SUCCEEDED')
    expect(execution.redriveCount).toBe(1)
    expect(eventsOf(execution.events, 'PassStateEntered').map((e) => e.stateEnteredEventDetails?.name)).toEqual(['Prepare', 'Finish'])
    expect(services.count(resource('call'))).toBe(2)
    const appended = chain(execution.events).slice(failedEvents)
    expect(appended[0]).toEqual([failedEvents + 1, 0, 'ExecutionRedriven'])
    expect(appended[1]).toEqual([failedEvents + 2, failedEvents + 1, 'TaskStateEntered'])
    expect(types(execution.events.slice(failedEvents))).toEqual([
      'ExecutionRedriven',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ])
    expect(execution.events[failedEvents]?.executionRedrivenEventDetails).toEqual({redriveCount: 1})
    expect(execution.events[failedEvents + 1]?.stateEnteredEventDetails?.input).toBe('{"run":"r1","prepared":{"step":1}}')
  })

  it('shows the redrive count in the Context object', async () => {
    let broken = true
    const services = integrations({[resource('call')]: switchable(() => broken)})
    const definition: StateMachineDefinition = {StartAt: 'Call', States: {Call: {Type: 'Task', Resource: resource('call'), Parameters: {'count.$': '$$.Execution.RedriveCount'}, End: true}}}
    const execution = startExecution({definition, input: {}, clock: clock(), integrations: services})
    await execution.done
    broken = false
    const result = await execution.redrive()
    expect(result.output).toEqual({count: 1})
  })

  it('keeps the variables assigned before the failed state', async () => {
    let broken = true
    const services = integrations({[resource('call')]: switchable(() => broken)})
    const definition: StateMachineDefinition = {
      StartAt: 'Remember',
      States: {
        Remember: {Type: 'Pass', Assign: {runDate: '2026-03-01'}, Next: 'Call'},
        Call: {Type: 'Task', Resource: resource('call'), Parameters: {'date.$': '$runDate'}, End: true},
      },
    }
    const execution = startExecution({definition, input: {}, clock: clock(), integrations: services})
    await execution.done
    broken = false
    expect((await execution.redrive()).output).toEqual({date: '2026-03-01'})
  })

  it('resets retry counters: the redriven Task gets its MaxAttempts again', async () => {
    // Given a task with one retry that fails three times in a row, then works
    let calls = 0
    const services = integrations({
      [resource('flaky')]: (req) => {
        calls++
        if (calls <= 3) throw new StatesError('Flaky', `call ${calls}`)
        return {output: {attempt: req.attempt, retryCount: (req.context as {State: {RetryCount: number}}).State.RetryCount}}
      },
    })
    const definition: StateMachineDefinition = {
      StartAt: 'Flaky',
      States: {Flaky: {Type: 'Task', Resource: resource('flaky'), Retry: [{ErrorEquals: ['Flaky'], MaxAttempts: 1}], End: true}},
    }
    const execution = startExecution({definition, input: {}, clock: clock(), integrations: services})
    // When the first run spends its one retry and fails
    expect((await execution.done).status).toBe('FAILED')
    expect(calls).toBe(2)
    // Then the redriven run starts counting from zero: fails once, retries once, succeeds
    const result = await execution.redrive()
    expect(result).toMatchObject({status: 'SUCCEEDED', output: {attempt: 1, retryCount: 1}})
    expect(calls).toBe(4)
  })
})

describe('redrive: Parallel', () => {
  it('reruns only the failed branch and reuses the output of the one that succeeded', async () => {
    // Given two branches; B fails on the first run
    let broken = true
    const services = integrations({
      [resource('a')]: (req) => ({output: {a: req.input}}),
      [resource('b')]: switchable(() => broken),
    })
    const definition: StateMachineDefinition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            {StartAt: 'A', States: {A: {Type: 'Task', Resource: resource('a'), End: true}}},
            {StartAt: 'B1', States: {B1: {Type: 'Pass', Result: 'b', Next: 'B2'}, B2: {Type: 'Task', Resource: resource('b'), End: true}}},
          ],
        },
      },
    }
    const execution = startExecution({definition, input: 'x', clock: clock(), integrations: services})
    expect((await execution.done).status).toBe('FAILED')
    const failedEvents = execution.events.length

    // When it is redriven after B's service recovers
    broken = false
    const result = await execution.redrive()

    // Then A ran once in all, B's branch resumed at B2 (B1 not rerun), and the output holds both
    expect(result).toMatchObject({status: 'SUCCEEDED', output: [{a: 'x'}, 'b']})
    expect(services.count(resource('a'))).toBe(1)
    expect(services.count(resource('b'))).toBe(2)
    expect(types(execution.events.slice(failedEvents))).toEqual([
      'ExecutionRedriven',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'ExecutionSucceeded',
    ])
    expect(execution.events[failedEvents + 3]?.stateEnteredEventDetails?.name).toBe('B2')
  })

  it('reruns a branch aborted because its sibling failed', async () => {
    // Given a slow branch that is aborted when the other fails
    let broken = true
    const services = integrations({[resource('slow')]: () => ({output: 'slow', durationMs: 60_000}), [resource('b')]: switchable(() => broken)})
    const definition: StateMachineDefinition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            {StartAt: 'Slow', States: {Slow: {Type: 'Task', Resource: resource('slow'), End: true}}},
            {StartAt: 'B', States: {B: {Type: 'Task', Resource: resource('b'), End: true}}},
          ],
        },
      },
    }
    const execution = startExecution({definition, input: {}, clock: clock(), integrations: services})
    await execution.done
    // (AWS records TaskStateAborted for the failed task of the failing branch too)
    expect(eventsOf(execution.events, 'TaskStateAborted')).toHaveLength(2)
    broken = false
    const result = await execution.redrive()
    expect(result).toMatchObject({status: 'SUCCEEDED', output: ['slow', {}]})
    expect(services.count(resource('slow'))).toBe(2)
  })
})

describe('redrive: Map', () => {
  it('reruns only the failed iterations, keeping the results of the others in order', async () => {
    // Given three items of which the second fails on the first run
    let broken = true
    const services = integrations({[resource('item')]: switchable((req) => broken && req.input === 2)})
    const definition: StateMachineDefinition = {
      StartAt: 'Each',
      States: {Each: {Type: 'Map', MaxConcurrency: 1, ItemProcessor: {StartAt: 'Work', States: {Work: {Type: 'Task', Resource: resource('item'), End: true}}}, End: true}},
    }
    const execution = startExecution({definition, input: [1, 2, 3], clock: clock(), integrations: services})
    expect((await execution.done).status).toBe('FAILED')
    const failedEvents = execution.events.length

    // When it is redriven
    broken = false
    const result = await execution.redrive()

    // Then item 1 is not rerun; item 2 reruns; item 3, which never started, runs now
    expect(result).toMatchObject({status: 'SUCCEEDED', output: [1, 2, 3]})
    const inputs = services.calls.get(resource('item'))?.map((r) => r.input as JsonValue)
    expect(inputs).toEqual([1, 2, 2, 3])
    const iterations = eventsOf(execution.events.slice(failedEvents), 'MapIterationStarted').map((e) => e.mapIterationStartedEventDetails?.index)
    expect(iterations).toEqual([1, 2])
    expect(eventsOf(execution.events.slice(failedEvents), 'MapStateStarted')[0]?.mapStateStartedEventDetails).toEqual({length: 3})
  })
})

describe('redrive: a Catch that leads to a Fail state', () => {
  it('fails again, because the unsuccessful state is the Fail state itself', async () => {
    // Given a Task whose error is caught into a Fail state
    let broken = true
    const services = integrations({[resource('call')]: switchable(() => broken)})
    const definition: StateMachineDefinition = {
      StartAt: 'Call',
      States: {
        Call: {Type: 'Task', Resource: resource('call'), Catch: [{ErrorEquals: ['States.ALL'], Next: 'Failed'}], End: true},
        Failed: {Type: 'Fail', Error: 'Pipeline.Failed', Cause: 'Call did not work'},
      },
    }
    const execution = startExecution({definition, input: {}, clock: clock(), integrations: services})
    expect((await execution.done).status).toBe('FAILED')
    const failedEvents = execution.events.length

    // When it is redriven, even with the service repaired
    broken = false
    const result = await execution.redrive()

    // Then only the Fail state runs again, and the execution fails the same way
    expect(result).toMatchObject({status: 'FAILED', error: 'Pipeline.Failed', cause: 'Call did not work'})
    expect(services.count(resource('call'))).toBe(1)
    expect(types(execution.events.slice(failedEvents))).toEqual(['ExecutionRedriven', 'FailStateEntered', 'ExecutionFailed'])
    expect(execution.redriveCount).toBe(1)
  })
})

describe('redrive: eligibility and other ends', () => {
  it('throws for a SUCCEEDED execution', async () => {
    const execution = startExecution({definition: {StartAt: 'P', States: {P: {Type: 'Pass', End: true}}}, input: {}, clock: clock()})
    await execution.done
    expect(() => execution.redrive()).toThrow(/SUCCEEDED/)
  })

  it('throws for a RUNNING execution', async () => {
    const vclock = clock()
    const release = vclock.hold()
    const execution = startExecution({definition: {StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 5, End: true}}}, input: {}, clock: vclock})
    await eventRecorded(execution, 'WaitStateEntered')
    expect(() => execution.redrive()).toThrow(/RUNNING/)
    release()
    await execution.done
  })

  it('restarts an ABORTED execution at the Wait it was stopped in', async () => {
    const vclock = clock()
    const release = vclock.hold()
    const definition: StateMachineDefinition = {StartAt: 'Before', States: {Before: {Type: 'Pass', Next: 'W'}, W: {Type: 'Wait', Seconds: 60, End: true}}}
    const execution = startExecution({definition, input: {}, clock: vclock})
    await eventRecorded(execution, 'WaitStateEntered')
    execution.stop()
    release()
    expect((await execution.done).status).toBe('ABORTED')
    const result = await execution.redrive()
    expect(result.status).toBe('SUCCEEDED')
    expect(types(execution.events).slice(-4)).toEqual(['ExecutionRedriven', 'WaitStateEntered', 'WaitStateExited', 'ExecutionSucceeded'])
  })

  it('restarts a TIMED_OUT execution with its timeout counted afresh', async () => {
    // Given a 10 s execution timeout around two 6 s waits: the first run times out in the second
    const definition: StateMachineDefinition = {
      TimeoutSeconds: 10,
      StartAt: 'W1',
      States: {W1: {Type: 'Wait', Seconds: 6, Next: 'W2'}, W2: {Type: 'Wait', Seconds: 6, End: true}},
    }
    const execution = startExecution({definition, input: {}, clock: clock()})
    expect((await execution.done).status).toBe('TIMED_OUT')
    // When redriven, W2 runs again with a fresh 10 s and completes
    const result = await execution.redrive()
    expect(result.status).toBe('SUCCEEDED')
    expect(eventsOf(execution.events, 'WaitStateEntered').map((e) => e.stateEnteredEventDetails?.name)).toEqual(['W1', 'W2', 'W2'])
  })

  it('counts each redrive', async () => {
    const definition: StateMachineDefinition = {StartAt: 'F', States: {F: {Type: 'Fail', Error: 'Always'}}}
    const execution = startExecution({definition, input: {}, clock: clock()})
    await execution.done
    await execution.redrive()
    await execution.redrive()
    expect(execution.redriveCount).toBe(2)
    expect(eventsOf(execution.events, 'ExecutionRedriven').map((e) => e.executionRedrivenEventDetails?.redriveCount)).toEqual([1, 2])
  })
})
