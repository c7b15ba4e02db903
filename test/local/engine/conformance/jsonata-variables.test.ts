// Conformance: JSONata states (Arguments, Output, Assign, Condition, Items, $states) and workflow
// variables. Sources: the developer guide's "Transforming data with JSONata in Step Functions" and
// "Passing data between states with variables". Where the guide is silent on an error name, the case
// cites where AWS's behaviour was observed.
import {describe, expect, it} from 'vitest'
import type {JsonValue, StateMachineDefinition} from '../../../../src/asl/types.js'
import {startExecution} from '../../../../src/local/engine/index.js'
import {StatesError, elapsedMs, eventsOfType, fakeLambda, lambdaArn, run} from './run.js'

const FN = lambdaArn('fn')
const jsonata = (def: Omit<StateMachineDefinition, 'QueryLanguage'>): StateMachineDefinition => ({QueryLanguage: 'JSONata', ...def})
const onePass = (state: object): StateMachineDefinition => jsonata({StartAt: 'P', States: {P: {Type: 'Pass', End: true, ...state}}})

async function outputOf(def: StateMachineDefinition, input: JsonValue, options = {}): Promise<JsonValue | undefined> {
  const r = await run(def, input, options)
  expect(r.status, `${r.error}: ${r.cause}`).toBe('SUCCEEDED')
  return r.output
}

// ---- Guide "Transforming data with JSONata in Step Functions" -------------------------------------
describe('guide: JSONata Output and $states', () => {
  it('Output evaluates a {% %} expression over $states.input', async () => {
    expect(await outputOf(onePass({Output: '{% $states.input.a + 1 %}'}), {a: 41})).toBe(42)
  })

  it('Output objects mix expressions and literal values; strings without {% %} stay literal', async () => {
    const def = onePass({Output: {sum: '{% $sum($states.input.xs) %}', literal: '$states.input.xs', n: 3, list: ['{% $count($states.input.xs) %}']}})
    expect(await outputOf(def, {xs: [1, 2, 3]})).toEqual({sum: 6, literal: '$states.input.xs', n: 3, list: [3]})
  })

  it('a Pass state without Output passes its input through', async () => {
    expect(await outputOf(onePass({}), {keep: true})).toEqual({keep: true})
  })

  it('$states.context carries the Context object', async () => {
    const def = onePass({Output: {name: '{% $states.context.Execution.Name %}', state: '{% $states.context.State.Name %}'}})
    expect(await outputOf(def, {}, {name: 'jsonata-ctx'})).toEqual({name: 'jsonata-ctx', state: 'P'})
  })

  it('a single state can opt in with QueryLanguage inside a JSONPath machine', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Path',
      States: {
        Path: {Type: 'Pass', Parameters: {'v.$': '$.v'}, Next: 'Ata'},
        Ata: {Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.v * 2 %}', End: true},
      },
    }
    expect(await outputOf(def, {v: 21})).toBe(42)
  })
})

describe('guide: JSONata Task Arguments and Output', () => {
  it('Arguments is the task input and Output shapes the result with $states.result and $states.input', async () => {
    // Given a function that echoes its payload
    const lambda = fakeLambda({[FN]: (i) => ({echo: i})})
    const def = jsonata({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: FN,
          Arguments: {id: '{% $states.input.id %}', upper: "{% $uppercase($states.input.name) %}"},
          Output: {got: '{% $states.result.echo %}', original: '{% $states.input.name %}'},
          End: true,
        },
      },
    })
    // When it runs
    const out = await outputOf(def, {id: 7, name: 'ada'}, {integrations: lambda})
    // Then the function saw the evaluated Arguments and the output combines result and input
    expect(lambda.calls[0]?.input).toEqual({id: 7, upper: 'ADA'})
    expect(out).toEqual({got: {id: 7, upper: 'ADA'}, original: 'ada'})
  })

  it('a Task without Output outputs its result', async () => {
    const lambda = fakeLambda({[FN]: () => ({r: 1})})
    expect(await outputOf(jsonata({StartAt: 'T', States: {T: {Type: 'Task', Resource: FN, End: true}}}), {in: 1}, {integrations: lambda})).toEqual({r: 1})
  })

  it('a Task without Arguments passes its input to the resource', async () => {
    const lambda = fakeLambda({[FN]: () => 'ok'})
    await run(jsonata({StartAt: 'T', States: {T: {Type: 'Task', Resource: FN, End: true}}}), {in: 1}, {integrations: lambda})
    expect(lambda.calls[0]?.input).toEqual({in: 1})
  })

  it('a Catch Output reads $states.errorOutput and $states.input', async () => {
    const lambda = fakeLambda({
      [FN]: () => {
        throw new StatesError('Payment.Declined', 'card expired')
      },
    })
    const def = jsonata({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: FN,
          Catch: [{ErrorEquals: ['States.ALL'], Output: "{% $merge([$states.input, {'error': $states.errorOutput}]) %}", Next: 'Release'}],
          End: true,
        },
        Release: {Type: 'Pass', End: true},
      },
    })
    expect(await outputOf(def, {order: 1}, {integrations: lambda})).toEqual({order: 1, error: {Error: 'Payment.Declined', Cause: 'card expired'}})
  })

  it('a Catch without Output passes the error output on', async () => {
    const lambda = fakeLambda({
      [FN]: () => {
        throw new StatesError('E', 'c')
      },
    })
    const def = jsonata({
      StartAt: 'T',
      States: {T: {Type: 'Task', Resource: FN, Catch: [{ErrorEquals: ['E'], Next: 'H'}], End: true}, H: {Type: 'Pass', End: true}},
    })
    expect(await outputOf(def, {}, {integrations: lambda})).toEqual({Error: 'E', Cause: 'c'})
  })
})

describe('guide: JSONata Choice Condition', () => {
  const choice = jsonata({
    StartAt: 'C',
    States: {
      C: {
        Type: 'Choice',
        Choices: [
          {Condition: '{% $states.input.n > 10 %}', Next: 'Big'},
          {Condition: "{% $states.input.kind = 'small' %}", Next: 'Small', Output: {tagged: '{% $states.input.n %}'}},
        ],
        Default: 'Other',
      },
      Big: {Type: 'Pass', Output: 'big', End: true},
      Small: {Type: 'Pass', End: true},
      Other: {Type: 'Pass', Output: 'other', End: true},
    },
  })

  it.each([
    [{n: 50}, 'big'],
    [{n: 5, kind: 'small'}, {tagged: 5}],
    [{n: 5, kind: 'large'}, 'other'],
  ])('input %j -> %j (a rule Output becomes the next state input)', async (input, expected) => {
    expect(await outputOf(choice, input)).toEqual(expected)
  })
})

describe('guide: JSONata Map and Parallel', () => {
  it('Items selects the array and ItemSelector reads $states.context.Map.Item', async () => {
    const def = jsonata({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: '{% $states.input.list %}',
          ItemSelector: {value: '{% $states.context.Map.Item.Value %}', index: '{% $states.context.Map.Item.Index %}'},
          ItemProcessor: {StartAt: 'I', States: {I: {Type: 'Pass', End: true}}},
          End: true,
        },
      },
    })
    expect(await outputOf(def, {list: ['a', 'b']})).toEqual([
      {value: 'a', index: 0},
      {value: 'b', index: 1},
    ])
  })

  it('Items may be a literal array and Output reshapes $states.result', async () => {
    const def = jsonata({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1, 2, 3],
          ItemProcessor: {StartAt: 'I', States: {I: {Type: 'Pass', Output: '{% $states.input * 10 %}', End: true}}},
          Output: {total: '{% $sum($states.result) %}'},
          End: true,
        },
      },
    })
    expect(await outputOf(def, {})).toEqual({total: 60})
  })

  it('Parallel Arguments is every branch input and $states.result the branch outputs in order', async () => {
    const def = jsonata({
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Arguments: {x: '{% $states.input.x %}'},
          Branches: [
            {StartAt: 'A', States: {A: {Type: 'Pass', Output: '{% $states.input.x + 1 %}', End: true}}},
            {StartAt: 'B', States: {B: {Type: 'Pass', Output: '{% $states.input.x * 2 %}', End: true}}},
          ],
          Output: '{% $states.result %}',
          End: true,
        },
      },
    })
    expect(await outputOf(def, {x: 5, ignored: true})).toEqual([6, 10])
  })
})

describe('guide: JSONata Wait and Fail', () => {
  it('Wait Seconds takes an expression', async () => {
    const def = jsonata({StartAt: 'W', States: {W: {Type: 'Wait', Seconds: '{% $states.input.delay %}', End: true}}})
    const r = await run(def, {delay: 7})
    expect(elapsedMs(r.events)).toBe(7000)
  })

  it('Fail Error and Cause take expressions', async () => {
    const fail = {Type: 'Fail' as const, Error: "{% 'Order.' & $states.input.code %}", Cause: "{% 'order ' & $string($states.input.id) %}"}
    const def = jsonata({StartAt: 'F', States: {F: fail}})
    const r = await run(def, {code: 'Rejected', id: 12})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('Order.Rejected')
    expect(r.cause).toBe('order 12')
  })
})

// ---- Guide "Transforming data with JSONata" (errors): an expression that fails, or that returns
// nothing where a value is needed, fails the state with States.QueryEvaluationError, which a Catch
// can handle (AWS's cause reads "The JSONata expression '...' specified for the field 'Output'
// returned nothing (undefined)"; observed on AWS in floci-io/floci PR 2689 and issue 2745).
describe('guide: States.QueryEvaluationError', () => {
  it('an Output expression returning nothing fails with States.QueryEvaluationError', async () => {
    const r = await run(onePass({Output: '{% $states.input.missing %}'}), {a: 1})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.QueryEvaluationError')
  })

  it('a type error inside Arguments fails with States.QueryEvaluationError before the task runs', async () => {
    const lambda = fakeLambda({[FN]: () => 'never'})
    const def = jsonata({StartAt: 'T', States: {T: {Type: 'Task', Resource: FN, Arguments: {x: "{% 1 + 'one' %}"}, End: true}}})
    const r = await run(def, {}, {integrations: lambda})
    expect(r.error).toBe('States.QueryEvaluationError')
    expect(lambda.calls).toHaveLength(0)
  })

  it('a Condition that is not a boolean fails with States.QueryEvaluationError', async () => {
    const def = jsonata({
      StartAt: 'C',
      States: {C: {Type: 'Choice', Choices: [{Condition: '{% $states.input.n %}', Next: 'D'}], Default: 'D'}, D: {Type: 'Succeed'}},
    })
    const r = await run(def, {n: 'text'})
    expect(r.error).toBe('States.QueryEvaluationError')
  })

  it('a Catch naming States.QueryEvaluationError handles it', async () => {
    const lambda = fakeLambda({[FN]: () => 'never'})
    const def = jsonata({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: FN,
          Arguments: {x: '{% $states.input.nope.deeper %}'},
          Catch: [{ErrorEquals: ['States.QueryEvaluationError'], Next: 'H'}],
          End: true,
        },
        H: {Type: 'Pass', Output: '{% $states.input.Error %}', End: true},
      },
    })
    expect(await outputOf(def, {}, {integrations: lambda})).toBe('States.QueryEvaluationError')
  })
})

// ---- Guide "Passing data between states with variables" -----------------------------------------
describe('guide: variables', () => {
  it('a variable assigned in one state is readable several states later', async () => {
    const def = jsonata({
      StartAt: 'Set',
      States: {
        Set: {Type: 'Pass', Assign: {productName: 'product1', count: 42, available: true}, Next: 'Between'},
        Between: {Type: 'Pass', Output: {unrelated: 1}, Next: 'Use'},
        Use: {Type: 'Pass', Output: {name: '{% $productName %}', count: '{% $count %}', available: '{% $available %}'}, End: true},
      },
    })
    expect(await outputOf(def, {})).toEqual({name: 'product1', count: 42, available: true})
  })

  it('Assign evaluates every expression against the values from before the state, not the new ones', async () => {
    // Given x = 1, then a state assigning x = 5 and y = $x
    const def = jsonata({
      StartAt: 'Init',
      States: {
        Init: {Type: 'Pass', Assign: {x: 1}, Next: 'Both'},
        Both: {Type: 'Pass', Assign: {x: 5, y: '{% $x %}'}, Output: {inOutput: '{% $x %}'}, Next: 'Read'},
        Read: {Type: 'Pass', Output: {x: '{% $x %}', y: '{% $y %}', seenByOutput: '{% $states.input.inOutput %}'}, End: true},
      },
    })
    // Then y got the old x, Output of the same state saw the old x too, and x is 5 afterwards
    expect(await outputOf(def, {})).toEqual({x: 5, y: 1, seenByOutput: 1})
  })

  it('Assign on a Task reads $states.result', async () => {
    const lambda = fakeLambda({[FN]: () => ({token: 'abc'})})
    const def = jsonata({
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: FN, Assign: {token: '{% $states.result.token %}'}, Output: {}, Next: 'U'},
        U: {Type: 'Pass', Output: '{% $token %}', End: true},
      },
    })
    expect(await outputOf(def, {}, {integrations: lambda})).toBe('abc')
  })

  it('Assign in a Catch reads $states.errorOutput', async () => {
    const lambda = fakeLambda({
      [FN]: () => {
        throw new StatesError('Boom', 'why')
      },
    })
    const def = jsonata({
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: FN, Catch: [{ErrorEquals: ['States.ALL'], Assign: {failedWith: '{% $states.errorOutput.Error %}'}, Next: 'H'}], End: true},
        H: {Type: 'Pass', Output: '{% $failedWith %}', End: true},
      },
    })
    expect(await outputOf(def, {}, {integrations: lambda})).toBe('Boom')
  })

  it('a matched Choice rule Assign sets variables for the next states', async () => {
    const def = jsonata({
      StartAt: 'C',
      States: {
        C: {Type: 'Choice', Choices: [{Condition: '{% $states.input.go %}', Assign: {route: 'fast'}, Next: 'D'}], Default: 'D'},
        D: {Type: 'Pass', Output: '{% $route %}', End: true},
      },
    })
    expect(await outputOf(def, {go: true})).toBe('fast')
  })

  it('JSONPath states assign with .$ paths and read a variable with $name', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Set',
      States: {
        Set: {Type: 'Pass', Assign: {'user.$': '$.user', fixed: 'f'}, Next: 'Drop'},
        Drop: {Type: 'Pass', Result: {}, Next: 'Use'},
        Use: {Type: 'Pass', Parameters: {'name.$': '$user.name', 'fixed.$': '$fixed'}, End: true},
      },
    }
    expect(await outputOf(def, {user: {name: 'ada'}})).toEqual({name: 'ada', fixed: 'f'})
  })

  it('a JSONPath Choice Variable can test a variable', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Set',
      States: {
        Set: {Type: 'Pass', Assign: {'mode.$': '$.mode'}, Next: 'Decoy'},
        Decoy: {Type: 'Pass', Result: {mode: 'decoy'}, Next: 'C'},
        C: {Type: 'Choice', Choices: [{Variable: '$mode', StringEquals: 'dry', Next: 'Dry'}], Default: 'Wet'},
        Dry: {Type: 'Pass', Result: 'dry', End: true},
        Wet: {Type: 'Pass', Result: 'wet', End: true},
      },
    }
    expect(await outputOf(def, {mode: 'dry'})).toBe('dry')
    expect(await outputOf(def, {mode: 'live'})).toBe('wet')
  })
})

// Guide "Passing data between states with variables", variable scope: Parallel branches and Map
// iterations read the outer variables; what they assign stays in their own scope, so siblings and the
// states after the Parallel or Map do not see it. Data leaves a branch or iteration only as output.
describe('guide: variable scope in Parallel and Map', () => {
  it('Parallel branches read outer variables; their assignments stay inside the branch', async () => {
    const def = jsonata({
      StartAt: 'Init',
      States: {
        Init: {Type: 'Pass', Assign: {outer: 'o'}, Next: 'Par'},
        Par: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'A1',
              States: {
                A1: {Type: 'Pass', Assign: {inA: 'a'}, Next: 'A2'},
                A2: {Type: 'Pass', Output: {outer: '{% $outer %}', own: '{% $inA %}'}, End: true},
              },
            },
            {
              StartAt: 'B1',
              States: {
                B1: {Type: 'Wait', Seconds: 1, Next: 'B2'},
                B2: {Type: 'Pass', Output: {outer: '{% $outer %}', seesA: '{% $exists($inA) %}'}, End: true},
              },
            },
          ],
          Next: 'After',
        },
        After: {Type: 'Pass', Output: {branches: '{% $states.input %}', leaked: '{% $exists($inA) %}', outer: '{% $outer %}'}, End: true},
      },
    })
    expect(await outputOf(def, {})).toEqual({
      branches: [
        {outer: 'o', own: 'a'},
        {outer: 'o', seesA: false},
      ],
      leaked: false,
      outer: 'o',
    })
  })

  it('Map iterations read outer variables; an iteration assignment is seen by neither later iterations nor the states after', async () => {
    const def = jsonata({
      StartAt: 'Init',
      States: {
        Init: {Type: 'Pass', Assign: {prefix: 'item-'}, Next: 'M'},
        M: {
          Type: 'Map',
          Items: '{% $states.input.items %}',
          MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: 'Look',
            States: {
              Look: {Type: 'Pass', Assign: {mine: '{% $states.input %}'}, Output: {seenBefore: '{% $exists($mine) %}'}, Next: 'Label'},
              Label: {Type: 'Pass', Output: {label: '{% $prefix & $string($mine) %}', seenBefore: '{% $states.input.seenBefore %}'}, End: true},
            },
          },
          Next: 'After',
        },
        After: {Type: 'Pass', Output: {results: '{% $states.input %}', leaked: '{% $exists($mine) %}'}, End: true},
      },
    })
    expect(await outputOf(def, {items: [1, 2]})).toEqual({
      results: [
        {label: 'item-1', seenBefore: false},
        {label: 'item-2', seenBefore: false},
      ],
      leaked: false,
    })
  })

  it('Assign on the Map state itself reads the Map result and is visible afterwards', async () => {
    const def = jsonata({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1, 2],
          ItemProcessor: {StartAt: 'I', States: {I: {Type: 'Pass', End: true}}},
          Assign: {n: '{% $count($states.result) %}'},
          Next: 'U',
        },
        U: {Type: 'Pass', Output: '{% $n %}', End: true},
      },
    })
    expect(await outputOf(def, {})).toBe(2)
  })
})

// Guide "Passing data between states with variables": Step Functions defines one reserved variable,
// $states; AWS refuses a definition that assigns it (at CreateStateMachine), so no state ever runs.
describe('guide: the reserved variable $states', () => {
  it('refuses a definition that assigns "states": the execution fails before any state is entered', async () => {
    const execution = startExecution({definition: onePass({Assign: {states: 1}}), input: {}})
    const result = await execution.done
    expect(result.status).toBe('FAILED')
    expect(eventsOfType(execution.events, 'PassStateEntered')).toHaveLength(0)
  })
})
