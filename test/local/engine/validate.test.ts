import {describe, expect, it} from 'vitest'
import type {StateMachineDefinition} from '../../../src/asl/types.js'
import {startExecution, validateDefinition, type Diagnostic} from '../../../src/local/engine/index.js'

const errors = (def: unknown): Diagnostic[] => validateDefinition(def).filter((d) => d.severity === 'ERROR')
const codesAt = (def: unknown): string[] => errors(def).map((d) => `${d.code} ${d.location}`)
const messages = (def: unknown): string => errors(def).map((d) => d.message).join(' | ')

const pass = (next?: string) => (next === undefined ? {Type: 'Pass', End: true} : {Type: 'Pass', Next: next})

describe('validateDefinition: the state machine', () => {
  it('accepts a well-formed definition without diagnostics', () => {
    const def: StateMachineDefinition = {
      Comment: 'ok',
      TimeoutSeconds: 60,
      StartAt: 'A',
      States: {
        A: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: {'x.$': '$.x', 'n.$': 'States.ArrayLength($.items)'}, Retry: [{ErrorEquals: ['States.ALL'], MaxAttempts: 0}], Next: 'B'},
        B: {Type: 'Choice', Choices: [{Variable: '$.x', IsPresent: true, Next: 'C'}], Default: 'D'},
        C: {Type: 'Map', ItemsPath: '$.items', ItemProcessor: {StartAt: 'I', States: {I: {Type: 'Pass', End: true}}}, Next: 'D'},
        D: {Type: 'Parallel', Branches: [{StartAt: 'P1', States: {P1: {Type: 'Wait', Seconds: 1, End: true}}}], Catch: [{ErrorEquals: ['States.ALL'], Next: 'F'}], Next: 'E'},
        E: {Type: 'Succeed'},
        F: {Type: 'Fail', Error: 'X', Cause: 'y'},
      },
    }
    expect(validateDefinition(def)).toEqual([])
  })

  it('reports missing StartAt and States as AWS words it', () => {
    expect(validateDefinition({})).toEqual([{code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [States, StartAt]', location: '/', severity: 'ERROR'}])
    expect(messages({States: {A: pass()}})).toBe('These fields are required: [StartAt]')
  })

  it('reports a definition that is not an object', () => {
    for (const def of [null, 'x', 3, []]) expect(messages(def)).toBe('Definition must be a valid JSON object')
  })

  it('reports a StartAt that names no state', () => {
    expect(codesAt({StartAt: 'Nope', States: {A: pass()}})).toContain('MISSING_TRANSITION_TARGET /StartAt')
  })

  it('reports Next targets that do not exist in the same scope, including one that points out of a branch', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {Type: 'Parallel', Branches: [{StartAt: 'In', States: {In: {Type: 'Pass', Next: 'Out'}}}], Next: 'Out'},
        Out: {Type: 'Pass', Next: 'Ghost'},
      },
    }
    expect(codesAt(def)).toEqual(['MISSING_TRANSITION_TARGET /States/P/Branches[0]/States/In', 'MISSING_TRANSITION_TARGET /States/Out'])
  })

  it('reports unreachable states and duplicate names across scopes', () => {
    const def = {
      StartAt: 'A',
      States: {
        A: {Type: 'Parallel', Branches: [{StartAt: 'B', States: {B: pass()}}], End: true},
        B: pass(),
      },
    }
    expect(codesAt(def)).toEqual(['DUPLICATE_STATE_NAME /States/B', 'UNREACHABLE_STATE /States/B'])
  })
})

describe('validateDefinition: states', () => {
  it('reports an unknown Type', () => {
    expect(codesAt({StartAt: 'A', States: {A: {Type: 'Lambda'}}})).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/Type'])
  })

  it('requires exactly one of Next and End on Pass, Task, Wait, Parallel and Map, and neither on the others', () => {
    expect(messages({StartAt: 'A', States: {A: {Type: 'Pass'}}})).toContain("either 'Next' or 'End'")
    expect(messages({StartAt: 'A', States: {A: {Type: 'Pass', Next: 'B', End: true}, B: pass()}})).toContain("both 'Next' and 'End'")
    expect(messages({StartAt: 'A', States: {A: {Type: 'Succeed', End: true}}})).toContain("can not have 'Next' or 'End'")
  })

  it('requires Choices on a Choice state and checks its rules with the shared Choice evaluator', () => {
    expect(messages({StartAt: 'C', States: {C: {Type: 'Choice', Default: 'A'}, A: pass()}})).toContain('non-empty Choices')
    const twoOperators = {StartAt: 'C', States: {C: {Type: 'Choice', Choices: [{Variable: '$.a', StringEquals: 'x', IsPresent: true, Next: 'A'}]}, A: pass()}}
    expect(messages(twoOperators)).toContain('more than one operator')
  })

  it('requires Branches on Parallel and a processor on Map', () => {
    expect(messages({StartAt: 'P', States: {P: {Type: 'Parallel', Branches: [], End: true}}})).toContain('non-empty Branches')
    expect(messages({StartAt: 'M', States: {M: {Type: 'Map', End: true}}})).toContain('ItemProcessor and Iterator')
  })

  it('checks Retry and Catch shapes, with States.ALL alone and last', () => {
    const task = (extra: object) => ({StartAt: 'T', States: {T: {Type: 'Task', Resource: 'arn:x', End: true, ...extra}, H: pass()}})
    expect(messages(task({Retry: [{ErrorEquals: ['States.ALL']}, {ErrorEquals: ['X']}]}))).toContain('States.ALL must appear alone')
    expect(messages(task({Catch: [{ErrorEquals: ['States.ALL', 'X'], Next: 'H'}]}))).toContain('States.ALL must appear alone')
    expect(messages(task({Retry: [{ErrorEquals: [], MaxAttempts: -1, BackoffRate: 0.5, JitterStrategy: 'SOME'}]}))).toMatch(/ErrorEquals.*MaxAttempts.*BackoffRate.*JitterStrategy/)
    expect(messages(task({Catch: [{ErrorEquals: ['X']}]}))).toContain('needs a Next')
  })

  it('allows only one of Seconds, Timestamp, SecondsPath and TimestampPath on a Wait', () => {
    expect(messages({StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 1, Timestamp: '2026-01-01T00:00:00Z', End: true}}})).toContain('exactly one of')
    expect(messages({StartAt: 'W', States: {W: {Type: 'Wait', Timestamp: 'tomorrow', End: true}}})).toContain('RFC 3339')
  })

  it('allows only one of Error/ErrorPath and Cause/CausePath on a Fail', () => {
    expect(messages({StartAt: 'F', States: {F: {Type: 'Fail', Error: 'a', ErrorPath: '$.e'}}})).toContain('both Error and ErrorPath')
  })

  it('reports paths and intrinsics that do not parse', () => {
    const def = {StartAt: 'A', States: {A: {Type: 'Pass', InputPath: 'x', Parameters: {'a.$': '$.[', 'b.$': 'States.Nope(1)', 'c.$': 3}, End: true}}}
    expect(codesAt(def)).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/InputPath', 'SCHEMA_VALIDATION_FAILED /States/A/Parameters/a.$', 'SCHEMA_VALIDATION_FAILED /States/A/Parameters/b.$', 'SCHEMA_VALIDATION_FAILED /States/A/Parameters/c.$'])
  })
})

describe('validateDefinition: query languages', () => {
  it('rejects JSONata fields in JSONPath states and JSONPath fields in JSONata states', () => {
    expect(codesAt({StartAt: 'A', States: {A: {Type: 'Pass', Output: {a: 1}, End: true}}})).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/Output'])
    expect(codesAt({QueryLanguage: 'JSONata', StartAt: 'A', States: {A: {Type: 'Pass', InputPath: '$.a', End: true}}})).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/InputPath'])
    expect(codesAt({StartAt: 'A', States: {A: {Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input %}', End: true}}})).toEqual([])
  })

  it('rejects a JSONPath state in a JSONata state machine, as AWS does', () => {
    expect(messages({QueryLanguage: 'JSONata', StartAt: 'A', States: {A: {Type: 'Pass', QueryLanguage: 'JSONPath', End: true}}})).toBe(
      "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
    )
  })

  it('reports JSONata expressions that do not parse, wherever they are', () => {
    const def = {QueryLanguage: 'JSONata', StartAt: 'A', States: {A: {Type: 'Pass', Output: {deep: ['{% $states.input. %}']}, End: true}}}
    expect(codesAt(def)).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/Output/deep[0]'])
  })

  it('checks variable names in Assign', () => {
    expect(messages({StartAt: 'A', States: {A: {Type: 'Pass', Assign: {'1bad': 1, states: 2}, End: true}}})).toMatch(/'1bad' is not a valid variable name.*'states' is not a valid variable name/)
  })

  it('gives nested states the definition language, not their parent state language', () => {
    const def = {
      StartAt: 'P',
      States: {P: {Type: 'Parallel', QueryLanguage: 'JSONata', Branches: [{StartAt: 'In', States: {In: {Type: 'Pass', InputPath: '$.a', End: true}}}], End: true}},
    }
    expect(errors(def)).toEqual([])
  })
})

describe('validateDefinition: what runs differently locally', () => {
  it('warns that a DISTRIBUTED Map runs inline, and runs it', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'M',
      States: {M: {Type: 'Map', ItemProcessor: {ProcessorConfig: {Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD'}, StartAt: 'I', States: {I: {Type: 'Pass', End: true}}}, End: true}},
    }
    expect(validateDefinition(def)).toEqual([
      {code: 'DISTRIBUTED_MAP_RUNS_INLINE', message: expect.stringContaining('runs inline'), location: '/States/M/ItemProcessor/ProcessorConfig', severity: 'WARNING'},
    ])
    const result = await startExecution({definition: def, input: [1, 2]}).done
    expect(result).toMatchObject({status: 'SUCCEEDED', output: [1, 2]})
  })

  it('fails an execution of an invalid definition with States.Runtime naming the problems', async () => {
    const result = await startExecution({definition: {StartAt: 'Nope', States: {A: pass()}} as StateMachineDefinition, input: {}}).done
    expect(result.error).toBe('States.Runtime')
    expect(result.cause).toBe("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'StartAt' target: Nope at /StartAt', 'UNREACHABLE_STATE: State \"A\" is not reachable. at /States/A'")
  })
})
