// Every shipped scenario of both pipelines, run end to end on the engine with the local
// integrations: how each execution ends, which workloads ran, what reached S3 and SNS.
import {describe, expect, it} from 'vitest'
import {listTestCases, loadShippedScenarios} from '../../../src/local/scenarios/index.js'
import {keysIn, RUN_START, runScenario, type Run} from './pipelines.js'

const BUCKET = 'alpha-engine-research'
const RUN_DATE = '2026-05-16'
const TEAMS = ['technology', 'healthcare', 'financials', 'industrials', 'consumer', 'defensives']
const teamKey = (team: string) => `archive/sector_team_runs/${RUN_DATE}/${team}.json`
const AGENT_KEYS = ['cio', 'macro'].map((a) => `archive/agent_runs/${RUN_DATE}/${a}.json`)
const MANIFEST = `predictor/weights/${RUN_DATE}/manifest.json`
const ALL_RESEARCH = [...TEAMS.map(teamKey), ...AGENT_KEYS]
const FOUR_TEAMS = ['technology', 'healthcare', 'industrials', 'consumer'].map(teamKey)

interface Expectation {
  status: 'SUCCEEDED' | 'FAILED'
  /** States that must have been entered. */
  ran?: string[]
  /** States that must not have been entered. */
  notRan?: string[]
  /** The exact keys in alpha-engine-research afterwards. */
  keys?: string[]
  /** Text the execution's cause (and so the failure alert) must carry. */
  cause?: string[]
}

const SATURDAY: Record<string, Expectation> = {
  'happy-path': {status: 'SUCCEEDED', ran: ['MorningEnrich', 'Research', 'PredictorTraining', 'Backtester', 'Parity', 'Evaluator', 'NotifyComplete'], notRan: ['HandleFailure'], keys: [...ALL_RESEARCH, MANIFEST]},
  'research-rate-limited': {
    status: 'FAILED',
    ran: ['Research', 'ExtractResearchError', 'BranchAFailed', 'PredictorTraining', 'BranchBComplete', 'ExtractParallelBranchError', 'HandleFailure'],
    notRan: ['DataPhase2', 'DriftDetection', 'Backtester'],
    keys: [...FOUR_TEAMS, MANIFEST],
    cause: ['ParallelBranchFailed', 'RateLimitError', '429', 'rate limit'],
  },
  'stub-poisoned': {status: 'FAILED', ran: ['BranchAFailed', 'BranchBComplete'], keys: [...FOUR_TEAMS, MANIFEST], cause: ['RateLimitError']},
  'research-fails': {status: 'FAILED', ran: ['CheckResearchStatus', 'ExtractResearchError', 'BranchBComplete'], notRan: ['DataPhase2'], keys: [...TEAMS.slice(0, 5).map(teamKey), MANIFEST], cause: ['ERROR', 'defensives']},
  'research-throttled-recovers': {status: 'SUCCEEDED', ran: ['Research', 'NotifyComplete'], keys: [...ALL_RESEARCH, MANIFEST]},
  'predictor-fails': {status: 'FAILED', ran: ['Research', 'BranchAComplete', 'ExtractPredictorTrainingError', 'BranchBFailed'], notRan: ['Backtester'], keys: ALL_RESEARCH, cause: ['PredictorTrainingFailed', 'no validation rows']},
  'predictor-training-fails': {status: 'FAILED', ran: ['BranchAComplete', 'BranchBFailed'], keys: ALL_RESEARCH, cause: ['interruption notice']},
  'morning-enrich-fails': {status: 'FAILED', ran: ['ExtractMorningEnrichError'], notRan: ['DataPhase1'], keys: [], cause: ['MorningEnrichFailed', 'polygon.io']},
  'data-phase1-fails': {status: 'FAILED', ran: ['MorningEnrich', 'CheckSkipDataPhase1', 'ExtractDataPhase1Error'], notRan: ['RAGIngestion'], keys: [], cause: ['DataPhase1Failed', 'ArcticDB']},
  'rag-ingestion-fails': {status: 'FAILED', ran: ['ExtractRAGIngestionError'], notRan: ['RegimeSubstrate'], keys: [], cause: ['Cancelled', 'maintenance window']},
  'regime-substrate-fails': {status: 'FAILED', notRan: ['ResearchPredictorParallel'], keys: [], cause: ['ArcticDBReadError']},
  'data-phase2-fails': {status: 'FAILED', ran: ['ExtractDataPhase2Error', 'BranchAFailed', 'BranchBComplete'], notRan: ['ComputeEvalCadence', 'Backtester'], keys: [...ALL_RESEARCH, MANIFEST], cause: [`signals/${RUN_DATE}/signals.json`]},
  'backtester-fails': {status: 'FAILED', ran: ['ExtractBacktesterError'], notRan: ['Parity'], cause: ['TimedOut', 'ExecutionTimedOut']},
  'parity-fails': {status: 'FAILED', ran: ['CheckSkipParity', 'ExtractParityError'], notRan: ['Evaluator'], cause: ['ParityFailed', 'parity 0.83']},
  'evaluator-fails': {status: 'FAILED', ran: ['Parity', 'ExtractEvaluatorError'], notRan: ['SaturdayHealthCheck'], cause: ['EvaluatorFailed', `backtest/${RUN_DATE}/simulation.parquet`]},
  'saturday-health-check-fails': {status: 'FAILED', notRan: ['WeeklySubstrateHealthCheck'], cause: ['HealthCheckFailed']},
  'weekly-substrate-health-check-fails': {status: 'FAILED', ran: ['ExtractWeeklySubstrateHealthCheckError'], notRan: ['NotifyComplete'], cause: ['stale']},
  'eval-judge-degraded': {status: 'SUCCEEDED', ran: ['EvalJudgePoll', 'RationaleClustering', 'BranchAComplete', 'NotifyComplete'], notRan: ['EvalJudgeProcess', 'EvalRollingMean', 'HandleFailure']},
  'regime-retrospective-eval-degraded': {status: 'SUCCEEDED', ran: ['RegimeRetrospectiveEval', 'Research'], notRan: ['HandleFailure']},
  'rationale-clustering-degraded': {status: 'SUCCEEDED', ran: ['RationaleClustering', 'ReplayConcordance'], notRan: ['HandleFailure']},
  'replay-concordance-degraded': {status: 'SUCCEEDED', ran: ['ReplayConcordance', 'Counterfactual'], notRan: ['HandleFailure']},
  'counterfactual-degraded': {status: 'SUCCEEDED', ran: ['Counterfactual', 'BranchAComplete'], notRan: ['HandleFailure']},
  'drift-detection-degraded': {status: 'SUCCEEDED', ran: ['DriftDetection', 'Backtester'], notRan: ['HandleFailure']},
}

const WEEKDAY: Record<string, Expectation> = {
  'happy-path': {status: 'SUCCEEDED', ran: ['MorningEnrich', 'PredictorInference', 'CheckPredictorCoverage', 'PredictorHealthCheck', 'ExecutorSubmitOrders', 'NotifyComplete'], notRan: ['ReinvokePredictor', 'HandleFailure']},
  'coverage-gap-healed': {status: 'SUCCEEDED', ran: ['ReinvokePredictor', 'RecheckCoverage', 'ExecutorSubmitOrders'], notRan: ['ExtractCoverageGapError']},
  'coverage-gap-persists': {status: 'FAILED', ran: ['ReinvokePredictor', 'RecheckCoverage', 'ExtractCoverageGapError', 'HandleFailure'], notRan: ['PredictorHealthCheck', 'ExecutorPlanOrders'], cause: ['CoverageGap', 'ISRG']},
  'morning-enrich-fails': {status: 'FAILED', ran: ['ExtractMorningEnrichError'], notRan: ['PredictorInference'], cause: ['MorningEnrichFailed']},
  'predictor-inference-fails': {status: 'FAILED', notRan: ['CheckPredictorCoverage'], cause: ['ModelLoadError']},
  'check-predictor-coverage-fails': {status: 'FAILED', notRan: ['CoverageGapChoice'], cause: ['NoSuchKey']},
  'reinvoke-predictor-fails': {status: 'FAILED', ran: ['ReinvokePredictor'], notRan: ['RecheckCoverage'], cause: ['no features']},
  'recheck-coverage-fails': {status: 'FAILED', ran: ['RecheckCoverage'], notRan: ['FinalCoverageGate'], cause: ['predictions file disappeared']},
  'predictor-health-check-fails': {status: 'FAILED', notRan: ['ExecutorPlanOrders'], cause: ['StaleModelError']},
  'executor-plan-orders-fails': {status: 'FAILED', notRan: ['ExecutorSubmitOrders'], cause: ['BrokerUnavailable']},
  'executor-submit-orders-fails': {status: 'FAILED', notRan: ['NotifyComplete'], cause: ['OrderRejected']},
}

function check(run: Run, expected: Expectation, subject: string): void {
  const {result, entered, records} = run
  expect(result.status).toBe(expected.status)
  for (const state of expected.ran ?? []) expect(entered, `entered ${state}`).toContain(state)
  for (const state of expected.notRan ?? []) expect(entered, `did not enter ${state}`).not.toContain(state)
  if (expected.keys !== undefined) expect(keysIn(run.s3Store, BUCKET)).toEqual([...expected.keys].sort())
  // Exactly one alert: the success message, or the failure alert carrying the error.
  expect(records.sns).toHaveLength(1)
  const alert = records.sns[0]
  expect(alert?.topicArn).toBe('arn:aws:sns:us-east-1:000000000000:alpha-engine-alerts')
  if (expected.status === 'SUCCEEDED') {
    expect(alert?.subject).toBe(`${subject} SUCCEEDED`)
  } else {
    expect(alert?.subject).toBe(`${subject} FAILED`)
    expect(result.error).toBe('PipelineFailed')
    for (const text of expected.cause ?? []) {
      expect(result.cause, `cause mentions ${text}`).toContain(text)
      expect(alert?.message).toContain(text)
    }
  }
}

describe('shipped Saturday scenarios on the engine', () => {
  it('covers every Saturday test case in the shipped file', () => {
    expect(Object.keys(SATURDAY).sort()).toEqual(listTestCases(loadShippedScenarios(), 'alpha-engine-saturday-pipeline'))
  })

  for (const [testCase, expected] of Object.entries(SATURDAY)) {
    it(`${testCase}: ends ${expected.status}`, async () => {
      check(await runScenario('saturday', testCase), expected, 'alpha-engine Saturday pipeline')
    })
  }

  it('happy-path: the history reads like a real Saturday, hours long in virtual time', async () => {
    const run = await runScenario('saturday', 'happy-path')
    const at = (type: string) => new Date(run.events.find((e) => e.type === type)?.timestamp ?? Number.NaN).getTime()
    const hours = (at('ExecutionSucceeded') - at('ExecutionStarted')) / 3_600_000
    expect(at('ExecutionStarted')).toBe(RUN_START)
    expect(hours).toBeGreaterThan(5)
    expect(hours).toBeLessThan(7)
    // The MorningEnrich poll loop ran about once a minute for its 28 minutes.
    const polls = run.entered.filter((s) => s === 'WaitForMorningEnrich').length
    expect(polls).toBeGreaterThanOrEqual(28)
    expect(polls).toBeLessThanOrEqual(31)
  })

  it('stub-poisoned: two persisted sector-team keys carry the dry-run quarantine marker', async () => {
    const run = await runScenario('saturday', 'stub-poisoned')
    const poisoned = FOUR_TEAMS.filter((key) => run.s3Store.getObject(BUCKET, key)?.body.toString('utf8').includes('[DRY-RUN'))
    expect(poisoned).toHaveLength(2)
  })

  it('research-throttled-recovers: the throttled first invoke is retried', async () => {
    const run = await runScenario('saturday', 'research-throttled-recovers')
    const throttled = run.events.filter((e) => e.type === 'TaskFailed' && e.taskFailedEventDetails?.error === 'Lambda.TooManyRequestsException')
    expect(throttled).toHaveLength(1)
  })

  it('research-rate-limited: the predictor weights were promoted before the run failed', async () => {
    const run = await runScenario('saturday', 'research-rate-limited')
    const manifest = run.s3Store.headObject(BUCKET, MANIFEST)
    const failedAt = new Date(run.events.find((e) => e.type === 'ExecutionFailed')?.timestamp ?? 0).getTime()
    expect(manifest?.lastModified.getTime()).toBeLessThanOrEqual(failedAt)
  })
})

describe('shipped weekday scenarios on the engine', () => {
  it('covers every weekday test case in the shipped file', () => {
    expect(Object.keys(WEEKDAY).sort()).toEqual(listTestCases(loadShippedScenarios(), 'alpha-engine-weekday-pipeline'))
  })

  for (const [testCase, expected] of Object.entries(WEEKDAY)) {
    it(`${testCase}: ends ${expected.status}`, async () => {
      check(await runScenario('weekday', testCase), expected, 'alpha-engine weekday pipeline')
    })
  }

  it('coverage-gap cases re-invoke the predictor exactly once, never looping', async () => {
    for (const testCase of ['coverage-gap-healed', 'coverage-gap-persists']) {
      const run = await runScenario('weekday', testCase)
      expect(run.entered.filter((s) => s === 'ReinvokePredictor'), testCase).toHaveLength(1)
    }
  })
})
