// Event sequences as AWS records them. The previousEventId chains follow executions recorded on
// AWS (LocalStack's snapshot suite, validated against the service): the first state's Entered
// event points at 0, not at ExecutionStarted; a caught error exits the state; a branch chains its
// own events from ParallelStateStarted; Map iterations chain from their MapIterationStarted;
// StopExecution and the execution timeout record only the execution's end, pointing at 0.
import {describe, expect, it} from 'vitest'
import type {StateMachineDefinition} from '../../../src/asl/types.js'
import {resourceNames} from '../../../src/local/engine/history.js'
import {createVirtualClock, startExecution} from '../../../src/local/engine/index.js'
import {alwaysFails, at, chain, echo, eventRecorded, eventsOf, failsTimes, integrations, returns, START, types} from './engine-fixtures.js'

const INVOKE = 'arn:aws:states:::lambda:invoke'
const clock = () => createVirtualClock({timeScale: 0, start: START})

describe('history: a Pass chain', () => {
  it('records Entered/Exited per state, chained one to the next, with JSON input and output', async () => {
    // Given two Pass states
    const definition: StateMachineDefinition = {
      StartAt: 'First',
      States: {First: {Type: 'Pass', Result: {a: 1}, ResultPath: '$.r', Next: 'Second'}, Second: {Type: 'Pass', End: true}},
    }
    // When it runs
    const execution = startExecution({definition, input: {x: 'y'}, clock: clock(), roleArn: 'arn:aws:iam::123456789012:role/r'})
    await execution.done
    // Then the chain is AWS's, starting with the first state pointing at 0
    expect(chain(execution.events)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'PassStateEntered'],
      [5, 4, 'PassStateExited'],
      [6, 5, 'ExecutionSucceeded'],
    ])
    const [started, entered, exited, , , succeeded] = execution.events
    expect(started?.executionStartedEventDetails).toEqual({input: '{"x":"y"}', inputDetails: {truncated: false}, roleArn: 'arn:aws:iam::123456789012:role/r'})
    expect(entered?.stateEnteredEventDetails).toEqual({name: 'First', input: '{"x":"y"}', inputDetails: {truncated: false}})
    expect(exited?.stateExitedEventDetails).toEqual({name: 'First', output: '{"x":"y","r":{"a":1}}', outputDetails: {truncated: false}})
    expect(succeeded?.executionSucceededEventDetails).toEqual({output: '{"x":"y","r":{"a":1}}', outputDetails: {truncated: false}})
    expect(execution.events.every((e) => e.timestamp instanceof Date)).toBe(true)
  })

  it('records the variables a state assigns on its Exited event, as JSON text', async () => {
    const definition: StateMachineDefinition = {StartAt: 'A', States: {A: {Type: 'Pass', Assign: {count: 3, 'who.$': '$.name'}, End: true}}}
    const execution = startExecution({definition, input: {name: 'ann'}, clock: clock()})
    await execution.done
    expect(eventsOf(execution.events, 'PassStateExited')[0]?.stateExitedEventDetails).toMatchObject({
      assignedVariables: {count: '3', who: '"ann"'},
      assignedVariablesDetails: {truncated: false},
    })
  })
})

describe('history: a caught Task failure', () => {
  it('records TaskFailed, then the Task exits with the error output and the catcher runs', async () => {
    // Given a task that fails, caught into a Pass state
    const services = integrations({[INVOKE]: alwaysFails('Lambda.Unknown', 'the function blew up')})
    const definition: StateMachineDefinition = {
      StartAt: 'Call',
      States: {
        Call: {Type: 'Task', Resource: INVOKE, Parameters: {FunctionName: 'f'}, Catch: [{ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover'}], End: true},
        Recover: {Type: 'Pass', End: true},
      },
    }
    // When it runs
    const execution = startExecution({definition, input: {id: 7}, clock: clock(), integrations: services})
    const result = await execution.done
    // Then the failure is recorded under the task and the state exits through the Catch
    expect(result.status).toBe('SUCCEEDED')
    expect(chain(execution.events)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'TaskStateEntered'],
      [3, 2, 'TaskScheduled'],
      [4, 3, 'TaskStarted'],
      [5, 4, 'TaskFailed'],
      [6, 5, 'TaskStateExited'],
      [7, 6, 'PassStateEntered'],
      [8, 7, 'PassStateExited'],
      [9, 8, 'ExecutionSucceeded'],
    ])
    const e = execution.events
    expect(e[2]?.taskScheduledEventDetails).toEqual({resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: '{"FunctionName":"f"}'})
    expect(e[3]?.taskStartedEventDetails).toEqual({resourceType: 'lambda', resource: 'invoke'})
    expect(e[4]?.taskFailedEventDetails).toEqual({resourceType: 'lambda', resource: 'invoke', error: 'Lambda.Unknown', cause: 'the function blew up'})
    expect(JSON.parse(e[5]?.stateExitedEventDetails?.output as string)).toEqual({id: 7, error: {Error: 'Lambda.Unknown', Cause: 'the function blew up'}})
  })

  it('records an uncaught task failure as ExecutionFailed right after TaskFailed', async () => {
    const services = integrations({[INVOKE]: alwaysFails('Boom')})
    const execution = startExecution({definition: {StartAt: 'T', States: {T: {Type: 'Task', Resource: INVOKE, End: true}}}, input: {}, clock: clock(), integrations: services})
    const result = await execution.done
    expect(types(execution.events).slice(-2)).toEqual(['TaskFailed', 'ExecutionFailed'])
    expect(execution.events.at(-1)?.previousEventId).toBe(5)
    expect(execution.events.at(-1)?.executionFailedEventDetails).toEqual({error: 'Boom', cause: 'it failed'})
    expect(result).toMatchObject({status: 'FAILED', error: 'Boom', cause: 'it failed'})
  })

  it('splits SDK integration resources as AWS does and records timeouts and heartbeats set on the task', async () => {
    const ssm = 'arn:aws:states:::aws-sdk:ssm:sendCommand'
    const definition: StateMachineDefinition = {StartAt: 'T', States: {T: {Type: 'Task', Resource: ssm, TimeoutSeconds: 300, HeartbeatSeconds: 60, End: true}}}
    const execution = startExecution({definition, input: {}, clock: clock(), integrations: integrations({[ssm]: returns({CommandId: 'c-1'})})})
    await execution.done
    expect(eventsOf(execution.events, 'TaskScheduled')[0]?.taskScheduledEventDetails).toEqual({
      resourceType: 'aws-sdk:ssm',
      resource: 'sendCommand',
      region: 'us-east-1',
      parameters: '{}',
      timeoutInSeconds: 300,
      heartbeatInSeconds: 60,
    })
    expect(eventsOf(execution.events, 'TaskSucceeded')[0]?.taskSucceededEventDetails).toEqual({
      resourceType: 'aws-sdk:ssm',
      resource: 'sendCommand',
      output: '{"CommandId":"c-1"}',
      outputDetails: {truncated: false},
    })
  })

  it('records LambdaFunction* events for a Task whose Resource is a function ARN', async () => {
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:work'
    const execution = startExecution({definition: {StartAt: 'T', States: {T: {Type: 'Task', Resource: fn, End: true}}}, input: {a: 1}, clock: clock(), integrations: integrations({[fn]: echo})})
    await execution.done
    expect(types(execution.events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded'])
    expect(execution.events[2]?.lambdaFunctionScheduledEventDetails).toEqual({resource: fn, input: '{"a":1}', inputDetails: {truncated: false}})
  })

  it('records a task timeout as TaskTimedOut with States.Timeout', async () => {
    const definition: StateMachineDefinition = {StartAt: 'T', States: {T: {Type: 'Task', Resource: INVOKE, TimeoutSeconds: 5, End: true}}}
    const execution = startExecution({definition, input: {}, clock: clock(), integrations: integrations({[INVOKE]: returns('late', 60_000)})})
    const result = await execution.done
    expect(chain(execution.events).slice(-2)).toEqual([
      [5, 4, 'TaskTimedOut'],
      [6, 5, 'ExecutionFailed'],
    ])
    expect(execution.events[4]?.taskTimedOutEventDetails).toEqual({resourceType: 'lambda', resource: 'invoke', error: 'States.Timeout'})
    expect(at(execution.events[4]) - at(execution.events[3])).toBe(5000)
    expect(result.error).toBe('States.Timeout')
  })
})

describe('history: a retried task', () => {
  it('repeats TaskScheduled/Started/Failed under one TaskStateEntered, 1 s then 2 s apart, then succeeds', async () => {
    // Given a task that fails twice, with the default retrier
    const services = integrations({[INVOKE]: failsTimes(2, 'Transient', {done: true})})
    const definition: StateMachineDefinition = {StartAt: 'T', States: {T: {Type: 'Task', Resource: INVOKE, Retry: [{ErrorEquals: ['Transient']}], End: true}}}
    // When it runs
    const execution = startExecution({definition, input: {}, clock: clock(), integrations: services})
    const result = await execution.done
    // Then each attempt chains to the failure before it
    expect(result.status).toBe('SUCCEEDED')
    expect(chain(execution.events)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'TaskStateEntered'],
      [3, 2, 'TaskScheduled'],
      [4, 3, 'TaskStarted'],
      [5, 4, 'TaskFailed'],
      [6, 5, 'TaskScheduled'],
      [7, 6, 'TaskStarted'],
      [8, 7, 'TaskFailed'],
      [9, 8, 'TaskScheduled'],
      [10, 9, 'TaskStarted'],
      [11, 10, 'TaskSucceeded'],
      [12, 11, 'TaskStateExited'],
      [13, 12, 'ExecutionSucceeded'],
    ])
    const scheduled = eventsOf(execution.events, 'TaskScheduled').map(at)
    expect([(scheduled[1] as number) - (scheduled[0] as number), (scheduled[2] as number) - (scheduled[1] as number)]).toEqual([1000, 2000])
    expect(services.calls.get(INVOKE)?.map((r) => (r.context as {State: {RetryCount: number}}).State.RetryCount)).toEqual([0, 1, 2])
  })
})

describe('history: a Parallel with a failing branch', () => {
  it('aborts the sibling still running, chained to the failing event, and fails the state', async () => {
    // Given one branch with a long task and one that fails at once
    const slow = 'arn:aws:states:::aws-sdk:ec2:describeInstances'
    const services = integrations({[slow]: returns('done', 3_600_000)})
    const definition: StateMachineDefinition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            {StartAt: 'Slow', States: {Slow: {Type: 'Task', Resource: slow, End: true}}},
            {StartAt: 'Broken', States: {Broken: {Type: 'Fail', Error: 'Branch.Broke', Cause: 'no luck'}}},
          ],
        },
      },
    }
    // When it runs
    const execution = startExecution({definition, input: {}, clock: clock(), integrations: services})
    const result = await execution.done
    // Then each branch chains its own events from ParallelStateStarted (the two interleave, as
    // concurrent branches do on AWS), the running task is aborted from the failing event, and the
    // execution fails with the branch's error
    const events = chain(execution.events)
    const id = (type: string): number => events.find(([, , t]) => t === type)?.[0] as number
    const prev = (type: string): number => events.find(([, , t]) => t === type)?.[1] as number
    expect(events.slice(0, 3)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'ParallelStateEntered'],
      [3, 2, 'ParallelStateStarted'],
    ])
    expect([prev('TaskStateEntered'), prev('FailStateEntered')]).toEqual([3, 3])
    expect(prev('TaskScheduled')).toBe(id('TaskStateEntered'))
    expect(prev('TaskStarted')).toBe(id('TaskScheduled'))
    const failing = id('FailStateEntered')
    expect(events.slice(-3)).toEqual([
      [8, failing, 'TaskStateAborted'],
      [9, failing, 'ParallelStateFailed'],
      [10, 9, 'ExecutionFailed'],
    ])
    expect(result).toMatchObject({status: 'FAILED', error: 'Branch.Broke', cause: 'no luck'})
    // The aborted task never finished: no TaskSucceeded, and no time passed
    expect(eventsOf(execution.events, 'TaskSucceeded')).toHaveLength(0)
    expect(result.stopDate.getTime()).toBe(START)
  })

  it('records ParallelStateSucceeded and Exited chained to the last branch event when all succeed', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            {StartAt: 'A', States: {A: {Type: 'Wait', Seconds: 5, End: true}}},
            {StartAt: 'B', States: {B: {Type: 'Pass', End: true}}},
          ],
        },
      },
    }
    const execution = startExecution({definition, input: {}, clock: clock()})
    await execution.done
    const events = chain(execution.events)
    const lastBranchEvent = events.find(([, , type]) => type === 'WaitStateExited')?.[0]
    expect(events.slice(-3)).toEqual([
      [8, lastBranchEvent, 'ParallelStateSucceeded'],
      [9, lastBranchEvent, 'ParallelStateExited'],
      [10, 9, 'ExecutionSucceeded'],
    ])
  })
})

describe('history: a Map with 3 items', () => {
  it('runs iterations one after another at MaxConcurrency 1, each starting from the last event of the one before', async () => {
    // Given three items and MaxConcurrency 1 (AWS's recorded test_map_state has this shape)
    const definition: StateMachineDefinition = {
      StartAt: 'Each',
      States: {Each: {Type: 'Map', MaxConcurrency: 1, ItemsPath: '$.items', ItemProcessor: {StartAt: 'Item', States: {Item: {Type: 'Pass', End: true}}}, End: true}},
    }
    // When it runs
    const execution = startExecution({definition, input: {items: ['a', 'b', 'c']}, clock: clock()})
    const result = await execution.done
    // Then the chain matches AWS's
    expect(result.output).toEqual(['a', 'b', 'c'])
    expect(chain(execution.events)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'MapStateEntered'],
      [3, 2, 'MapStateStarted'],
      [4, 3, 'MapIterationStarted'],
      [5, 4, 'PassStateEntered'],
      [6, 5, 'PassStateExited'],
      [7, 6, 'MapIterationSucceeded'],
      [8, 6, 'MapIterationStarted'],
      [9, 8, 'PassStateEntered'],
      [10, 9, 'PassStateExited'],
      [11, 10, 'MapIterationSucceeded'],
      [12, 10, 'MapIterationStarted'],
      [13, 12, 'PassStateEntered'],
      [14, 13, 'PassStateExited'],
      [15, 14, 'MapIterationSucceeded'],
      [16, 15, 'MapStateSucceeded'],
      [17, 15, 'MapStateExited'],
      [18, 17, 'ExecutionSucceeded'],
    ])
    expect(execution.events[2]?.mapStateStartedEventDetails).toEqual({length: 3})
    expect(execution.events[3]?.mapIterationStartedEventDetails).toEqual({name: 'Each', index: 0})
    expect(execution.events[14]?.mapIterationSucceededEventDetails).toEqual({name: 'Each', index: 2})
  })

  it('starts every iteration from MapStateStarted when they run concurrently, and aborts the others when one fails', async () => {
    // Given three iterations of a task, the second of which fails
    const services = integrations({
      [INVOKE]: (req) => {
        if (req.input === 2) throw new Error('two is bad')
        return {output: req.input, durationMs: 10_000}
      },
    })
    const definition: StateMachineDefinition = {
      StartAt: 'Each',
      States: {Each: {Type: 'Map', ItemProcessor: {StartAt: 'Work', States: {Work: {Type: 'Task', Resource: INVOKE, End: true}}}, End: true}},
    }
    // When it runs
    const execution = startExecution({definition, input: [1, 2, 3], clock: clock(), integrations: services})
    const result = await execution.done
    // Then all three started from MapStateStarted and chain within themselves; the failure records
    // MapIterationFailed and aborts the other two, everything pointing at TaskFailed (the shape
    // AWS recorded for a Map whose iterations timed out)
    expect(chain(execution.events)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'MapStateEntered'],
      [3, 2, 'MapStateStarted'],
      [4, 3, 'MapIterationStarted'],
      [5, 3, 'MapIterationStarted'],
      [6, 3, 'MapIterationStarted'],
      [7, 4, 'TaskStateEntered'],
      [8, 5, 'TaskStateEntered'],
      [9, 6, 'TaskStateEntered'],
      [10, 7, 'TaskScheduled'],
      [11, 10, 'TaskStarted'],
      [12, 8, 'TaskScheduled'],
      [13, 12, 'TaskStarted'],
      [14, 9, 'TaskScheduled'],
      [15, 14, 'TaskStarted'],
      [16, 13, 'TaskFailed'],
      [17, 16, 'MapIterationFailed'],
      [18, 16, 'TaskStateAborted'],
      [19, 16, 'MapIterationAborted'],
      [20, 16, 'TaskStateAborted'],
      [21, 16, 'MapIterationAborted'],
      [22, 16, 'TaskStateAborted'],
      [23, 16, 'MapStateFailed'],
      [24, 23, 'ExecutionFailed'],
    ])
    expect(execution.events.filter((e) => e.type === 'MapIterationAborted').map((e) => e.mapIterationAbortedEventDetails?.index)).toEqual([0, 2])
    expect(result).toMatchObject({status: 'FAILED', error: 'Error', cause: 'two is bad'})
  })
})

describe('history: a Wait', () => {
  it('records Entered and Exited the waited time apart', async () => {
    const execution = startExecution({definition: {StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 90, End: true}}}, input: {}, clock: clock()})
    await execution.done
    expect(chain(execution.events)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'WaitStateEntered'],
      [3, 2, 'WaitStateExited'],
      [4, 3, 'ExecutionSucceeded'],
    ])
    expect(at(execution.events[2]) - at(execution.events[1])).toBe(90_000)
  })
})

describe('history: the end of an execution from outside', () => {
  it('records ExecutionTimedOut, pointing at 0, when the execution runs past its TimeoutSeconds', async () => {
    const definition: StateMachineDefinition = {TimeoutSeconds: 10, StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 3600, End: true}}}
    const execution = startExecution({definition, input: {}, clock: clock()})
    const result = await execution.done
    expect(chain(execution.events)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'WaitStateEntered'],
      [3, 0, 'ExecutionTimedOut'],
    ])
    expect(result.status).toBe('TIMED_OUT')
    expect(execution.status).toBe('TIMED_OUT')
    expect(at(execution.events[2]) - START).toBe(10_000)
  })

  it('records only ExecutionAborted, pointing at 0, when StopExecution arrives during a Wait', async () => {
    // Given a Wait in progress (time held still so the test can act while it waits)
    const vclock = clock()
    const release = vclock.hold()
    const execution = startExecution({definition: {StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 3600, End: true}}}, input: {}, clock: vclock})
    await eventRecorded(execution, 'WaitStateEntered')
    // When it is stopped
    execution.stop('Operator.Stop', 'stopped by the on-call')
    release()
    const result = await execution.done
    // Then AWS's recorded shape: no WaitStateExited, ExecutionAborted pointing at 0
    expect(chain(execution.events)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'WaitStateEntered'],
      [3, 0, 'ExecutionAborted'],
    ])
    expect(execution.events[2]?.executionAbortedEventDetails).toEqual({error: 'Operator.Stop', cause: 'stopped by the on-call'})
    expect(result).toMatchObject({status: 'ABORTED', error: 'Operator.Stop'})
    expect(vclock.pending()).toBe(0)
  })

  it('records empty ExecutionAborted details when StopExecution gives no error or cause', async () => {
    const vclock = clock()
    const release = vclock.hold()
    const execution = startExecution({definition: {StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 60, End: true}}}, input: {}, clock: vclock})
    await eventRecorded(execution, 'WaitStateEntered')
    execution.stop()
    release()
    await execution.done
    expect(execution.events.at(-1)?.executionAbortedEventDetails).toEqual({})
  })
})

describe('history: JSONata evaluation failures', () => {
  it('records EvaluationFailed chained like AWS (to the event before the state) and fails with States.QueryEvaluationError', async () => {
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {A: {Type: 'Pass', Next: 'B'}, B: {Type: 'Pass', Output: {result: '{% $doesNotExist %}'}, End: true}},
    }
    const execution = startExecution({definition, input: {}, clock: clock()})
    const result = await execution.done
    expect(chain(execution.events)).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'PassStateEntered'],
      [5, 3, 'EvaluationFailed'],
      [6, 5, 'ExecutionFailed'],
    ])
    const cause = "An error occurred while executing the state 'B' (entered at the event id #4). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined)."
    expect(execution.events[4]?.evaluationFailedEventDetails).toEqual({error: 'States.QueryEvaluationError', cause, location: 'Output/result', state: 'B'})
    expect(result).toMatchObject({status: 'FAILED', error: 'States.QueryEvaluationError', cause})
  })
})

describe('resourceNames', () => {
  it('splits integration ARNs as AWS names them in Task events', () => {
    expect(resourceNames('arn:aws:states:::lambda:invoke')).toEqual({resourceType: 'lambda', resource: 'invoke'})
    expect(resourceNames('arn:aws:states:::aws-sdk:ssm:sendCommand')).toEqual({resourceType: 'aws-sdk:ssm', resource: 'sendCommand'})
    expect(resourceNames('arn:aws:states:::sqs:sendMessage.waitForTaskToken')).toEqual({resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken'})
    expect(resourceNames('arn:aws:states:::states:startExecution.sync:2')).toEqual({resourceType: 'states', resource: 'startExecution.sync:2'})
    expect(resourceNames('arn:aws-us-gov:states:::sns:publish')).toEqual({resourceType: 'sns', resource: 'publish'})
  })
})
