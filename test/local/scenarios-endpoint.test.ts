// Every shipped scenario of both pipelines through the combined endpoint, the way a user runs one:
// the shipped definition deployed with CreateStateMachine, StartExecution with `<arn>#<case>`, then
// the history, the objects in S3 and the SNS alerts read back with the real SDK clients.
import {CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, StartExecutionCommand, type HistoryEvent} from '@aws-sdk/client-sfn'
import {GetObjectCommand, ListObjectsV2Command} from '@aws-sdk/client-s3'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadPipelineDefinition} from '../../src/asl/pipeline-view.js'
import {getPipeline, loadConfig} from '../../src/config/load.js'
import {listTestCases, loadShippedScenarios} from '../../src/local/scenarios/index.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'

type PipelineName = 'saturday' | 'weekday'
const loaded = loadConfig({cwd: mkdtempSync(join(tmpdir(), 'ae-scenarios-endpoint-')), env: {}})
const BUCKET = 'alpha-engine-research'
const RUN_DATE = '2026-05-16'
const START = new Date(`${RUN_DATE}T06:00:00.000Z`)
const TEAMS = ['technology', 'healthcare', 'financials', 'industrials', 'consumer', 'defensives']
const teamKey = (team: string) => `archive/sector_team_runs/${RUN_DATE}/${team}.json`
const MANIFEST = `predictor/weights/${RUN_DATE}/manifest.json`
const ALL_RESEARCH = [...TEAMS.map(teamKey), ...['cio', 'macro'].map((a) => `archive/agent_runs/${RUN_DATE}/${a}.json`)]
const FOUR_TEAMS = ['technology', 'healthcare', 'industrials', 'consumer'].map(teamKey)

/** Cases that end SUCCEEDED; every other shipped case fails the run through HandleFailure. */
const SUCCEEDING = new Set(['happy-path', 'research-throttled-recovers', 'coverage-gap-healed', 'eval-judge-degraded', 'regime-retrospective-eval-degraded', 'rationale-clustering-degraded', 'replay-concordance-degraded', 'counterfactual-degraded', 'drift-detection-degraded'])

interface Detail {
  ran?: string[]
  notRan?: string[]
  /** The exact keys in alpha-engine-research afterwards. */
  keys?: string[]
  /** Text the execution's cause and the failure alert carry. */
  cause?: string[]
}

const DETAILS: Record<PipelineName, Record<string, Detail>> = {
  saturday: {
    'happy-path': {ran: ['MorningEnrich', 'Research', 'PredictorTraining', 'Backtester', 'Parity', 'Evaluator', 'NotifyComplete'], notRan: ['HandleFailure'], keys: [...ALL_RESEARCH, MANIFEST]},
    'research-rate-limited': {ran: ['Research', 'BranchAFailed', 'PredictorTraining', 'BranchBComplete', 'HandleFailure'], notRan: ['DataPhase2', 'Backtester'], keys: [...FOUR_TEAMS, MANIFEST], cause: ['RateLimitError', '429']},
    'predictor-fails': {ran: ['Research', 'BranchAComplete', 'BranchBFailed'], notRan: ['Backtester'], keys: ALL_RESEARCH, cause: ['PredictorTrainingFailed']},
    'data-phase1-fails': {ran: ['MorningEnrich', 'ExtractDataPhase1Error'], notRan: ['RAGIngestion'], keys: [], cause: ['DataPhase1Failed']},
    'parity-fails': {ran: ['Backtester', 'ExtractParityError'], notRan: ['Evaluator'], cause: ['ParityFailed']},
    'evaluator-fails': {ran: ['Parity', 'ExtractEvaluatorError'], notRan: ['SaturdayHealthCheck'], cause: ['EvaluatorFailed']},
    'eval-judge-degraded': {ran: ['EvalJudgePoll', 'BranchAComplete', 'NotifyComplete'], notRan: ['EvalJudgeProcess', 'HandleFailure']},
    'stub-poisoned': {ran: ['BranchAFailed', 'BranchBComplete'], keys: [...FOUR_TEAMS, MANIFEST], cause: ['RateLimitError']},
  },
  weekday: {
    'happy-path': {ran: ['PredictorInference', 'ExecutorSubmitOrders', 'NotifyComplete'], notRan: ['ReinvokePredictor', 'HandleFailure']},
    'coverage-gap-healed': {ran: ['ReinvokePredictor', 'RecheckCoverage', 'ExecutorSubmitOrders'], notRan: ['ExtractCoverageGapError']},
    'coverage-gap-persists': {ran: ['ReinvokePredictor', 'RecheckCoverage', 'ExtractCoverageGapError', 'HandleFailure'], notRan: ['ExecutorPlanOrders'], cause: ['CoverageGap']},
  },
}

interface Ran {
  local: LocalAws
  executionArn: string
  status: string
  cause?: string
  events: HistoryEvent[]
  entered: string[]
  keys: string[]
}

/** A fresh endpoint with the pipeline deployed, one execution of the case run to its end. */
async function runCase(pipelineName: PipelineName, testCase: string): Promise<Ran> {
  const local = await localAws({start: START})
  const pipeline = getPipeline(loaded, pipelineName)
  const {definition} = loadPipelineDefinition(loaded, pipeline)
  const {sfn, s3} = local.clients
  const {stateMachineArn} = await sfn.send(
    new CreateStateMachineCommand({name: pipeline.stateMachineName, roleArn: pipeline.roleArn ?? 'arn:aws:iam::000000000000:role/local', definition: JSON.stringify(definition)}),
  )
  const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn: `${stateMachineArn}#${testCase}`, name: testCase, input: '{}'}))
  let described = await sfn.send(new DescribeExecutionCommand({executionArn}))
  while (described.status === 'RUNNING') {
    await new Promise((r) => setTimeout(r, 5))
    described = await sfn.send(new DescribeExecutionCommand({executionArn}))
  }
  const events: HistoryEvent[] = []
  let nextToken: string | undefined
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: 1000, nextToken}))
    events.push(...(page.events ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  const listed = await s3.send(new ListObjectsV2Command({Bucket: BUCKET}))
  return {
    local,
    executionArn: executionArn!,
    status: described.status!,
    ...(described.cause === undefined ? {} : {cause: described.cause}),
    events,
    entered: events.filter((e) => String(e.type).endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails?.name ?? ''),
    keys: (listed.Contents ?? []).map((o) => o.Key!),
  }
}

function checkCase(ran: Ran, pipelineName: PipelineName, testCase: string): void {
  const expected = SUCCEEDING.has(testCase) ? 'SUCCEEDED' : 'FAILED'
  expect(ran.status).toBe(expected)
  expect(ran.events.at(-1)?.type).toBe(expected === 'SUCCEEDED' ? 'ExecutionSucceeded' : 'ExecutionFailed')
  // Exactly one alert, about this execution: the success message or the failure alert.
  const alerts = ran.local.endpoint.snsMessages()
  expect(alerts).toHaveLength(1)
  expect(alerts[0]?.subject).toBe(`alpha-engine ${pipelineName === 'saturday' ? 'Saturday' : 'weekday'} pipeline ${expected}`)
  expect(alerts[0]?.executionArn).toBe(ran.executionArn)
  const detail = DETAILS[pipelineName][testCase]
  if (detail === undefined) return
  for (const state of detail.ran ?? []) expect(ran.entered, `entered ${state}`).toContain(state)
  for (const state of detail.notRan ?? []) expect(ran.entered, `did not enter ${state}`).not.toContain(state)
  if (detail.keys !== undefined) expect(ran.keys).toEqual([...detail.keys].sort())
  for (const text of detail.cause ?? []) {
    expect(ran.cause, `cause mentions ${text}`).toContain(text)
    expect(alerts[0]?.message).toContain(text)
  }
}

for (const pipelineName of ['saturday', 'weekday'] as const) {
  const stateMachineName = getPipeline(loaded, pipelineName).stateMachineName
  describe(`shipped ${pipelineName} scenarios through the endpoint`, () => {
    it('names a detailed expectation only for cases the shipped file has', () => {
      const cases = listTestCases(loadShippedScenarios(), stateMachineName)
      expect(cases.length).toBeGreaterThan(5)
      for (const testCase of Object.keys(DETAILS[pipelineName])) expect(cases).toContain(testCase)
    })

    for (const testCase of listTestCases(loadShippedScenarios(), stateMachineName)) {
      it(`${testCase}: StartExecution with <arn>#${testCase} ends ${SUCCEEDING.has(testCase) ? 'SUCCEEDED' : 'FAILED'} with its history, objects and alert`, async () => {
        const ran = await runCase(pipelineName, testCase)
        try {
          checkCase(ran, pipelineName, testCase)
        } finally {
          await ran.local.close()
        }
      })
    }
  })
}

describe('scenario details read through S3', () => {
  it('research-rate-limited: 4 of 6 sector keys and the weights manifest were written before the run failed', async () => {
    const ran = await runCase('saturday', 'research-rate-limited')
    try {
      expect(ran.keys.filter((k) => k.startsWith(`archive/sector_team_runs/${RUN_DATE}/`))).toHaveLength(4)
      expect(ran.keys).toContain(MANIFEST)
      expect(ran.status).toBe('FAILED')
    } finally {
      await ran.local.close()
    }
  })

  it('stub-poisoned: two persisted sector-team objects carry the [DRY-RUN quarantine marker', async () => {
    const ran = await runCase('saturday', 'stub-poisoned')
    try {
      const bodies = await Promise.all(FOUR_TEAMS.map(async (Key) => (await ran.local.clients.s3.send(new GetObjectCommand({Bucket: BUCKET, Key}))).Body!.transformToString()))
      expect(bodies.filter((b) => b.includes('[DRY-RUN'))).toHaveLength(2)
    } finally {
      await ran.local.close()
    }
  })
})

describe('selecting a test case', () => {
  it('refuses an unknown case with a ValidationException listing the known ones, starting nothing', async () => {
    const local = await localAws({start: START})
    try {
      const pipeline = getPipeline(loaded, 'weekday')
      const {stateMachineArn} = await local.clients.sfn.send(
        new CreateStateMachineCommand({name: pipeline.stateMachineName, roleArn: 'arn:aws:iam::000000000000:role/local', definition: JSON.stringify(loadPipelineDefinition(loaded, pipeline).definition)}),
      )
      const refused = local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: `${stateMachineArn}#no-such-case`}))
      await expect(refused).rejects.toMatchObject({name: 'ValidationException'})
      const message = String(await refused.catch((e: Error) => e.message))
      expect(message).toContain("Test case 'no-such-case' not found")
      for (const known of listTestCases(loadShippedScenarios(), pipeline.stateMachineName)) expect(message).toContain(known)
      expect(local.endpoint.snapshot().sfn.executions).toEqual([])
    } finally {
      await local.close()
    }
  })
})
