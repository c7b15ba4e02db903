import {describe, expect, it} from 'vitest'
import type {JsonObject, StateMachineDefinition} from '../../../src/asl/types.js'
import type {TaskRequest} from '../../../src/local/engine/api.js'
import {createVirtualClock, startExecution} from '../../../src/local/engine/index.js'
import {echo, failsTimes, integrations, START} from './engine-fixtures.js'

const ARN = 'arn:aws:states:eu-west-1:111122223333:stateMachine:pipeline'
const options = {stateMachineArn: ARN, name: 'run-1', roleArn: 'arn:aws:iam::111122223333:role/sfn'}

describe('Context object', () => {
  it('holds Execution, StateMachine and State as AWS shapes them', async () => {
    const definition: StateMachineDefinition = {StartAt: 'Look', States: {Look: {Type: 'Wait', Seconds: 1, Next: 'Show'}, Show: {Type: 'Pass', Parameters: {'ctx.$': '$$'}, End: true}}}
    const result = await startExecution({definition, input: {a: 1}, clock: createVirtualClock({timeScale: 0, start: START}), ...options}).done
    expect((result.output as JsonObject).ctx).toEqual({
      Execution: {
        Id: 'arn:aws:states:eu-west-1:111122223333:execution:pipeline:run-1',
        Input: {a: 1},
        StartTime: '2026-03-01T00:00:00.000Z',
        Name: 'run-1',
        RoleArn: 'arn:aws:iam::111122223333:role/sfn',
        RedriveCount: 0,
      },
      StateMachine: {Id: ARN, Name: 'pipeline'},
      State: {Name: 'Show', EnteredTime: '2026-03-01T00:00:01.000Z'},
    })
  })

  it('is the same Execution inside Parallel branches and Map iterations, with State naming the inner state', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'M',
              States: {
                M: {Type: 'Map', ItemsPath: '$.items', ItemProcessor: {StartAt: 'Inner', States: {Inner: {Type: 'Pass', Parameters: {'exec.$': '$$.Execution.Id', 'state.$': '$$.State.Name'}, End: true}}}, End: true},
              },
            },
          ],
          End: true,
        },
      },
    }
    const result = await startExecution({definition, input: {items: [1]}, ...options}).done
    expect(result.output).toEqual([[{exec: 'arn:aws:states:eu-west-1:111122223333:execution:pipeline:run-1', state: 'Inner'}]])
  })

  it('offers Map.Item (Index and Value) to the ItemSelector', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'M',
      States: {M: {Type: 'Map', ItemSelector: {'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value', 'all.$': '$.length'}, ItemProcessor: {StartAt: 'I', States: {I: {Type: 'Pass', End: true}}}, ItemsPath: '$.list', End: true}},
    }
    const result = await startExecution({definition, input: {list: ['a', 'b'], length: 2}}).done
    expect(result.output).toEqual([
      {i: 0, v: 'a', all: 2},
      {i: 1, v: 'b', all: 2},
    ])
  })

  it('counts State.RetryCount across the retries of a Task', async () => {
    const r = 'arn:aws:states:::lambda:invoke'
    const services = integrations({[r]: failsTimes(2, 'Again')})
    const definition: StateMachineDefinition = {StartAt: 'T', States: {T: {Type: 'Task', Resource: r, Parameters: {'n.$': '$$.State.RetryCount'}, Retry: [{ErrorEquals: ['Again']}], End: true}}}
    await startExecution({definition, input: {}, integrations: services}).done
    expect(services.calls.get(r)?.map((req: TaskRequest) => req.input)).toEqual([{n: 0}, {n: 1}, {n: 2}])
  })

  it('is $states.context in JSONata, with Map.Item in the ItemSelector', async () => {
    const r = 'arn:aws:states:::lambda:invoke'
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: '{% $states.input.xs %}',
          ItemSelector: {index: '{% $states.context.Map.Item.Index %}', value: '{% $states.context.Map.Item.Value %}'},
          ItemProcessor: {StartAt: 'T', States: {T: {Type: 'Task', Resource: r, Arguments: {state: '{% $states.context.State.Name %}', index: '{% $states.input.index %}'}, End: true}}},
          End: true,
        },
      },
    }
    const result = await startExecution({definition, input: {xs: ['p', 'q']}, integrations: integrations({[r]: echo}), ...options}).done
    expect(result.output).toEqual([
      {state: 'T', index: 0},
      {state: 'T', index: 1},
    ])
  })
})

describe('JSONata', () => {
  it('evaluates {% %} strings at any depth and leaves other strings alone', async () => {
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {A: {Type: 'Pass', Output: {a: ['{% 1 + 1 %}', 'plain {% not this %}', {b: '{% $states.input.x & "!" %}'}]}, End: true}},
    }
    const result = await startExecution({definition, input: {x: 'hi'}}).done
    expect(result.output).toEqual({a: [2, 'plain {% not this %}', {b: 'hi!'}]})
  })

  it('gives a Task $states.result for its Output and Assign', async () => {
    const r = 'arn:aws:states:::lambda:invoke'
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {T: {Type: 'Task', Resource: r, Arguments: {v: '{% $states.input.v * 2 %}'}, Output: {got: '{% $states.result.v %}', from: '{% $states.input %}'}, End: true}},
    }
    const result = await startExecution({definition, input: {v: 21}, integrations: integrations({[r]: echo})}).done
    expect(result.output).toEqual({got: 42, from: {v: 21}})
  })

  it('offers the functions AWS adds: $partition, $range, $hash, $parse, $uuid, $random', async () => {
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: {
          Type: 'Pass',
          Output: {
            partition: '{% $partition %}',
            range: '{% $range(0, 10, 5) %}',
            hash: '{% $hash("abc", "SHA-256") %}',
            parsed: '{% $parse("{\\"a\\":[1]}") %}',
            uuid: '{% $length($uuid()) %}',
            sameRandom: '{% $random(7) = $random(7) %}',
          },
          End: true,
        },
      },
    }
    const result = await startExecution({definition, input: {}}).done
    expect(result.output).toEqual({
      partition: 'aws',
      range: [0, 5, 10],
      hash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      parsed: {a: [1]},
      uuid: 36,
      sameRandom: true,
    })
  })

  it('reads $now() from the engine clock', async () => {
    const definition: StateMachineDefinition = {QueryLanguage: 'JSONata', StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 60, Next: 'A'}, A: {Type: 'Pass', Output: '{% $now() %}', End: true}}}
    const result = await startExecution({definition, input: {}, clock: createVirtualClock({timeScale: 0, start: START})}).done
    expect(result.output).toBe('2026-03-01T00:01:00.000Z')
  })

  it('fails with States.QueryEvaluationError when a Condition is not a boolean', async () => {
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {C: {Type: 'Choice', Choices: [{Condition: '{% "yes" %}', Next: 'D'}], Default: 'D'}, D: {Type: 'Succeed'}},
    }
    const result = await startExecution({definition, input: {}}).done
    expect(result.error).toBe('States.QueryEvaluationError')
    expect(result.cause).toContain("Expected 'boolean', but was 'string'")
  })

  it('catches a JSONata failure in a Task with its Catch, after recording EvaluationFailed', async () => {
    const r = 'arn:aws:states:::lambda:invoke'
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: r, Arguments: {x: '{% $missing %}'}, Catch: [{ErrorEquals: ['States.QueryEvaluationError'], Next: 'Handled'}], End: true},
        Handled: {Type: 'Pass', End: true},
      },
    }
    const execution = startExecution({definition, input: {}, integrations: integrations({[r]: echo})})
    const result = await execution.done
    expect(result.status).toBe('SUCCEEDED')
    expect(execution.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'EvaluationFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ])
  })
})
