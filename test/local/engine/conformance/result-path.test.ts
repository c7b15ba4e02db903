// Conformance: ResultPath on Pass, Task, Parallel, Map and Catch. Expected values come from the
// page named above each group.
import {describe, expect, it} from 'vitest'
import type {JsonValue, StateMachineDefinition} from '../../../../src/asl/types.js'
import {StatesError, fakeLambda, lambdaArn, run} from './run.js'

const HELLO = lambdaArn('HelloFunction')
const hello = () => fakeLambda({[HELLO]: () => 'Hello, AWS Step Functions!'})
const task = (state: object): StateMachineDefinition => ({StartAt: 'T', States: {T: {Type: 'Task', Resource: HELLO, End: true, ...state}}})
const pass = (state: object): StateMachineDefinition => ({StartAt: 'P', States: {P: {Type: 'Pass', End: true, ...state}}})

const guideInput = {comment: 'This is a test of the input and output of a Task state.', details: 'Default example', who: 'AWS Step Functions'}

// ---- Developer guide, "Specifying state output using ResultPath in Step Functions" ---------------
describe('guide: ResultPath', () => {
  it('without ResultPath the result replaces the input', async () => {
    const r = await run(task({}), guideInput, {integrations: hello()})
    expect(r.output).toBe('Hello, AWS Step Functions!')
  })

  it('ResultPath "$" replaces the input with the result', async () => {
    const r = await run(task({ResultPath: '$'}), guideInput, {integrations: hello()})
    expect(r.output).toBe('Hello, AWS Step Functions!')
  })

  it('ResultPath null discards the result and keeps the original input', async () => {
    const r = await run(task({ResultPath: null}), guideInput, {integrations: hello()})
    expect(r.output).toEqual(guideInput)
  })

  it('ResultPath $.taskresult includes the result with the input', async () => {
    const r = await run(task({ResultPath: '$.taskresult'}), guideInput, {integrations: hello()})
    expect(r.output).toEqual({...guideInput, taskresult: 'Hello, AWS Step Functions!'})
  })

  it('ResultPath $.strings.lambdaresult inserts the result as a child of an existing node', async () => {
    const input = {comment: 'An input comment.', strings: {string1: 'foo', string2: 'bar', string3: 'baz'}, who: 'AWS Step Functions'}
    const r = await run(task({ResultPath: '$.strings.lambdaresult'}), input, {integrations: hello()})
    expect(r.output).toEqual({...input, strings: {...input.strings, lambdaresult: 'Hello, AWS Step Functions!'}})
  })

  it('ResultPath $.comment overwrites an existing node', async () => {
    const r = await run(task({ResultPath: '$.comment'}), guideInput, {integrations: hello()})
    expect(r.output).toEqual({...guideInput, comment: 'Hello, AWS Step Functions!'})
  })

  it('a Catch ResultPath $.error includes the error output with the input', async () => {
    // Given a failing task caught with ResultPath $.error
    const boom = fakeLambda({
      [HELLO]: () => {
        throw new StatesError('Error here', 'details')
      },
    })
    const def: StateMachineDefinition = {
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: HELLO, Catch: [{ErrorEquals: ['States.ALL'], Next: 'NextTask', ResultPath: '$.error'}], End: true},
        NextTask: {Type: 'Pass', End: true},
      },
    }
    // When it runs with {"foo": "bar"}
    const r = await run(def, {foo: 'bar'}, {integrations: boom})
    // Then the error sits under "error" beside the original input
    expect(r.output).toEqual({foo: 'bar', error: {Error: 'Error here', Cause: 'details'}})
  })

  it('a Catch without ResultPath makes the error output the whole input of the next state', async () => {
    const boom = fakeLambda({
      [HELLO]: () => {
        throw new StatesError('java.lang.Exception', 'oops')
      },
    })
    const def: StateMachineDefinition = {
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: HELLO, Catch: [{ErrorEquals: ['States.ALL'], Next: 'EndMachine'}], End: true},
        EndMachine: {Type: 'Pass', End: true},
      },
    }
    const r = await run(def, {foo: 'bar'}, {integrations: boom})
    expect(r.output).toEqual({Error: 'java.lang.Exception', Cause: 'oops'})
  })
})

// ---- States Language spec, "Input and Output Processing" (ResultPath) -----------------------------
describe('spec: ResultPath', () => {
  const six = (): JsonValue => 6

  it('$.master.detail overwrites the existing field', async () => {
    const r = await run(task({ResultPath: '$.master.detail'}), {master: {detail: [1, 2, 3]}}, {integrations: fakeLambda({[HELLO]: six})})
    expect(r.output).toEqual({master: {detail: 6}})
  })

  it('$.master.result.sum creates the chain of new fields', async () => {
    const r = await run(task({ResultPath: '$.master.result.sum'}), {master: {detail: [1, 2, 3]}}, {integrations: fakeLambda({[HELLO]: six})})
    expect(r.output).toEqual({master: {detail: [1, 2, 3], result: {sum: 6}}})
  })

  it('ResultPath into a string input fails with States.ResultPathMatchFailure (input "foo", ResultPath $.x)', async () => {
    const r = await run(pass({Result: 'bar', ResultPath: '$.x'}), 'foo')
    expect(r.status).toBe('FAILED')
    expect(r.error).toBe('States.ResultPathMatchFailure')
  })

  it('ResultPath running through a string field fails with States.ResultPathMatchFailure', async () => {
    const r = await run(pass({Result: 1, ResultPath: '$.a.b'}), {a: 'text'})
    expect(r.error).toBe('States.ResultPathMatchFailure')
  })

  it('a Pass Result with ResultPath null passes the input unchanged', async () => {
    const r = await run(pass({Result: {ignored: true}, ResultPath: null}), {keep: 1})
    expect(r.output).toEqual({keep: 1})
  })

  it('ResultPath writes into a copy: the next state still sees the rest of the input', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'A',
      States: {
        A: {Type: 'Pass', Result: 1, ResultPath: '$.a', Next: 'B'},
        B: {Type: 'Pass', Result: 2, ResultPath: '$.b', Next: 'C'},
        C: {Type: 'Pass', Parameters: {'orig.$': '$$.Execution.Input', 'now.$': '$'}, End: true},
      },
    }
    const r = await run(def, {x: 0})
    expect(r.output).toEqual({orig: {x: 0}, now: {x: 0, a: 1, b: 2}})
  })
})

// ---- Developer guide, "Parallel workflow state" and "Map workflow state" (ResultPath on their results)
describe('guide: ResultPath on Parallel and Map results', () => {
  it('a Parallel ResultPath places the branch array into the input', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          ResultPath: '$.results',
          Branches: [
            {StartAt: 'A', States: {A: {Type: 'Pass', Result: 'a', End: true}}},
            {StartAt: 'B', States: {B: {Type: 'Pass', Result: 'b', End: true}}},
          ],
          End: true,
        },
      },
    }
    const r = await run(def, {keep: true})
    expect(r.output).toEqual({keep: true, results: ['a', 'b']})
  })

  it('a Map ResultPath null keeps the input and drops the iteration results', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'M',
      States: {
        M: {Type: 'Map', ItemsPath: '$.items', ResultPath: null, ItemProcessor: {StartAt: 'I', States: {I: {Type: 'Pass', Result: 'x', End: true}}}, End: true},
      },
    }
    const r = await run(def, {items: [1, 2]})
    expect(r.output).toEqual({items: [1, 2]})
  })
})
