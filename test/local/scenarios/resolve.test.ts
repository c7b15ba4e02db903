import {describe, expect, it} from 'vitest'
import {chooseTestCase, listTestCases, parseScenarioFile, resolveScenario, UnknownTestCaseError} from '../../../src/local/scenarios/index.js'

const file = parseScenarioFile(
  {
    StateMachines: {
      'alpha-engine-saturday-pipeline': {
        'ae:defaults': {
          'ae:durations': {MorningEnrich: '28m', Research: '14m'},
          'ae:s3': {Research: [{bucket: 'alpha-engine-research', key: 'archive/agent_runs/{run_date}/cio.json', body: {}}]},
        },
        TestCases: {
          'happy-path': {},
          'research-rate-limited': {Research: 'RateLimited', 'ae:durations': {Research: '9m'}, 'ae:s3': {Research: []}},
        },
      },
    },
    MockedResponses: {RateLimited: {'0': {Throw: {Error: 'RateLimitError', Cause: '429'}}}},
  },
  'scenarios.json',
)

describe('resolving a test case', () => {
  it('layers the state machine defaults under the test case, state by state', () => {
    const resolved = resolveScenario(file, 'alpha-engine-saturday-pipeline', 'research-rate-limited')
    expect(resolved.durations).toEqual({MorningEnrich: 28 * 60_000, Research: 9 * 60_000})
    expect(resolved.s3.Research).toEqual([])
    expect(resolved.mocks.Research?.ranges[0]?.outcome).toEqual({type: 'throw', error: 'RateLimitError', cause: '429'})
  })

  it('gives a test case with nothing of its own exactly the defaults', () => {
    const resolved = resolveScenario(file, 'alpha-engine-saturday-pipeline', 'happy-path')
    expect(resolved).toMatchObject({stateMachineName: 'alpha-engine-saturday-pipeline', testCase: 'happy-path', mocks: {}})
    expect(resolved.s3.Research).toHaveLength(1)
  })

  it('refuses an unknown test case, listing the known ones', () => {
    const attempt = () => resolveScenario(file, 'alpha-engine-saturday-pipeline', 'hapy-path')
    expect(attempt).toThrow(UnknownTestCaseError)
    expect(attempt).toThrow("Test case 'hapy-path' not found for state machine 'alpha-engine-saturday-pipeline'. Known test cases: happy-path, research-rate-limited.")
  })

  it('says when the state machine has no test cases at all', () => {
    expect(() => resolveScenario(file, 'other', 'happy-path')).toThrow("the scenario file defines no test cases for state machine 'other'")
    expect(listTestCases(file, 'other')).toEqual([])
  })
})

describe('choosing the test case for an execution', () => {
  it('takes the ARN suffix over the input field when both are given', () => {
    expect(chooseTestCase('from-arn', {ae_scenario: 'from-input'})).toBe('from-arn')
  })

  it('falls back to the input field ae_scenario', () => {
    expect(chooseTestCase(undefined, {ae_scenario: 'from-input', run_date: '2026-05-16'})).toBe('from-input')
  })

  it('chooses none without either', () => {
    expect(chooseTestCase(undefined, {run_date: '2026-05-16'})).toBeUndefined()
    expect(chooseTestCase('', [1, 2])).toBeUndefined()
    expect(chooseTestCase(undefined, {ae_scenario: 7})).toBeUndefined()
  })
})
