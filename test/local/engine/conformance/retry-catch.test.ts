// Conformance: Retry and Catch. Retry timing is read from the history: the virtual clock moves only
// for waits and simulated task time, so the gap between two scheduled attempts is exactly the
// retry interval (plus the task's own simulated duration, zero unless a case says otherwise).
import {describe, expect, it} from 'vitest'
import type {CatchRule, RetryRule, StateMachineDefinition} from '../../../../src/asl/types.js'
import {LAMBDA_INVOKE, StatesError, elapsedMs, eventsOfType, failing, failingWith, fakeLambda, gaps, lambdaArn, run, scheduledAt, slow} from './run.js'

const FN = lambdaArn('FailFunction')
const SLEEP10 = lambdaArn('sleep10')

type TaskFields = {Retry?: RetryRule[]; Catch?: CatchRule[]; TimeoutSeconds?: number; TimeoutSecondsPath?: string}

/** The guide's HelloWorld task, with the catch targets its catchers name (AWS refuses unreachable states). */
function task(fields: TaskFields, resource = FN): StateMachineDefinition {
  const targets = new Set((fields.Catch ?? []).map((c) => c.Next))
  return {
    StartAt: 'HelloWorld',
    States: {
      HelloWorld: {Type: 'Task', Resource: resource, ...fields, End: true},
      ...(targets.has('fallback') ? {fallback: {Type: 'Pass', Result: 'Hello, AWS Step Functions!', End: true}} : {}),
      ...(targets.has('Z') ? {Z: {Type: 'Pass', End: true}} : {}),
    },
  }
}

// ---- Spec "Retrying after error"; guide "Handling errors in Step Functions workflows" (Retry)
describe('spec/guide: retry intervals', () => {
  it('defaults to IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0: waits 1, 2, 4 s', async () => {
    // Given a function that always fails and a retrier with only ErrorEquals
    const lambda = fakeLambda({[FN]: failingWith('HandledError')})
    // When it runs
    const r = await run(task({Retry: [{ErrorEquals: ['HandledError']}]}), {}, {integrations: lambda})
    // Then it was tried 4 times, 1 s, 2 s and 4 s apart, and failed with the function's error
    expect(lambda.calls).toHaveLength(4)
    expect(gaps(scheduledAt(r.events))).toEqual([1000, 2000, 4000])
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('HandledError')
  })

  it('schedules each attempt of an optimized lambda:invoke task as TaskScheduled, 1 s then 2 s apart', async () => {
    // The guide's "Handling a failure using Retry": IntervalSeconds 1, MaxAttempts 2, BackoffRate 2.0
    const lambda = fakeLambda({[FN]: failingWith('HandledError')})
    const def: StateMachineDefinition = {
      StartAt: 'HelloWorld',
      States: {
        HelloWorld: {
          Type: 'Task',
          Resource: LAMBDA_INVOKE,
          Parameters: {FunctionName: FN, 'Payload.$': '$'},
          Retry: [{ErrorEquals: ['HandledError'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2.0}],
          End: true,
        },
      },
    }
    const r = await run(def, {}, {integrations: lambda})
    const scheduled = eventsOfType(r.events, 'TaskScheduled')
    expect(scheduled).toHaveLength(3)
    expect(gaps(scheduled.map((e) => new Date(e.timestamp ?? 0).getTime()))).toEqual([1000, 2000])
  })

  it('IntervalSeconds 3, BackoffRate 1.5, MaxAttempts 2 waits 3 and 4.5 s (the guide example)', async () => {
    const lambda = fakeLambda({[FN]: failingWith('States.TaskFailed')})
    const r = await run(task({Retry: [{ErrorEquals: ['States.ALL'], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 1.5}]}), {}, {integrations: lambda})
    expect(gaps(scheduledAt(r.events))).toEqual([3000, 4500])
  })

  it('MaxDelaySeconds 4 caps the second wait of 3 s x 2.0 at 4 s (the spec example)', async () => {
    const lambda = fakeLambda({[FN]: failingWith('Custom')})
    const retry: RetryRule = {ErrorEquals: ['Custom'], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 2.0, MaxDelaySeconds: 4}
    const r = await run(task({Retry: [retry]}), {}, {integrations: lambda})
    expect(gaps(scheduledAt(r.events))).toEqual([3000, 4000])
  })

  it('MaxDelaySeconds holds every later wait at the cap', async () => {
    const lambda = fakeLambda({[FN]: failingWith('Custom')})
    const retry: RetryRule = {ErrorEquals: ['Custom'], IntervalSeconds: 1, MaxAttempts: 4, BackoffRate: 3, MaxDelaySeconds: 5}
    const r = await run(task({Retry: [retry]}), {}, {integrations: lambda})
    expect(gaps(scheduledAt(r.events))).toEqual([1000, 3000, 5000, 5000])
  })

  it('MaxAttempts 0 never retries', async () => {
    const lambda = fakeLambda({[FN]: failingWith('Custom')})
    const r = await run(task({Retry: [{ErrorEquals: ['Custom'], MaxAttempts: 0}]}), {}, {integrations: lambda})
    expect(lambda.calls).toHaveLength(1)
    expect(r.error).toBe('Custom')
  })

  it('a retry that succeeds gives the successful output', async () => {
    const lambda = fakeLambda({[FN]: failing(2, 'Transient', {done: true})})
    const r = await run(task({Retry: [{ErrorEquals: ['Transient'], IntervalSeconds: 1}]}), {}, {integrations: lambda})
    expect(r.status).toBe('SUCCEEDED')
    expect(r.output).toEqual({done: true})
    expect(lambda.calls.map((c) => c.attempt)).toEqual([0, 1, 2])
  })

  it('the first retrier whose ErrorEquals names the error decides, and its exhaustion is final', async () => {
    // Given two retriers that both match ErrorA; the first allows one retry after 10 s
    const lambda = fakeLambda({[FN]: failingWith('ErrorA')})
    const retry: RetryRule[] = [
      {ErrorEquals: ['ErrorA'], IntervalSeconds: 10, MaxAttempts: 1},
      {ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 5},
    ]
    // When it runs
    const r = await run(task({Retry: retry}), {}, {integrations: lambda})
    // Then the first retrier's interval applied once and the second was never used
    expect(gaps(scheduledAt(r.events))).toEqual([10000])
    expect(r.error).toBe('ErrorA')
  })

  it('retries any error except States.Timeout with the spec example retriers', async () => {
    const lambda = fakeLambda({[FN]: failingWith('Custom')})
    const retry: RetryRule[] = [{ErrorEquals: ['States.Timeout'], MaxAttempts: 0}, {ErrorEquals: ['States.ALL']}]
    const r = await run(task({Retry: retry}), {}, {integrations: lambda})
    expect(gaps(scheduledAt(r.events))).toEqual([1000, 2000, 4000])
  })

  it('a retrier for other errors leaves an unmatched error alone', async () => {
    const lambda = fakeLambda({[FN]: failingWith('Other')})
    const r = await run(task({Retry: [{ErrorEquals: ['HandledError']}]}), {}, {integrations: lambda})
    expect(lambda.calls).toHaveLength(1)
    expect(r.error).toBe('Other')
  })
})

// ---- Spec "Complex retry scenarios" -------------------------------------------------------------
describe('spec: complex retry scenario', () => {
  it('ErrorA, ErrorB, ErrorC, ErrorB wait 1, 2 and 5 s, then the exhausted retrier hands over to Catch', async () => {
    // Given the spec's task X with two retriers and a States.ALL catcher to Z
    const lambda = fakeLambda({[FN]: failingWith('ErrorA', 'ErrorB', 'ErrorC', 'ErrorB')})
    const retry: RetryRule[] = [
      {ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 2},
      {ErrorEquals: ['ErrorC'], IntervalSeconds: 5},
    ]
    // When it runs
    const r = await run(task({Retry: retry, Catch: [{ErrorEquals: ['States.ALL'], Next: 'Z'}]}), {}, {integrations: lambda})
    // Then four attempts ran with the spec's waits, and Z got the last error
    expect(gaps(scheduledAt(r.events))).toEqual([1000, 2000, 5000])
    expect(r.status).toBe('SUCCEEDED')
    expect(r.output).toEqual({Error: 'ErrorB', Cause: 'attempt 3'})
  })
})

// ---- Spec "Complex retry scenarios": "once the interpreter transitions to another state in any
// way, all the Retrier parameters reset."
describe('spec: retriers reset when the state is entered again', () => {
  it('a second visit to a state gets its retries afresh', async () => {
    // Given a function that fails every odd call, and a loop that visits the task twice
    let calls = 0
    const lambda = fakeLambda({
      [FN]: () => {
        calls += 1
        if (calls % 2 === 1) throw new StatesError('Flaky', `call ${calls}`)
        return 'ok'
      },
    })
    const def: StateMachineDefinition = {
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: FN, ResultPath: null, Retry: [{ErrorEquals: ['Flaky'], MaxAttempts: 1}], Next: 'Again'},
        Again: {Type: 'Choice', Choices: [{Variable: '$.round', NumericEquals: 0, Next: 'Bump'}], Default: 'Done'},
        Bump: {Type: 'Pass', Parameters: {'round.$': 'States.MathAdd($.round, 1)'}, Next: 'T'},
        Done: {Type: 'Succeed'},
      },
    }
    // When it runs
    const r = await run(def, {round: 0}, {integrations: lambda})
    // Then each visit failed once and was retried once
    expect(r.status).toBe('SUCCEEDED')
    expect(calls).toBe(4)
  })
})

// ---- Spec "Fallback states"; guide "Handling errors in Step Functions workflows" (Catch)
describe('spec/guide: Catch', () => {
  const catchers: CatchRule[] = [
    {ErrorEquals: ['java.lang.Exception'], ResultPath: '$.error-info', Next: 'RecoveryState'},
    {ErrorEquals: ['States.ALL'], Next: 'EndMachine'},
  ]
  const withCatchers: StateMachineDefinition = {
    StartAt: 'T',
    States: {
      T: {Type: 'Task', Resource: FN, Catch: catchers, End: true},
      RecoveryState: {Type: 'Pass', Parameters: {'at.$': '$$.State.Name', 'input.$': '$'}, End: true},
      EndMachine: {Type: 'Pass', Parameters: {'at.$': '$$.State.Name', 'input.$': '$'}, End: true},
    },
  }

  it('the first matching catcher takes the error, its ResultPath keeping the input', async () => {
    const lambda = fakeLambda({
      [FN]: () => {
        throw new StatesError('java.lang.Exception', 'boom')
      },
    })
    const r = await run(withCatchers, {order: 7}, {integrations: lambda})
    expect(r.output).toEqual({at: 'RecoveryState', input: {order: 7, 'error-info': {Error: 'java.lang.Exception', Cause: 'boom'}}})
  })

  it('any other error falls to the States.ALL catcher with only the error output', async () => {
    const lambda = fakeLambda({
      [FN]: () => {
        throw new StatesError('Lambda.Unknown', 'out of memory')
      },
    })
    const r = await run(withCatchers, {order: 7}, {integrations: lambda})
    expect(r.output).toEqual({at: 'EndMachine', input: {Error: 'Lambda.Unknown', Cause: 'out of memory'}})
  })

  it('States.TaskFailed catches a function error (the guide "Handling a failure using Catch" variant)', async () => {
    const lambda = fakeLambda({[FN]: failingWith('HandledError')})
    const r = await run(task({Catch: [{ErrorEquals: ['States.TaskFailed'], Next: 'fallback'}]}), {}, {integrations: lambda})
    expect(r.output).toBe('Hello, AWS Step Functions!')
  })

  it('a catcher naming the error catches it (the guide HandledError example)', async () => {
    const lambda = fakeLambda({[FN]: failingWith('HandledError')})
    const r = await run(task({Catch: [{ErrorEquals: ['HandledError'], Next: 'fallback'}]}), {}, {integrations: lambda})
    expect(r.output).toBe('Hello, AWS Step Functions!')
  })

  it('a catcher for other errors lets the error fail the execution with its cause', async () => {
    const lambda = fakeLambda({
      [FN]: () => {
        throw new StatesError('Unhandled', 'the cause')
      },
    })
    const r = await run(task({Catch: [{ErrorEquals: ['HandledError'], Next: 'fallback'}]}), {}, {integrations: lambda})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('Unhandled')
    expect(r.cause).toBe('the cause')
  })

  it('retries first, then catches once they are exhausted, merging {Error, Cause} at ResultPath', async () => {
    // Given two retries and a catcher with ResultPath $.err
    const lambda = fakeLambda({
      [FN]: (_i, attempt) => {
        throw new StatesError('Flaky', `attempt ${attempt}`)
      },
    })
    const def = task({
      Retry: [{ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 2}],
      Catch: [{ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Z'}],
    })
    // When it runs
    const r = await run(def, {id: 1}, {integrations: lambda})
    // Then three attempts ran and Z got the input with the last error
    expect(lambda.calls).toHaveLength(3)
    expect(r.output).toEqual({id: 1, err: {Error: 'Flaky', Cause: 'attempt 2'}})
  })
})

// ---- Guide "Handling errors in Step Functions workflows": States.Timeout from TimeoutSeconds;
// States.TaskFailed "matches any known error name except for States.Timeout". Guide "Task workflow
// state": TimeoutSeconds defaults to 99999999.
describe('guide: task timeouts', () => {
  const sleep10 = () => fakeLambda({[SLEEP10]: slow(10_000, () => 'woke up')})

  it('a task running past TimeoutSeconds fails with States.Timeout when the timeout expires', async () => {
    const r = await run(task({TimeoutSeconds: 2}, SLEEP10), {}, {integrations: sleep10()})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.Timeout')
    expect(elapsedMs(r.events)).toBe(2000)
  })

  it('TimeoutSecondsPath reads the timeout from the input', async () => {
    const r = await run(task({TimeoutSecondsPath: '$.timeout'}, SLEEP10), {timeout: 3}, {integrations: sleep10()})
    expect(r.error).toBe('States.Timeout')
    expect(elapsedMs(r.events)).toBe(3000)
  })

  it('a task finishing within TimeoutSeconds succeeds after its own duration', async () => {
    const r = await run(task({TimeoutSeconds: 11}, SLEEP10), {}, {integrations: sleep10()})
    expect(r.status).toBe('SUCCEEDED')
    expect(r.output).toBe('woke up')
    expect(elapsedMs(r.events)).toBe(10_000)
  })

  it('without TimeoutSeconds a two-minute task is not timed out', async () => {
    const lambda = fakeLambda({[SLEEP10]: slow(120_000, () => 'done')})
    const r = await run(task({}, SLEEP10), {}, {integrations: lambda})
    expect(r.status).toBe('SUCCEEDED')
    expect(elapsedMs(r.events)).toBe(120_000)
  })

  it('a States.TaskFailed catcher does not catch States.Timeout', async () => {
    const r = await run(task({TimeoutSeconds: 2, Catch: [{ErrorEquals: ['States.TaskFailed'], Next: 'fallback'}]}, SLEEP10), {}, {integrations: sleep10()})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.Timeout')
  })

  it('a States.TaskFailed retrier does not retry States.Timeout', async () => {
    const lambda = sleep10()
    await run(task({TimeoutSeconds: 2, Retry: [{ErrorEquals: ['States.TaskFailed']}]}, SLEEP10), {}, {integrations: lambda})
    expect(lambda.calls).toHaveLength(1)
  })

  it('States.ALL catches States.Timeout', async () => {
    const r = await run(task({TimeoutSeconds: 2, Catch: [{ErrorEquals: ['States.ALL'], Next: 'fallback'}]}, SLEEP10), {}, {integrations: sleep10()})
    expect(r.output).toBe('Hello, AWS Step Functions!')
  })

  it('a timeout caught by name goes to the fallback (the guide "Handling a timeout using Catch")', async () => {
    const r = await run(task({TimeoutSeconds: 2, Catch: [{ErrorEquals: ['States.Timeout'], Next: 'fallback'}]}, SLEEP10), {}, {integrations: sleep10()})
    expect(r.status).toBe('SUCCEEDED')
    expect(r.output).toBe('Hello, AWS Step Functions!')
  })

  it('retries a timeout twice with backoff (the guide "Handling a timeout using Retry")', async () => {
    // Given sleep10 with TimeoutSeconds 2 and a States.Timeout retrier: 1 s then 2 s
    const lambda = sleep10()
    const def = task({TimeoutSeconds: 2, Retry: [{ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2.0}]}, SLEEP10)
    // When it runs
    const r = await run(def, {}, {integrations: lambda})
    // Then each attempt timed out after 2 s: scheduled at 0, 3 and 7 s, failed at 9 s
    expect(lambda.calls).toHaveLength(3)
    expect(gaps(scheduledAt(r.events))).toEqual([3000, 4000])
    expect(r.error).toBe('States.Timeout')
    expect(elapsedMs(r.events)).toBe(9000)
  })
})

// ---- Guide "Map workflow state" (Retry): "the retry policy applies to all the Map state iterations
// instead of only the failed iterations"; spec "Parallel State": Retry on the Parallel state.
describe('guide: Retry on Map and Parallel states', () => {
  it('a Map retrier re-runs every iteration, not only the failed one', async () => {
    // Given three items where item 1 fails on its first run
    const seen: number[] = []
    const item = lambdaArn('item')
    const lambda = fakeLambda({
      [item]: (input) => {
        const n = input as number
        seen.push(n)
        if (n === 1 && seen.filter((s) => s === 1).length === 1) throw new StatesError('ItemFailed', 'first run')
        return n * 10
      },
    })
    const def: StateMachineDefinition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Retry: [{ErrorEquals: ['ItemFailed'], IntervalSeconds: 1}],
          ItemProcessor: {StartAt: 'I', States: {I: {Type: 'Task', Resource: item, End: true}}},
          End: true,
        },
      },
    }
    // When it runs
    const r = await run(def, [0, 1, 2], {integrations: lambda})
    // Then the Map ran twice over all three items and succeeded the second time
    expect(r.output).toEqual([0, 10, 20])
    expect(seen.filter((s) => s === 0)).toHaveLength(2)
    expect(seen.filter((s) => s === 2)).toHaveLength(2)
  })

  it('a Parallel retrier re-runs all branches', async () => {
    const a = lambdaArn('a')
    const b = lambdaArn('b')
    // The branch task is a new state on each Parallel attempt, so its own attempt count restarts:
    // count the runs here
    let runsOfB = 0
    const lambda = fakeLambda({
      [a]: () => 'a',
      [b]: () => {
        runsOfB += 1
        if (runsOfB === 1) throw new StatesError('BranchError', 'first run')
        return 'b'
      },
    })
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Retry: [{ErrorEquals: ['BranchError'], IntervalSeconds: 1}],
          Branches: [
            {StartAt: 'A', States: {A: {Type: 'Task', Resource: a, End: true}}},
            {StartAt: 'B', States: {B: {Type: 'Task', Resource: b, End: true}}},
          ],
          End: true,
        },
      },
    }
    const r = await run(def, {}, {integrations: lambda})
    expect(r.output).toEqual(['a', 'b'])
    expect(lambda.callsTo(a)).toHaveLength(2)
  })
})
