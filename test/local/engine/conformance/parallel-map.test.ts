// Conformance: Parallel and Map states. Concurrency is read from virtual time: branches that run
// side by side take as long as the slowest, iterations under MaxConcurrency 1 take the sum.
import {describe, expect, it} from 'vitest'
import type {Branch, JsonValue, StateMachineDefinition} from '../../../../src/asl/types.js'
import {StatesError, elapsedMs, fakeLambda, lambdaArn, run, slow} from './run.js'

const passBranch = (name: string, state: object = {}): Branch => ({StartAt: name, States: {[name]: {Type: 'Pass', End: true, ...state}}})
const taskBranch = (name: string, resource: string): Branch => ({StartAt: name, States: {[name]: {Type: 'Task', Resource: resource, End: true}}})
const parallel = (branches: Branch[], fields: object = {}): StateMachineDefinition => ({
  StartAt: 'Par',
  States: {Par: {Type: 'Parallel', Branches: branches, End: true, ...fields}},
})

// ---- Spec "Parallel State" and guide "Parallel workflow state" -----------------------------------
describe('spec/guide: Parallel output', () => {
  it('gives each branch the input and outputs the branch results in branch order (FunWithMath: [3, 2] -> [5, 1])', async () => {
    const add = lambdaArn('Add')
    const subtract = lambdaArn('Subtract')
    const lambda = fakeLambda({
      [add]: (i) => (i as number[]).reduce((x, y) => x + y, 0),
      [subtract]: (i) => (i as number[])[0]! - (i as number[])[1]!,
    })
    const r = await run(parallel([taskBranch('Add', add), taskBranch('Subtract', subtract)]), [3, 2], {integrations: lambda})
    expect(r.output).toEqual([5, 1])
    expect(lambda.calls.map((c) => c.input)).toEqual([
      [3, 2],
      [3, 2],
    ])
  })

  it('keeps branch order when the first branch finishes last', async () => {
    const slowFn = lambdaArn('AddressFinder')
    const fastFn = lambdaArn('PhoneFinder')
    const lambda = fakeLambda({[slowFn]: slow(3000, () => 'address'), [fastFn]: slow(1000, () => 'phone')})
    const r = await run(parallel([taskBranch('LookupAddress', slowFn), taskBranch('LookupPhone', fastFn)]), {}, {integrations: lambda})
    expect(r.output).toEqual(['address', 'phone'])
  })

  it('runs branches concurrently: a 3 s and a 2 s branch take 3 s', async () => {
    const a = lambdaArn('a')
    const b = lambdaArn('b')
    const lambda = fakeLambda({[a]: slow(3000, () => 'a'), [b]: slow(2000, () => 'b')})
    const r = await run(parallel([taskBranch('A', a), taskBranch('B', b)]), {}, {integrations: lambda})
    expect(elapsedMs(r.events)).toBe(3000)
  })

  it('gives each branch its own copy of the input', async () => {
    const r = await run(parallel([passBranch('A', {Result: 'A', ResultPath: '$.x'}), passBranch('B')]), {a: 1})
    expect(r.output).toEqual([{a: 1, x: 'A'}, {a: 1}])
  })

  it('applies InputPath and Parameters before the branches, ResultSelector and OutputPath after', async () => {
    const def = parallel([passBranch('A', {InputPath: '$.v'}), passBranch('B', {Result: 'b'})], {
      InputPath: '$.inner',
      Parameters: {'v.$': '$.value'},
      ResultSelector: {'first.$': '$[0]', 'second.$': '$[1]'},
      ResultPath: '$.res',
      OutputPath: '$.res',
    })
    const r = await run(def, {inner: {value: 42}})
    expect(r.output).toEqual({first: 42, second: 'b'})
  })

  it('a Succeed state ends only its own branch', async () => {
    const def = parallel([
      {StartAt: 'Done', States: {Done: {Type: 'Succeed'}}},
      {StartAt: 'One', States: {One: {Type: 'Pass', Result: 1, Next: 'Two'}, Two: {Type: 'Pass', Parameters: {'n.$': 'States.MathAdd($, 1)'}, End: true}}},
    ])
    const r = await run(def, 'in')
    expect(r.output).toEqual(['in', {n: 2}])
  })

  it('nests a Parallel inside a branch', async () => {
    const branches = [passBranch('I1', {Result: 1}), passBranch('I2', {Result: 2})]
    const inner: Branch = {StartAt: 'Inner', States: {Inner: {Type: 'Parallel', Branches: branches, End: true}}}
    const r = await run(parallel([inner, passBranch('B', {Result: 3})]), {})
    expect(r.output).toEqual([[1, 2], 3])
  })

  it('shows the branch state and the execution in the Context object inside a branch', async () => {
    const def = parallel([passBranch('InBranch', {Parameters: {'state.$': '$$.State.Name', 'exec.$': '$$.Execution.Name', 'input.$': '$$.Execution.Input'}})])
    const r = await run(def, {k: 1}, {name: 'par-ctx'})
    expect(r.output).toEqual([{state: 'InBranch', exec: 'par-ctx', input: {k: 1}}])
  })
})

// ---- Spec "Parallel State": "If any branch fails, due to an unhandled error or by transitioning to
// a Fail State, the entire Parallel State is considered to have failed and all the branches are
// terminated." AWS reports the branch's own error name (not States.BranchFailed), so a Catch on
// that name handles it (guide "Parallel workflow state", Error Handling).
describe('spec/guide: Parallel failure', () => {
  const failingBranch: Branch = {StartAt: 'Boom', States: {Boom: {Type: 'Fail', Error: 'BranchError', Cause: 'branch b failed'}}}

  it('fails the Parallel with the failing branch error and cause', async () => {
    const r = await run(parallel([passBranch('A'), failingBranch]), {})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('BranchError')
    expect(r.cause).toBe('branch b failed')
  })

  it('lets a Catch on the Parallel state match the branch error by name', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [passBranch('A'), failingBranch],
          Catch: [{ErrorEquals: ['BranchError'], ResultPath: '$.err', Next: 'Handled'}],
          End: true,
        },
        Handled: {Type: 'Pass', End: true},
      },
    }
    const r = await run(def, {id: 9})
    expect(r.output).toEqual({id: 9, err: {Error: 'BranchError', Cause: 'branch b failed'}})
  })

  it('stops the sibling branches: a task after a wait in a sibling never runs', async () => {
    // Given a sibling that waits 100 s before calling a function
    const later = lambdaArn('later')
    const lambda = fakeLambda({[later]: () => 'ran'})
    const sibling: Branch = {StartAt: 'Hold', States: {Hold: {Type: 'Wait', Seconds: 100, Next: 'Call'}, Call: {Type: 'Task', Resource: later, End: true}}}
    // When the other branch fails at once
    const r = await run(parallel([sibling, failingBranch]), {}, {integrations: lambda})
    // Then the execution failed without waiting for, or calling, the sibling
    expect(r.error).toBe('BranchError')
    expect(lambda.calls).toHaveLength(0)
    expect(elapsedMs(r.events)).toBeLessThan(100_000)
  })

  it('fails with a task error raised inside a branch', async () => {
    const bad = lambdaArn('bad')
    const lambda = fakeLambda({
      [bad]: () => {
        throw new StatesError('Lambda.TooManyRequestsException', 'Rate exceeded')
      },
    })
    const r = await run(parallel([passBranch('A'), taskBranch('B', bad)]), {}, {integrations: lambda})
    expect(r.error).toBe('Lambda.TooManyRequestsException')
  })
})

// ---- Spec "Map State", guide "Map workflow state" and "ItemsPath" --------------------------------
describe('spec/guide: Map input and output', () => {
  const echo = (name: string): Branch => ({StartAt: name, States: {[name]: {Type: 'Pass', End: true}}})

  it('ItemsPath picks the array to iterate (the guide PiratesSay example)', async () => {
    const input = {
      ThingsPiratesSay: [{say: 'Avast!'}, {say: 'Yar!'}, {say: 'Walk the Plank!'}],
      ThingsGiantsSay: [{say: 'Fee!'}, {say: 'Fi!'}, {say: 'Fo!'}, {say: 'Fum!'}],
    }
    const def: StateMachineDefinition = {
      StartAt: 'PiratesSay',
      States: {PiratesSay: {Type: 'Map', ItemsPath: '$.ThingsPiratesSay', Iterator: echo('SayWord'), End: true}},
    }
    const r = await run(def, input)
    expect(r.output).toEqual(input.ThingsPiratesSay)
  })

  it('applies ItemsPath after InputPath and ResultPath to the raw input (the spec Validate-All example)', async () => {
    // Given ship-val returning a verdict per parcel
    const shipVal = lambdaArn('ship-val')
    const lambda = fakeLambda({[shipVal]: (i) => ({prod: (i as {prod: string}).prod, ok: true})})
    const shipped = [
      {prod: 'R31', 'dest-code': 9511, quantity: 1344},
      {prod: 'S39', 'dest-code': 9511, quantity: 40},
      {prod: 'R40', 'dest-code': 9860, quantity: 887},
    ]
    const def: StateMachineDefinition = {
      StartAt: 'Validate-All',
      States: {
        'Validate-All': {
          Type: 'Map',
          InputPath: '$.detail',
          ItemsPath: '$.shipped',
          MaxConcurrency: 0,
          ItemProcessor: {StartAt: 'Validate', States: {Validate: {Type: 'Task', Resource: shipVal, End: true}}},
          ResultPath: '$.detail.shipped',
          End: true,
        },
      },
    }
    // When it runs
    const r = await run(def, {'ship-date': '2016-03-14T01:59:00Z', detail: {'delivery-partner': 'UQS', shipped}}, {integrations: lambda})
    // Then the output is the input with detail.shipped replaced by the verdicts, in item order
    expect(r.output).toEqual({
      'ship-date': '2016-03-14T01:59:00Z',
      detail: {
        'delivery-partner': 'UQS',
        shipped: [
          {prod: 'R31', ok: true},
          {prod: 'S39', ok: true},
          {prod: 'R40', ok: true},
        ],
      },
    })
  })

  it.each([['Iterator'], ['ItemProcessor']])('runs the iteration defined in %s', async (field) => {
    const def: StateMachineDefinition = {
      StartAt: 'M',
      States: {
        M: {Type: 'Map', [field]: {StartAt: 'Double', States: {Double: {Type: 'Pass', Parameters: {'n.$': 'States.MathAdd($, $)'}, End: true}}}, End: true},
      },
    }
    const r = await run(def, [1, 2, 3])
    expect(r.output).toEqual([{n: 2}, {n: 4}, {n: 6}])
  })

  it('outputs [] for an empty array', async () => {
    const def: StateMachineDefinition = {StartAt: 'M', States: {M: {Type: 'Map', ItemsPath: '$.items', ItemProcessor: echo('I'), End: true}}}
    const r = await run(def, {items: []})
    expect(r.output).toEqual([])
  })

  it('ItemSelector builds each input from $$.Map.Item.Index, $$.Map.Item.Value and the state input', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: {'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'tag.$': '$.tag', fixed: 'f'},
          ItemProcessor: echo('I'),
          End: true,
        },
      },
    }
    const r = await run(def, {tag: 't', items: ['a', 'b']})
    expect(r.output).toEqual([
      {index: 0, value: 'a', tag: 't', fixed: 'f'},
      {index: 1, value: 'b', tag: 't', fixed: 'f'},
    ])
  })

  it('ResultSelector reshapes the array of results', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'M',
      States: {M: {Type: 'Map', ItemProcessor: echo('I'), ResultSelector: {'count.$': 'States.ArrayLength($)', 'first.$': '$[0]'}, End: true}},
    }
    const r = await run(def, ['x', 'y', 'z'])
    expect(r.output).toEqual({count: 3, first: 'x'})
  })

  it('a Succeed state ends only its iteration', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'C',
            States: {
              C: {Type: 'Choice', Choices: [{Variable: '$', NumericEquals: 0, Next: 'Stop'}], Default: 'Mark'},
              Stop: {Type: 'Succeed'},
              Mark: {Type: 'Pass', Result: 'marked', End: true},
            },
          },
          End: true,
        },
      },
    }
    const r = await run(def, [0, 1])
    expect(r.output).toEqual([0, 'marked'])
  })

  it('nests a Map inside an iteration', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Outer',
      States: {
        Outer: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Inner',
            States: {Inner: {Type: 'Map', ItemSelector: {'i.$': '$$.Map.Item.Index'}, ItemProcessor: echo('Leaf'), End: true}},
          },
          End: true,
        },
      },
    }
    const r = await run(def, [['a', 'b'], ['c']])
    expect(r.output).toEqual([[{i: 0}, {i: 1}], [{i: 0}]])
  })
})

// ---- Spec "Map State concurrency": "A MaxConcurrency value of 1 ... will invoke the ItemProcessor once
// for each array element in the order of their appearance in the input, and will not start an
// iteration until the previous iteration has completed execution"; 0 means no limit.
describe('spec: Map concurrency', () => {
  const item = lambdaArn('item')
  const durations: Record<number, number> = {0: 3000, 1: 2000, 2: 1000}
  const lambda = () => fakeLambda({[item]: slow((i) => durations[i as number] ?? 0, (i) => `done ${String(i)}`)})
  const map = (fields: object): StateMachineDefinition => ({
    StartAt: 'M',
    States: {M: {Type: 'Map', ItemProcessor: {StartAt: 'I', States: {I: {Type: 'Task', Resource: item, End: true}}}, End: true, ...fields}},
  })

  it('MaxConcurrency 1 runs the items one after another, in input order', async () => {
    const fake = lambda()
    const r = await run(map({MaxConcurrency: 1}), [0, 1, 2], {integrations: fake})
    expect(fake.calls.map((c) => c.input)).toEqual([0, 1, 2])
    expect(elapsedMs(r.events)).toBe(6000)
    expect(r.output).toEqual(['done 0', 'done 1', 'done 2'])
  })

  it('without MaxConcurrency the items run side by side and results keep input order', async () => {
    const r = await run(map({}), [0, 1, 2], {integrations: lambda()})
    expect(elapsedMs(r.events)).toBe(3000)
    expect(r.output).toEqual(['done 0', 'done 1', 'done 2'])
  })

  it('MaxConcurrency 2 runs four 1 s items in 2 s', async () => {
    const fake = fakeLambda({[item]: slow(1000, (i) => i)})
    const r = await run(map({MaxConcurrency: 2}), [1, 2, 3, 4], {integrations: fake})
    expect(elapsedMs(r.events)).toBe(2000)
    expect(r.output).toEqual([1, 2, 3, 4])
  })
})

// ---- Spec "Map State ItemProcessor definition": "If any iteration fails ... the entire Map State is
// considered to have failed and all the iterations are terminated."
describe('spec: Map failure', () => {
  const failOn = (bad: JsonValue): Branch => ({
    StartAt: 'C',
    States: {
      C: {Type: 'Choice', Choices: [{Variable: '$', NumericEquals: bad as number, Next: 'Boom'}], Default: 'Ok'},
      Boom: {Type: 'Fail', Error: 'ItemError', Cause: 'bad item'},
      Ok: {Type: 'Pass', End: true},
    },
  })

  it('fails the Map with the failing iteration error', async () => {
    const def: StateMachineDefinition = {StartAt: 'M', States: {M: {Type: 'Map', ItemProcessor: failOn(2), End: true}}}
    const r = await run(def, [1, 2, 3])
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('ItemError')
    expect(r.cause).toBe('bad item')
  })

  it('lets a Catch on the Map match the iteration error', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'M',
      States: {
        M: {Type: 'Map', ItemProcessor: failOn(2), Catch: [{ErrorEquals: ['ItemError'], Next: 'Handled'}], End: true},
        Handled: {Type: 'Pass', End: true},
      },
    }
    const r = await run(def, [1, 2, 3])
    expect(r.output).toEqual({Error: 'ItemError', Cause: 'bad item'})
  })
})

// ---- Spec "Map State Failure Tolerance" and guide "Map state in Distributed mode"
// (ToleratedFailureCount / ToleratedFailurePercentage are Distributed-mode fields; the Map fails with
// States.ExceedToleratedFailureThreshold once the failures exceed the threshold).
describe('spec/guide: Map failure tolerance (Distributed mode)', () => {
  const distributed = (fields: object): StateMachineDefinition => ({
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: {Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD'},
          StartAt: 'C',
          States: {
            C: {Type: 'Choice', Choices: [{Variable: '$.fail', BooleanEquals: true, Next: 'Boom'}], Default: 'Ok'},
            Boom: {Type: 'Fail', Error: 'ItemError', Cause: 'bad item'},
            Ok: {Type: 'Pass', End: true},
          },
        },
        End: true,
        ...fields,
      },
    },
  })
  const items = (failures: number) => [0, 1, 2, 3].map((i) => ({i, fail: i < failures}))

  it('ToleratedFailureCount 1 tolerates one failed item of four', async () => {
    const r = await run(distributed({ToleratedFailureCount: 1}), items(1))
    expect(r.status).toBe('SUCCEEDED')
  })

  it('ToleratedFailureCount 1 fails with States.ExceedToleratedFailureThreshold on two failures', async () => {
    const r = await run(distributed({ToleratedFailureCount: 1}), items(2))
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.ExceedToleratedFailureThreshold')
  })

  it('ToleratedFailurePercentage 25 tolerates one failed item of four', async () => {
    const r = await run(distributed({ToleratedFailurePercentage: 25}), items(1))
    expect(r.status).toBe('SUCCEEDED')
  })

  it('ToleratedFailurePercentage 20 fails with States.ExceedToleratedFailureThreshold on one of four', async () => {
    const r = await run(distributed({ToleratedFailurePercentage: 20}), items(1))
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.ExceedToleratedFailureThreshold')
  })

  it('with both set, breaching either threshold fails the Map', async () => {
    const r = await run(distributed({ToleratedFailurePercentage: 100, ToleratedFailureCount: 1}), items(2))
    expect(r.error).toBe('States.ExceedToleratedFailureThreshold')
  })

  it('ToleratedFailureCountPath reads the threshold from the input', async () => {
    const r = await run(distributed({ItemsPath: '$.items', ToleratedFailureCountPath: '$.tolerate'}), {tolerate: 2, items: items(2)})
    expect(r.status).toBe('SUCCEEDED')
  })
})
