// Workflow variables as AWS scopes them ("Passing data between states with variables"): a state's
// reads all see the values from when it was entered; its Assign takes effect when it exits; a
// Parallel branch or Map iteration works on a copy of the outer variables and cannot assign them;
// a Catch assigns instead of the state.
import {describe, expect, it} from 'vitest'
import type {StateMachineDefinition} from '../../../src/asl/types.js'
import {startExecution} from '../../../src/local/engine/index.js'
import {alwaysFails, eventsOf, integrations} from './engine-fixtures.js'

describe('variables: evaluation order', () => {
  it('reads the old value everywhere in the state that assigns a new one (AWS BASE_EVALUATION_ORDER_PASS_STATE)', async () => {
    // Given State1 reads $answer in InputPath and OutputPath while assigning it
    const definition: StateMachineDefinition = {
      StartAt: 'State0',
      States: {
        State0: {Type: 'Pass', Result: {theQuestion: 'What is the answer?'}, Assign: {'question.$': '$.theQuestion', answer: 42}, Next: 'State1'},
        State1: {Type: 'Pass', InputPath: '$answer', ResultPath: '$.theAnswer', OutputPath: '$answer', Assign: {answer: '<omitted>'}, End: true},
      },
    }
    // When it runs
    const execution = startExecution({definition, input: {}})
    const result = await execution.done
    // Then the output is the value from before State1, and the history shows what each assigned
    expect(result.output).toBe(42)
    const exits = eventsOf(execution.events, 'PassStateExited').map((e) => e.stateExitedEventDetails?.assignedVariables)
    expect(exits).toEqual([{question: '"What is the answer?"', answer: '42'}, {answer: '"<omitted>"'}])
  })

  it('evaluates JSONata Assign and Output with the same old values', async () => {
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: {Type: 'Pass', Assign: {n: 1}, Next: 'B'},
        B: {Type: 'Pass', Assign: {n: '{% $n + 1 %}', m: '{% $n * 10 %}'}, Output: {n: '{% $n %}'}, Next: 'C'},
        C: {Type: 'Pass', Output: {n: '{% $n %}', m: '{% $m %}'}, End: true},
      },
    }
    const result = await startExecution({definition, input: {}}).done
    expect(result.output).toEqual({n: 2, m: 10})
  })

  it('uses the raw task result as $ in a JSONPath Task Assign, before ResultSelector', async () => {
    const r = 'arn:aws:states:::lambda:invoke'
    const definition: StateMachineDefinition = {
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: r, ResultSelector: {'small.$': '$.Payload.a'}, Assign: {'whole.$': '$.Payload'}, Next: 'Show'},
        Show: {Type: 'Pass', Parameters: {'whole.$': '$whole', 'selected.$': '$'}, End: true},
      },
    }
    const services = integrations({[r]: () => ({output: {Payload: {a: 1, b: 2}}})})
    const result = await startExecution({definition, input: {}, integrations: services}).done
    expect(result.output).toEqual({whole: {a: 1, b: 2}, selected: {small: 1}})
  })
})

describe('variables: scopes', () => {
  it('gives each Parallel branch a copy of the outer variables; what a branch assigns stays inside it', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Set',
      States: {
        Set: {Type: 'Pass', Assign: {x: 42}, Next: 'P'},
        P: {
          Type: 'Parallel',
          Branches: [
            {StartAt: 'B1', States: {B1: {Type: 'Pass', Assign: {inner: 1}, Next: 'B2'}, B2: {Type: 'Pass', Parameters: {'x.$': '$x', 'inner.$': '$inner'}, End: true}}},
            {StartAt: 'C1', States: {C1: {Type: 'Pass', Parameters: {'x.$': '$x'}, End: true}}},
          ],
          Next: 'After',
        },
        After: {Type: 'Pass', Parameters: {'branches.$': '$', 'x.$': '$x', 'hasInner.$': 'States.ArrayContains(States.Array($x), 1)'}, End: true},
      },
    }
    const result = await startExecution({definition, input: {}}).done
    expect(result.output).toEqual({branches: [{x: 42, inner: 1}, {x: 42}], x: 42, hasInner: false})
  })

  it('makes an inner variable unknown outside: reading it fails with States.Runtime', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'M',
      States: {
        M: {Type: 'Map', ItemProcessor: {StartAt: 'I', States: {I: {Type: 'Pass', Assign: {seen: true}, End: true}}}, Next: 'After'},
        After: {Type: 'Pass', Parameters: {'seen.$': '$seen'}, End: true},
      },
    }
    const result = await startExecution({definition, input: [1]}).done
    expect(result.error).toBe('States.Runtime')
  })

  it('refuses an assignment to an outer variable from inside a Map iteration', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Set',
      States: {
        Set: {Type: 'Pass', Assign: {total: 0}, Next: 'M'},
        M: {Type: 'Map', ItemProcessor: {StartAt: 'Add', States: {Add: {Type: 'Pass', Assign: {total: 1}, End: true}}}, End: true},
      },
    }
    const result = await startExecution({definition, input: [1, 2]}).done
    expect(result.error).toBe('States.Runtime')
    expect(result.cause).toContain("Cannot assign the variable 'total'")
  })
})

describe('variables: Choice and Catch', () => {
  it('applies a matching rule Assign, and the state Assign when the Default is taken (AWS BASE_ASSIGN_IN_CHOICE)', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [{Variable: '$.input_value', NumericEquals: 42, Assign: {status: 'CORRECT'}, Next: 'Final'}],
          Assign: {status: 'INCORRECT', 'guess.$': '$.input_value'},
          Default: 'Final',
        },
        Final: {Type: 'Pass', Parameters: {'result.$': '$status'}, End: true},
      },
    }
    expect((await startExecution({definition, input: {input_value: 42}}).done).output).toEqual({result: 'CORRECT'})
    expect((await startExecution({definition, input: {input_value: '42'}}).done).output).toEqual({result: 'INCORRECT'})
  })

  it('assigns from the catcher, with $states.errorOutput, and not from the failed state', async () => {
    const r = 'arn:aws:states:::lambda:invoke'
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Task',
      States: {
        Task: {
          Type: 'Task',
          Resource: r,
          Assign: {result: 'SUCCESS'},
          Catch: [{ErrorEquals: ['States.ALL'], Assign: {result: '{% $states.errorOutput %}'}, Output: {input: '{% $states.input %}'}, Next: 'Fallback'}],
          End: true,
        },
        Fallback: {Type: 'Pass', Output: {result: '{% $result %}', input: '{% $states.input %}'}, End: true},
      },
    }
    const result = await startExecution({definition, input: {a: 1}, integrations: integrations({[r]: alwaysFails('Boom', 'why')})}).done
    expect(result.output).toEqual({result: {Error: 'Boom', Cause: 'why'}, input: {input: {a: 1}}})
  })
})
