import {describe, expect, it} from 'vitest'
import {StatesError} from '../../../../src/asl/states-error.js'
import type {StateMachineDefinition} from '../../../../src/asl/types.js'
import {createVirtualClock, startExecution} from '../../../../src/local/engine/index.js'
import {eventsOf, integrations, START} from '../engine-fixtures.js'

const R = 'arn:aws:states:::lambda:invoke'
const clock = () => createVirtualClock({timeScale: 0, start: START})
const mapOf = (fields: object): StateMachineDefinition => ({
  StartAt: 'M',
  States: {M: {Type: 'Map', ItemProcessor: {StartAt: 'W', States: {W: {Type: 'Task', Resource: R, End: true}}}, End: true, ...fields}},
})

/** Every call takes 10 s; items that are negative fail. */
const work = integrations({
  [R]: (req) => {
    if (typeof req.input === 'number' && req.input < 0) throw new StatesError('Negative', String(req.input))
    return {output: req.input, durationMs: 10_000}
  },
})

describe('Map: concurrency', () => {
  it('runs at most MaxConcurrency iterations at once', async () => {
    const result = await startExecution({definition: mapOf({MaxConcurrency: 2}), input: [1, 2, 3, 4, 5], clock: clock(), integrations: work}).done
    expect(result.output).toEqual([1, 2, 3, 4, 5])
    expect(result.stopDate.getTime() - START).toBe(30_000)
  })

  it('runs up to 40 iterations at once when MaxConcurrency is 0, as AWS does for an inline Map', async () => {
    const items = Array.from({length: 41}, (_, i) => i)
    const result = await startExecution({definition: mapOf({}), input: items, clock: clock(), integrations: work}).done
    expect(result.stopDate.getTime() - START).toBe(20_000)
  })

  it('takes MaxConcurrencyPath from the input', async () => {
    const result = await startExecution({definition: mapOf({MaxConcurrencyPath: '$.n', ItemsPath: '$.items'}), input: {n: 1, items: [1, 2, 3]}, clock: clock(), integrations: work}).done
    expect(result.stopDate.getTime() - START).toBe(30_000)
  })

  it('outputs an empty array for no items', async () => {
    const execution = startExecution({definition: mapOf({}), input: [], clock: clock(), integrations: work})
    expect((await execution.done).output).toEqual([])
    expect(eventsOf(execution.events, 'MapStateStarted')[0]?.mapStateStartedEventDetails).toEqual({length: 0})
  })
})

describe('Map: items and their input', () => {
  it('fails with States.Runtime when ItemsPath does not select an array', async () => {
    const result = await startExecution({definition: mapOf({ItemsPath: '$.items'}), input: {items: 'abc'}, clock: clock(), integrations: work}).done
    expect(result.error).toBe('States.Runtime')
    expect(result.cause).toContain('must reference a JSON array')
  })

  it('shapes each item with the older Iterator and Parameters fields too', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'M',
      States: {M: {Type: 'Map', ItemsPath: '$.xs', Parameters: {'x.$': '$$.Map.Item.Value', 'tag.$': '$.tag'}, Iterator: {StartAt: 'P', States: {P: {Type: 'Pass', End: true}}}, End: true}},
    }
    const result = await startExecution({definition, input: {xs: [1, 2], tag: 't'}}).done
    expect(result.output).toEqual([
      {x: 1, tag: 't'},
      {x: 2, tag: 't'},
    ])
  })

  it('fails with States.QueryEvaluationError and MapStateFailed when JSONata Items is not an array', async () => {
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {M: {Type: 'Map', Items: '{% 1 %}', ItemProcessor: {StartAt: 'P', States: {P: {Type: 'Pass', End: true}}}, End: true}},
    }
    const execution = startExecution({definition, input: {}})
    const result = await execution.done
    expect(result.cause).toContain("returned an unexpected result type. Expected 'array', but was 'number' for value: 1")
    expect(execution.events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'MapStateEntered'],
      [3, 0, 'EvaluationFailed'],
      [4, 3, 'MapStateFailed'],
      [5, 4, 'ExecutionFailed'],
    ])
  })
})

describe('Map: tolerated failures', () => {
  it('succeeds while failures stay within ToleratedFailureCount, with the error output in their place', async () => {
    const result = await startExecution({definition: mapOf({ToleratedFailureCount: 1}), input: [1, -2, 3], clock: clock(), integrations: work}).done
    expect(result).toMatchObject({status: 'SUCCEEDED', output: [1, {Error: 'Negative', Cause: '-2'}, 3]})
  })

  it('fails with States.ExceedToleratedFailureThreshold past ToleratedFailurePercentage', async () => {
    const result = await startExecution({definition: mapOf({ToleratedFailurePercentage: 40}), input: [1, -2, -3, 4], clock: clock(), integrations: work}).done
    expect(result).toMatchObject({status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded'})
  })

  it('fails on the first failure without tolerance, with the iteration error', async () => {
    const result = await startExecution({definition: mapOf({}), input: [1, -2, 3], clock: clock(), integrations: work}).done
    expect(result).toMatchObject({status: 'FAILED', error: 'Negative', cause: '-2'})
  })
})
