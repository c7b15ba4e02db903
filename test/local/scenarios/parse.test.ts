import {describe, expect, it} from 'vitest'
import {formatDuration, parseDuration} from '../../../src/local/scenarios/duration.js'
import {parseScenarioFile, ScenarioFileError} from '../../../src/local/scenarios/parse.js'

const problemsOf = (raw: unknown): string[] => {
  try {
    parseScenarioFile(raw, 'scenarios.json')
  } catch (e) {
    if (e instanceof ScenarioFileError) return e.problems
    throw e
  }
  return []
}

describe('durations', () => {
  it('reads hours, minutes, seconds, milliseconds and their combinations', () => {
    expect(parseDuration('28m')).toEqual({ok: true, ms: 28 * 60_000})
    expect(parseDuration('45s')).toEqual({ok: true, ms: 45_000})
    expect(parseDuration('2h')).toEqual({ok: true, ms: 7_200_000})
    expect(parseDuration('1h30m')).toEqual({ok: true, ms: 5_400_000})
    expect(parseDuration('750ms')).toEqual({ok: true, ms: 750})
    expect(parseDuration('1.5h')).toEqual({ok: true, ms: 5_400_000})
    expect(parseDuration(1234)).toEqual({ok: true, ms: 1234})
  })

  it('refuses what is not a duration', () => {
    for (const v of ['28', 'm', '28 minutes', '-5s', -1, Number.NaN, null, {}]) expect(parseDuration(v).ok).toBe(false)
  })

  it('formats durations for people', () => {
    expect(formatDuration(91 * 60_000)).toBe('1h 31m')
    expect(formatDuration(45_000)).toBe('45s')
    expect(formatDuration(250)).toBe('250ms')
  })
})

describe('scenario files', () => {
  it('reads a Step Functions Local mock config unchanged', () => {
    // Given the documentation's example file
    const file = parseScenarioFile(
      {
        StateMachines: {
          LambdaSQSIntegration: {
            TestCases: {
              HappyPath: {LambdaState: 'MockedLambdaSuccess', SQSState: 'MockedSQSSuccess'},
              RetryPath: {LambdaState: 'MockedLambdaRetry', SQSState: 'MockedSQSSuccess'},
            },
          },
        },
        MockedResponses: {
          MockedLambdaSuccess: {'0': {Return: {StatusCode: 200, Payload: {StatusCode: 200, body: 'Hello from Lambda!'}}}},
          MockedSQSSuccess: {'0': {Return: {MD5OfMessageBody: '3bcb6e8e', MessageId: '3bcb6e8e-8b51'}}},
          MockedLambdaRetry: {
            '0': {Throw: {Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.'}},
            '1-2': {Throw: {Error: 'Lambda.TimeoutException', Cause: 'Lambda timed out.'}},
            '3': {Return: {StatusCode: 200, Payload: {StatusCode: 200, body: 'Hello from Lambda!'}}},
          },
        },
      },
      'MockConfigFile.json',
    )

    // Then its test cases and responses are all there
    expect(Object.keys(file.stateMachines.LambdaSQSIntegration?.testCases ?? {})).toEqual(['HappyPath', 'RetryPath'])
    expect(file.stateMachines.LambdaSQSIntegration?.testCases.RetryPath?.mocks).toEqual({LambdaState: 'MockedLambdaRetry', SQSState: 'MockedSQSSuccess'})
    expect(file.mockedResponses.MockedLambdaRetry?.ranges.map((r) => [r.from, r.to])).toEqual([[0, 0], [1, 2], [3, 3]])
  })

  it("reads ae's durations, S3 objects, command outcomes and defaults", () => {
    const file = parseScenarioFile(
      {
        StateMachines: {
          sat: {
            'ae:defaults': {'ae:durations': {MorningEnrich: '28m'}},
            TestCases: {
              'research-rate-limited': {
                Research: 'RateLimited',
                'ae:durations': {Research: '14m', Parity: 90_000},
                'ae:s3': {Research: [{bucket: 'alpha-engine-research', key: 'archive/sector_team_runs/{run_date}/technology.json', body: {team_id: 'technology'}, when: 'before-failure'}]},
                'ae:commands': {PredictorTraining: {status: 'Failed', stderr: 'boom', responseCode: 2}},
              },
            },
          },
        },
        MockedResponses: {RateLimited: {'0': {Throw: {Error: 'RateLimitError', Cause: '429'}}}},
      },
      'x.json',
    )
    const machine = file.stateMachines.sat!
    expect(machine.defaults.durations).toEqual({MorningEnrich: 28 * 60_000})
    const testCase = machine.testCases['research-rate-limited']!
    expect(testCase.mocks).toEqual({Research: 'RateLimited'})
    expect(testCase.durations).toEqual({Research: 14 * 60_000, Parity: 90_000})
    expect(testCase.s3.Research?.[0]).toMatchObject({bucket: 'alpha-engine-research', when: 'before-failure', body: {team_id: 'technology'}})
    expect(testCase.commands.PredictorTraining).toEqual({status: 'Failed', stderr: 'boom', responseCode: 2})
  })

  it('defaults an S3 object to being written on success', () => {
    const file = parseScenarioFile({StateMachines: {sm: {TestCases: {t: {'ae:s3': {A: [{bucket: 'b-b-b', key: 'k'}]}}}}}, MockedResponses: {}}, 'x.json')
    expect(file.stateMachines.sm?.testCases.t?.s3.A).toEqual([{bucket: 'b-b-b', key: 'k', body: '', when: 'success'}])
  })

  it('reports every problem at once, each with its path', () => {
    const problems = problemsOf({
      StateMachines: {
        sm: {
          TestCases: {
            t: {
              A: 'Missing',
              'ae:durations': {B: 'soon'},
              'ae:s3': {C: [{bucket: 'b', when: 'later'}]},
              'ae:commands': {D: {status: 'Exploded'}},
              'ae:retries': {},
            },
          },
        },
      },
      MockedResponses: {Broken: {'0': {Throw: {Error: 'E'}}}},
    })
    expect(problems).toEqual(
      expect.arrayContaining([
        'MockedResponses.Broken.0.Throw: a Throw needs string fields Error and Cause',
        'StateMachines.sm.TestCases.t.A: mocked response "Missing" is not defined in MockedResponses',
        expect.stringContaining('StateMachines.sm.TestCases.t.ae:durations.B: "soon" is not a duration'),
        'StateMachines.sm.TestCases.t.ae:s3.C[0].key: must be a non-empty string',
        'StateMachines.sm.TestCases.t.ae:s3.C[0].bucket: Bucket names must be between 3 and 63 characters long.',
        expect.stringContaining('StateMachines.sm.TestCases.t.ae:s3.C[0].when: must be one of'),
        expect.stringContaining('StateMachines.sm.TestCases.t.ae:commands.D: needs "status"'),
        expect.stringContaining('StateMachines.sm.TestCases.t.ae:retries: unknown ae: field'),
      ]),
    )
    expect(problems).toHaveLength(8)
  })

  it('is a usage error naming the file', () => {
    expect(() => parseScenarioFile({StateMachines: 3}, 'bad.json')).toThrow(/bad\.json is not a valid scenario file/)
    expect(() => parseScenarioFile([], 'bad.json')).toThrow(ScenarioFileError)
  })
})
