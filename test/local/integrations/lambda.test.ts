import {describe, expect, it} from 'vitest'
import type {JsonObject} from '../../../src/asl/types.js'
import {EVAL_JUDGE_POLLS_BEFORE_DONE} from '../../../src/local/integrations/lambda-defaults.js'
import type {MockedResponse} from '../../../src/local/scenarios/types.js'
import {failureOf, harness, LAMBDA_INVOKE, scenario} from './task-harness.js'

const EVAL_JUDGE = 'arn:aws:lambda:us-east-1:000000000000:function:alpha-engine-eval-judge'
const RESEARCH = 'arn:aws:lambda:us-east-1:000000000000:function:alpha-engine-research:live'
const PREDICTOR = 'arn:aws:lambda:us-east-1:000000000000:function:alpha-engine-predictor:live'

const payloadOf = (output: unknown) => (output as JsonObject).Payload

describe('lambda:invoke (optimized integration)', () => {
  it('wraps the payload as AWS does: ExecutedVersion, Payload, StatusCode and the Sdk metadata', async () => {
    const h = harness()
    const {output} = await h.call(LAMBDA_INVOKE, {FunctionName: RESEARCH, Payload: {run_date: '2026-05-16'}}, {stateName: 'Research'})
    const o = output as JsonObject
    expect(o).toMatchObject({ExecutedVersion: '$LATEST', StatusCode: 200, Payload: {status: 'OK', run_date: '2026-05-16'}})
    expect(o.SdkHttpMetadata).toMatchObject({HttpStatusCode: 200, HttpHeaders: {'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST'}})
    expect((o.SdkHttpMetadata as JsonObject).AllHttpHeaders).toMatchObject({'Content-Type': ['application/json']})
    expect((o.SdkResponseMetadata as JsonObject).RequestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers the coverage check with no gap by default, so the weekday pipeline goes on', async () => {
    const h = harness()
    const {output} = await h.call(LAMBDA_INVOKE, {FunctionName: PREDICTOR, Payload: {action: 'check_coverage', run_date: '2026-05-18'}}, {stateName: 'CheckPredictorCoverage'})
    expect(payloadOf(output)).toMatchObject({has_gap: false, missing_tickers: []})
  })

  it('computes the eval cadence from the run date: the first Saturday of a month is monthly', async () => {
    const h = harness()
    const cadence = async (runDate: string) =>
      payloadOf((await h.call(LAMBDA_INVOKE, {FunctionName: EVAL_JUDGE, Payload: {action: 'compute_cadence', run_date: runDate}}, {stateName: 'ComputeEvalCadence'})).output)
    expect(await cadence('2026-05-02')).toMatchObject({is_first_saturday: true, cadence: 'monthly'})
    expect(await cadence('2026-05-16')).toMatchObject({is_first_saturday: false, cadence: 'weekly'})
  })

  it('reports the judge batch done only after a few polls, counted per execution', async () => {
    const h = harness()
    const pollOnce = async (executionArn?: string) =>
      payloadOf((await h.call(LAMBDA_INVOKE, {FunctionName: EVAL_JUDGE, Payload: {action: 'poll', submission: {batch_id: 'b1'}}}, {stateName: 'EvalJudgePoll', ...(executionArn ? {executionArn} : {})})).output) as JsonObject
    const answers: boolean[] = []
    for (let i = 0; i <= EVAL_JUDGE_POLLS_BEFORE_DONE; i++) answers.push((await pollOnce()).done as boolean)
    expect(answers).toEqual([...Array(EVAL_JUDGE_POLLS_BEFORE_DONE).fill(false), true])
    // Another execution starts counting from 0.
    expect((await pollOnce('arn:aws:states:us-east-1:000000000000:execution:sm:other')).done).toBe(false)
  })

  it('takes one and a half virtual seconds by default and the scenario duration when it gives one', async () => {
    const h = harness({scenario: scenario({durations: {Research: 14 * 60_000}})})
    await h.call(LAMBDA_INVOKE, {FunctionName: RESEARCH, Payload: {}}, {stateName: 'RegimeSubstrate'})
    expect(h.elapsed()).toBe(1500)
    await h.call(LAMBDA_INVOKE, {FunctionName: RESEARCH, Payload: {}}, {stateName: 'Research'})
    expect(h.elapsed()).toBe(1500 + 14 * 60_000)
  })

  it('names the version a numeric qualifier runs', async () => {
    const h = harness()
    const {output} = await h.call(LAMBDA_INVOKE, {FunctionName: 'alpha-engine-research:7', Payload: {}}, {stateName: 'Research'})
    expect((output as JsonObject).ExecutedVersion).toBe('7')
  })

  it('fills in the envelope a mocked Return leaves out, keeping what it gives', async () => {
    const response: MockedResponse = {name: 'Gap', ranges: [{from: 0, to: 0, outcome: {type: 'return', value: {Payload: {has_gap: true, missing_tickers: ['AXP']}}}}]}
    const h = harness({scenario: scenario({mocks: {CheckPredictorCoverage: response}})})
    const {output} = await h.call(LAMBDA_INVOKE, {FunctionName: PREDICTOR, Payload: {action: 'check_coverage'}}, {stateName: 'CheckPredictorCoverage'})
    expect(output).toMatchObject({StatusCode: 200, ExecutedVersion: '$LATEST', Payload: {has_gap: true, missing_tickers: ['AXP']}})
    expect((output as JsonObject).SdkHttpMetadata).toBeDefined()
  })

  it('counts every attempt as an invocation: a Throw then a Return lets a Retry succeed', async () => {
    // Given Research throttled once, then answering
    const response: MockedResponse = {
      name: 'Throttled',
      ranges: [
        {from: 0, to: 0, outcome: {type: 'throw', error: 'Lambda.TooManyRequestsException', cause: 'Rate Exceeded.'}},
        {from: 1, to: 1, outcome: {type: 'return', value: {StatusCode: 200, Payload: {status: 'OK'}}}},
      ],
    }
    const h = harness({scenario: scenario({mocks: {Research: response}})})

    // When the first attempt and the retry run
    const first = await failureOf(h.call(LAMBDA_INVOKE, {FunctionName: RESEARCH, Payload: {}}, {stateName: 'Research', attempt: 0}))
    const second = await h.call(LAMBDA_INVOKE, {FunctionName: RESEARCH, Payload: {}}, {stateName: 'Research', attempt: 1})

    // Then the first fails with the mocked error and the second returns
    expect(first).toEqual({error: 'Lambda.TooManyRequestsException', cause: 'Rate Exceeded.'})
    expect(payloadOf(second.output)).toEqual({status: 'OK'})
  })

  it('writes before-failure objects and then fails: "Research writes four of six keys, then a 429"', async () => {
    const teams = ['technology', 'healthcare', 'industrials', 'consumer']
    const h = harness({
      scenario: scenario({
        mocks: {Research: {name: 'RateLimited', ranges: [{from: 0, to: 0, outcome: {type: 'throw', error: 'RateLimitError', cause: '429 org rate limit'}}]}},
        durations: {Research: 14 * 60_000},
        s3: {
          Research: [
            ...teams.map((t) => ({bucket: 'alpha-engine-research', key: `archive/sector_team_runs/{run_date}/${t}.json`, body: {team_id: t, run_date: '{run_date}'}, when: 'before-failure' as const})),
            {bucket: 'alpha-engine-research', key: 'archive/agent_runs/{run_date}/cio.json', body: {}, when: 'success' as const},
          ],
        },
      }),
    })

    const failure = await failureOf(h.call(LAMBDA_INVOKE, {FunctionName: RESEARCH, Payload: {run_date: '2026-05-09'}}, {stateName: 'Research'}))

    expect(failure.error).toBe('RateLimitError')
    expect(h.elapsed()).toBe(14 * 60_000)
    const keys = h.s3Store.list('alpha-engine-research').objects.map((o) => o.key)
    expect(keys).toEqual(teams.map((t) => `archive/sector_team_runs/2026-05-09/${t}.json`).sort())
    const body = JSON.parse(h.s3Store.getObject('alpha-engine-research', keys[0] as string)?.body.toString('utf8') ?? '')
    expect(body.run_date).toBe('2026-05-09')
  })

  it('takes the run date from the execution input, then from the execution start, when the payload has none', async () => {
    const effect = {bucket: 'alpha-engine-research', key: 'marks/{run_date}.txt', body: 'x', when: 'success' as const}
    const h = harness({scenario: scenario({s3: {A: [effect], B: [effect]}})})
    await h.call(LAMBDA_INVOKE, {FunctionName: RESEARCH, Payload: {}}, {stateName: 'A', executionInput: {run_date: '2026-04-25'}})
    await h.call(LAMBDA_INVOKE, {FunctionName: RESEARCH, Payload: {}}, {stateName: 'B'})
    expect(h.s3Store.list('alpha-engine-research').objects.map((o) => o.key)).toEqual(['marks/2026-04-25.txt', 'marks/2026-05-16.txt'])
  })
})

describe('lambda function ARN as Resource (legacy form)', () => {
  it('returns the payload itself as the task output', async () => {
    const h = harness()
    const {output} = await h.call('arn:aws:lambda:us-east-1:000000000000:function:alpha-engine-predictor', {action: 'check_coverage'}, {stateName: 'Check'})
    expect(output).toMatchObject({has_gap: false, missing_tickers: []})
  })

  it('returns a mocked Return as is', async () => {
    const h = harness({scenario: scenario({mocks: {Check: {name: 'R', ranges: [{from: 0, to: 0, outcome: {type: 'return', value: {has_gap: true}}}]}}})})
    const {output} = await h.call('arn:aws:lambda:us-east-1:000000000000:function:alpha-engine-predictor', {}, {stateName: 'Check'})
    expect(output).toEqual({has_gap: true})
  })
})
