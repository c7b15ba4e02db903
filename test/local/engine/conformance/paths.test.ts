// Conformance: InputPath, Parameters, ResultSelector, OutputPath and the Context object, end to end
// through real states. Every expected value is taken from the page named in the comment above its
// group; where a doc's example needed a change to run (a Context field AWS does not have), the case
// says so.
import {describe, expect, it} from 'vitest'
import type {StateMachineDefinition} from '../../../../src/asl/types.js'
import {StatesError, fakeLambda, lambdaArn, run, startedAt} from './run.js'

const HELLO = lambdaArn('HelloFunction')
const hello = () => fakeLambda({[HELLO]: (input) => `Hello, ${(input as {who: string}).who}!`})

const pass = (state: object): StateMachineDefinition => ({StartAt: 'P', States: {P: {Type: 'Pass', End: true, ...state}}})
const task = (state: object, resource = HELLO): StateMachineDefinition => ({
  StartAt: 'T',
  States: {T: {Type: 'Task', Resource: resource, End: true, ...state}},
})

// ---- States Language spec (states-language.net), "Input and Output Processing" ----------------
describe('spec: Input and Output Processing', () => {
  it('InputPath $.numbers and ResultPath $.sum add the sum beside the input', async () => {
    // Given the spec's Lambda that sums val1 and val2
    const sum = fakeLambda({[lambdaArn('Add')]: (i) => (i as {val1: number}).val1 + (i as {val2: number}).val2})
    // When the state runs with InputPath and ResultPath
    const def = task({InputPath: '$.numbers', ResultPath: '$.sum'}, lambdaArn('Add'))
    const r = await run(def, {title: 'Numbers to add', numbers: {val1: 3, val2: 4}}, {integrations: sum})
    // Then the function saw only the numbers and the output holds both
    expect(sum.calls[0]?.input).toEqual({val1: 3, val2: 4})
    expect(r.output).toEqual({title: 'Numbers to add', numbers: {val1: 3, val2: 4}, sum: 7})
  })

  it('ResultPath $.b.greeting builds the intervening object', async () => {
    const hi = fakeLambda({[lambdaArn('Hi')]: () => 'Hi!'})
    const r = await run(task({ResultPath: '$.b.greeting'}, lambdaArn('Hi')), {a: 1}, {integrations: hi})
    expect(r.output).toEqual({a: 1, b: {greeting: 'Hi!'}})
  })

  it('an InputPath matching several values gives the state an array of them ($.a[0,1])', async () => {
    const r = await run(pass({InputPath: '$.a[0,1]'}), {a: [1, 2, 3, 4]})
    expect(r.output).toEqual([1, 2])
  })

  it('InputPath null gives the state an empty object', async () => {
    const r = await run(pass({InputPath: null}), {a: 1})
    expect(r.output).toEqual({})
  })

  it('OutputPath null makes the output an empty object', async () => {
    const r = await run(pass({Result: {x: 1}, OutputPath: null}), {a: 1})
    expect(r.output).toEqual({})
  })

  it('with none of the fields, a state passes its input through', async () => {
    const r = await run(pass({}), {georefOf: 'Home'})
    expect(r.output).toEqual({georefOf: 'Home'})
  })
})

// ---- States Language spec, "Pass State" -------------------------------------------------------
describe('spec: Pass State', () => {
  it('Result placed at ResultPath $.coords keeps the input', async () => {
    const r = await run(pass({Result: {'x-datum': 0.381018, 'y-datum': 622.2269926397355}, ResultPath: '$.coords'}), {georefOf: 'Home'})
    expect(r.output).toEqual({georefOf: 'Home', coords: {'x-datum': 0.381018, 'y-datum': 622.2269926397355}})
  })
})

// ---- States Language spec, "Payload Template" --------------------------------------------------
describe('spec: Payload Template', () => {
  it('a template without .$ fields is the payload as written', async () => {
    const lambda = fakeLambda({[lambdaArn('X')]: () => 'done'})
    await run(task({Parameters: {first: 88, second: 99}}, lambdaArn('X')), {ignored: true}, {integrations: lambda})
    expect(lambda.calls[0]?.input).toEqual({first: 88, second: 99})
  })

  it('.$ fields take paths, slices and intrinsics (the spec example, with $$.Execution.Name for $$.DayOfWeek)', async () => {
    // Given the spec's template; AWS's Context object has no DayOfWeek, so the execution name stands in
    const lambda = fakeLambda({[lambdaArn('X')]: () => 'done'})
    const def = task(
      {
        Parameters: {
          flagged: true,
          parts: {'first.$': '$.vals[0]', 'last3.$': '$.vals[-3:]'},
          'weekday.$': '$$.Execution.Name',
          'formattedOutput.$': "States.Format('Today is {}', $$.Execution.Name)",
        },
      },
      lambdaArn('X'),
    )
    // When it runs in an execution named TUESDAY
    await run(def, {flagged: 7, vals: [0, 10, 20, 30, 40, 50]}, {integrations: lambda, name: 'TUESDAY'})
    // Then the effective input is the spec's
    expect(lambda.calls[0]?.input).toEqual({
      flagged: true,
      parts: {first: 0, last3: [30, 40, 50]},
      weekday: 'TUESDAY',
      formattedOutput: 'Today is TUESDAY',
    })
  })
})

// ---- Developer guide, "InputPath, Parameters and ResultSelector" ----------------------------------
describe('guide: InputPath, Parameters and ResultSelector', () => {
  it('InputPath $.dataset2 selects one node as the input', async () => {
    const input = {comment: 'Example for InputPath.', dataset1: {val1: 1, val2: 2, val3: 3}, dataset2: {val1: 'a', val2: 'b', val3: 'c'}}
    const r = await run(pass({InputPath: '$.dataset2'}), input)
    expect(r.output).toEqual({val1: 'a', val2: 'b', val3: 'c'})
  })

  it('a slice path $.a[0:2] yields [1, 2]', async () => {
    const r = await run(pass({InputPath: '$.a[0:2]'}), {a: [1, 2, 3, 4]})
    expect(r.output).toEqual([1, 2])
  })

  it('Parameters mixes static values and values selected from the input', async () => {
    const input = {
      comment: 'Example for Parameters.',
      product: {details: {color: 'blue', size: 'small', material: 'cotton'}, availability: 'in stock', sku: '2317', cost: '$23'},
    }
    const r = await run(
      pass({
        Parameters: {
          comment: 'Selecting what I care about.',
          MyDetails: {'size.$': '$.product.details.size', 'exists.$': '$.product.availability', StaticValue: 'foo'},
        },
      }),
      input,
    )
    expect(r.output).toEqual({comment: 'Selecting what I care about.', MyDetails: {size: 'small', exists: 'in stock', StaticValue: 'foo'}})
  })

  it('InputPath applies before Parameters', async () => {
    const r = await run(pass({InputPath: '$.inner', Parameters: {'v.$': '$.value'}}), {inner: {value: 42}, value: 'outer'})
    expect(r.output).toEqual({v: 42})
  })

  it('ResultSelector picks from the result before ResultPath merges it (the EMR createCluster example)', async () => {
    // Given a task whose raw result is the guide's EMR response
    const emr = fakeLambda({
      [lambdaArn('Emr')]: () => ({
        resourceType: 'elasticmapreduce',
        resource: 'createCluster.sync',
        output: {SdkHttpMetadata: {HttpStatusCode: 200}, SdkResponseMetadata: {RequestId: '1234-5678-9012'}, ClusterId: 'AKIAIOSFODNN7EXAMPLE'},
      }),
    })
    const def = task({ResultSelector: {'ClusterId.$': '$.output.ClusterId', 'ResourceType.$': '$.resourceType'}, ResultPath: '$.EMROutput'}, lambdaArn('Emr'))
    // When it runs
    const r = await run(def, {OtherDataFromInput: {}}, {integrations: emr})
    // Then only the selected fields land under EMROutput
    expect(r.output).toEqual({OtherDataFromInput: {}, EMROutput: {ResourceType: 'elasticmapreduce', ClusterId: 'AKIAIOSFODNN7EXAMPLE'}})
  })

  it('ResultSelector can hold static values and intrinsics', async () => {
    const lambda = fakeLambda({[lambdaArn('N')]: () => ({n: 2})})
    const r = await run(task({ResultSelector: {kind: 'static', 'twice.$': 'States.MathAdd($.n, $.n)'}}, lambdaArn('N')), {}, {integrations: lambda})
    expect(r.output).toEqual({kind: 'static', twice: 4})
  })
})

// ---- Developer guide, "InputPath, ResultPath and OutputPath Examples" -----------------------------
describe('guide: InputPath, ResultPath and OutputPath Examples', () => {
  const def = task({InputPath: '$.lambda', ResultPath: '$.data.lambdaresult', OutputPath: '$.data'})
  const input = {comment: 'An input comment.', data: {val1: 23, val2: 17}, extra: 'foo', lambda: {who: 'AWS Step Functions'}}

  it('the function receives only the InputPath node', async () => {
    const lambda = hello()
    await run(def, input, {integrations: lambda})
    expect(lambda.calls[0]?.input).toEqual({who: 'AWS Step Functions'})
  })

  it('OutputPath $.data keeps the data node with the inserted result', async () => {
    const r = await run(def, input, {integrations: hello()})
    expect(r.output).toEqual({val1: 23, val2: 17, lambdaresult: 'Hello, AWS Step Functions!'})
  })
})

// ---- Developer guide, "Paths" (reference paths and filters) --------------------------------------
describe('guide: Paths', () => {
  const input = {foo: 123, bar: ['a', 'b', 'c'], car: {cdr: true}, jar: [{a: 1}, {a: 5}, {a: 2}, {a: 7}, {a: 3}]}

  it.each([
    ['$.foo', 123],
    ['$.bar', ['a', 'b', 'c']],
    ['$.car.cdr', true],
    ['$.jar[?(@.a >= 5)]', [{a: 5}, {a: 7}]],
  ])('Parameters value %s selects %j', async (path, expected) => {
    const r = await run(pass({Parameters: {'v.$': path}}), input)
    expect(r.output).toEqual({v: expected})
  })

  it('"$" in Parameters selects the whole input', async () => {
    const r = await run(pass({Parameters: {'all.$': '$'}}), {a: 1})
    expect(r.output).toEqual({all: {a: 1}})
  })
})

// ---- Developer guide, "Context object" ------------------------------------------------------------
describe('guide: Context object', () => {
  const ids = {
    name: 'ctx-run-1',
    executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Conf:ctx-run-1',
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Conf',
    roleArn: 'arn:aws:iam::123456789012:role/ConfRole',
  }

  it('exposes Execution.Id, Name, Input and RoleArn, and StateMachine.Id and Name', async () => {
    const def = pass({
      Parameters: {
        'id.$': '$$.Execution.Id',
        'name.$': '$$.Execution.Name',
        'input.$': '$$.Execution.Input',
        'role.$': '$$.Execution.RoleArn',
        'sm.$': '$$.StateMachine.Id',
        'smName.$': '$$.StateMachine.Name',
      },
    })
    const r = await run(def, {key: 'value'}, ids)
    expect(r.output).toEqual({
      id: ids.executionArn,
      name: 'ctx-run-1',
      input: {key: 'value'},
      role: ids.roleArn,
      sm: ids.stateMachineArn,
      smName: 'Conf',
    })
  })

  it('State.Name is the name of the state reading it', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'First',
      States: {
        First: {Type: 'Pass', Parameters: {'n.$': '$$.State.Name'}, ResultPath: '$.first', Next: 'Second'},
        Second: {Type: 'Pass', Parameters: {'n.$': '$$.State.Name', 'prev.$': '$.first.n'}, End: true},
      },
    }
    const r = await run(def, {})
    expect(r.output).toEqual({n: 'Second', prev: 'First'})
  })

  it('Execution.StartTime is the ExecutionStarted time in ISO 8601 (the "Get execution context data" example)', async () => {
    const def = pass({Parameters: {'startTime.$': '$$.Execution.StartTime', 'execName.$': '$$.Execution.Name'}, ResultPath: '$.executionContext'})
    const r = await run(def, {}, ids)
    const ctx = (r.output as {executionContext: {startTime: string; execName: string}}).executionContext
    expect(ctx.execName).toBe('ctx-run-1')
    expect(ctx.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
    expect(new Date(ctx.startTime).getTime()).toBe(startedAt(r.events))
  })

  it('State.EnteredTime is an ISO 8601 timestamp not before the start', async () => {
    const r = await run(pass({Parameters: {'t.$': '$$.State.EnteredTime'}}), {})
    const t = (r.output as {t: string}).t
    expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
    expect(new Date(t).getTime()).toBeGreaterThanOrEqual(startedAt(r.events))
  })

  it('State.RetryCount counts the retries of the state reading it', async () => {
    // Given a task that fails twice and passes its RetryCount to the function
    const f = lambdaArn('Flaky')
    const lambda = fakeLambda({
      [f]: (_i, attempt) => {
        if (attempt < 2) throw new StatesError('Flaky.Error', 'not yet')
        return 'ok'
      },
    })
    const def = task({Parameters: {'retry.$': '$$.State.RetryCount'}, Retry: [{ErrorEquals: ['Flaky.Error'], IntervalSeconds: 1}]}, f)
    // When it runs
    await run(def, {}, {integrations: lambda})
    // Then each attempt saw its own count
    expect(lambda.calls.map((c) => c.input)).toEqual([{retry: 0}, {retry: 1}, {retry: 2}])
  })

  it('$$.Map.Item.Index and Value reach each iteration through the Map Parameters (the guide example)', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'ExampleMapState',
      States: {
        ExampleMapState: {
          Type: 'Map',
          Parameters: {'ContextIndex.$': '$$.Map.Item.Index', 'ContextValue.$': '$$.Map.Item.Value'},
          Iterator: {StartAt: 'TestPass', States: {TestPass: {Type: 'Pass', End: true}}},
          End: true,
        },
      },
    }
    const r = await run(def, [{who: 'bob'}, {who: 'meg'}, {who: 'joe'}])
    expect(r.output).toEqual([
      {ContextIndex: 0, ContextValue: {who: 'bob'}},
      {ContextIndex: 1, ContextValue: {who: 'meg'}},
      {ContextIndex: 2, ContextValue: {who: 'joe'}},
    ])
  })

  it('$$.Map.Item.Value in ItemSelector builds each iteration input (the spec ship-val example)', async () => {
    // Given the spec's shipment and a ship-val function that echoes its input
    const shipVal = lambdaArn('ship-val')
    const lambda = fakeLambda({[shipVal]: (i) => i})
    const def: StateMachineDefinition = {
      StartAt: 'Validate-All',
      States: {
        'Validate-All': {
          Type: 'Map',
          InputPath: '$.detail',
          ItemsPath: '$.shipped',
          MaxConcurrency: 0,
          ItemSelector: {'parcel.$': '$$.Map.Item.Value', 'courier.$': '$.delivery-partner'},
          ItemProcessor: {StartAt: 'Validate', States: {Validate: {Type: 'Task', Resource: shipVal, End: true}}},
          ResultPath: '$.detail.shipped',
          End: true,
        },
      },
    }
    const shipped = [
      {prod: 'R31', 'dest-code': 9511, quantity: 1344},
      {prod: 'S39', 'dest-code': 9511, quantity: 40},
    ]
    // When it runs
    await run(def, {'ship-date': '2016-03-14T01:59:00Z', detail: {'delivery-partner': 'UQS', shipped}}, {integrations: lambda})
    // Then the first iteration got the parcel and the courier
    const inputs = lambda.calls.map((c) => c.input)
    expect(inputs).toContainEqual({parcel: {prod: 'R31', 'dest-code': 9511, quantity: 1344}, courier: 'UQS'})
    expect(inputs).toHaveLength(2)
  })
})

// ---- Path failures. AWS reports a `.$` path that matches nothing as States.Runtime, with the cause
// "The JSONPath '$.x' specified for the field 'y.$' could not be found in the input '...'", although
// the spec names States.ParameterPathFailure (seen on AWS and Step Functions Local: floci-io/floci
// issue 2521, localstack/localstack issue 12318). Guide "Handling errors in Step Functions
// workflows": States.Runtime is not retriable and States.ALL does not catch it.
describe('guide: Error handling (path failures are States.Runtime)', () => {
  it('a Pass Parameters path that matches nothing fails the execution with States.Runtime', async () => {
    const r = await run(pass({Parameters: {'missing.$': '$.nope.deep'}}), {other: 1})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.Runtime')
    expect(r.cause).toContain('$.nope.deep')
  })

  it('a Task Parameters path that matches nothing fails with States.Runtime before the task runs', async () => {
    const lambda = hello()
    const r = await run(task({Parameters: {'who.$': '$.who'}}), {}, {integrations: lambda})
    expect(r.error).toBe('States.Runtime')
    expect(lambda.calls).toHaveLength(0)
  })

  it('an InputPath that matches nothing fails with States.Runtime', async () => {
    const r = await run(pass({InputPath: '$.absent'}), {a: 1})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.Runtime')
  })

  it('an OutputPath that matches nothing fails with States.Runtime', async () => {
    const r = await run(pass({OutputPath: '$.absent'}), {a: 1})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.Runtime')
  })

  it('a ResultSelector path that matches nothing in the result fails with States.Runtime', async () => {
    const r = await run(task({ResultSelector: {'x.$': '$.absent'}}), {who: 'x'}, {integrations: hello()})
    expect(r.error).toBe('States.Runtime')
  })

  it('a Catch on States.ALL does not catch a States.Runtime path failure', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: HELLO, Parameters: {'who.$': '$.who'}, Catch: [{ErrorEquals: ['States.ALL'], Next: 'Caught'}], End: true},
        Caught: {Type: 'Pass', Result: 'caught', End: true},
      },
    }
    const r = await run(def, {}, {integrations: hello()})
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.Runtime')
  })
})
