// `ae executions show --json` on every shipped scenario of both pipelines, against the local
// endpoint: per workload outcome, branch outcomes, the failing state and its error, and where the
// run date came from. Expectations come from each scenario's intent, written out below.
import {StartExecutionCommand} from '@aws-sdk/client-sfn'
import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import ExecutionsShow from '../../src/commands/executions/show.js'
import {followExecution} from '../../src/executions/follow.js'
import {loadExecutionRecord} from '../../src/executions/record.js'
import type {ExecutionView} from '../../src/executions/view.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario, stateMachineArn} from '../helpers/pipelines.js'
import {runCommand} from '../helpers/run-command.js'

interface TestCase {
  [state: string]: unknown
  'ae:commands'?: Record<string, {stderr?: string}>
}
interface ScenarioFile {
  StateMachines: Record<string, {TestCases: Record<string, TestCase>}>
  MockedResponses: Record<string, Record<string, {Throw?: {Error: string; Cause: string}}>>
}
const scenarios = JSON.parse(readFileSync(new URL('../../src/local/scenarios/shipped.json', import.meta.url), 'utf8')) as ScenarioFile
const MACHINES = {saturday: 'alpha-engine-saturday-pipeline', weekday: 'alpha-engine-weekday-pipeline'} as const
type Pipeline = keyof typeof MACHINES
const casesOf = (p: Pipeline) => Object.keys(scenarios.StateMachines[MACHINES[p]]!.TestCases).map((c) => [p, c] as const)

// Saturday workloads in pipeline order, by where they sit around the Parallel.
const BEFORE_PARALLEL = ['MorningEnrich', 'DataPhase1', 'RAGIngestion', 'RegimeSubstrate', 'RegimeRetrospectiveEval']
const BRANCH_A = ['Research', 'DataPhase2', 'ComputeEvalCadence', 'RationaleClustering', 'ReplayConcordance', 'Counterfactual']
const BRANCH_B = ['PredictorTraining']
const AFTER_JOIN = ['DriftDetection', 'Backtester', 'Parity', 'Evaluator']
const SATURDAY = [...BEFORE_PARALLEL, ...BRANCH_A, ...BRANCH_B, ...AFTER_JOIN]
const WEEKDAY = ['MorningEnrich']

/** RAGIngestion -> rag-ingestion, DataPhase1 -> data-phase1: how the scenario names its work states. */
const kebab = (name: string) =>
  name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
interface AslStates {
  States: Record<string, {Branches?: AslStates[]; ItemProcessor?: AslStates; Iterator?: AslStates}>
}
const stateNames = (b: AslStates): string[] =>
  Object.entries(b.States).flatMap(([name, s]) => [name, ...[...(s.Branches ?? []), ...(s.ItemProcessor ? [s.ItemProcessor] : []), ...(s.Iterator ? [s.Iterator] : [])].flatMap(stateNames)])
const stateOfCase = (p: Pipeline, prefix: string): string => {
  const definition = JSON.parse(readFileSync(new URL(`../../asl/${p}-pipeline.asl.json`, import.meta.url), 'utf8')) as AslStates
  const found = stateNames(definition).find((s) => kebab(s) === prefix)
  if (!found) throw new Error(`no state of ${p} matches ${prefix}`)
  return found
}

interface Expected {
  status: 'SUCCEEDED' | 'FAILED'
  outcomes: Record<string, string>
  /** [terminal, recorded status] per branch of ResearchPredictorParallel. */
  branches?: Array<[string, string]>
  failure?: {state: string; error: string; cause?: RegExp | string}
  degraded?: {workload: string; state: string; error: string}
}

const mockedThrow = (p: Pipeline, testCase: string, state: string) => {
  const mock = scenarios.StateMachines[MACHINES[p]]!.TestCases[testCase]![state]
  const responses = typeof mock === 'string' ? scenarios.MockedResponses[mock] : undefined
  return Object.values(responses ?? {}).find((r) => r.Throw)?.Throw
}

/** Outcomes when the run stops at `failed` (in `order`): before it completed, it failed, after it not run. */
function stoppedAt(order: string[], failed: string, overrides: Record<string, string> = {}): Record<string, string> {
  const i = order.indexOf(failed)
  return Object.fromEntries(order.map((w, j) => [w, overrides[w] ?? (j < i ? 'completed' : j === i ? 'failed' : 'not-run')]))
}
const allCompleted = (order: string[], overrides: Record<string, string> = {}) => Object.fromEntries(order.map((w) => [w, overrides[w] ?? 'completed']))
const OK_OK: Array<[string, string]> = [
  ['BranchAComplete', 'OK'],
  ['BranchBComplete', 'OK'],
]

function expected(p: Pipeline, testCase: string, runDate: string): Expected {
  const tc = scenarios.StateMachines[MACHINES[p]]!.TestCases[testCase]!
  const commandCause = (state: string) => tc['ae:commands']?.[state]?.stderr?.replaceAll('{run_date}', runDate).split('\n')[0]
  if (p === 'weekday') {
    if (testCase === 'happy-path' || testCase === 'coverage-gap-healed') return {status: 'SUCCEEDED', outcomes: allCompleted(WEEKDAY)}
    if (testCase === 'coverage-gap-persists') {
      // The recheck's result was judged a gap: the failure is the recheck's, with the error the failure handling built.
      return {status: 'FAILED', outcomes: allCompleted(WEEKDAY), failure: {state: 'RecheckCoverage', error: 'CoverageGap', cause: /ISRG/}}
    }
    const state = stateOfCase(p, testCase.replace(/-fails$/, ''))
    const thrown = mockedThrow(p, testCase, state)
    return {
      status: 'FAILED',
      outcomes: state === 'MorningEnrich' ? {MorningEnrich: 'failed'} : allCompleted(WEEKDAY),
      failure: thrown ? {state, error: thrown.Error, cause: thrown.Cause} : {state, error: `${state}Failed`, cause: commandCause(state)},
    }
  }
  switch (testCase) {
    case 'happy-path':
    case 'research-throttled-recovers':
      return {status: 'SUCCEEDED', outcomes: allCompleted(SATURDAY), branches: OK_OK}
    case 'research-rate-limited':
    case 'stub-poisoned':
      return {
        status: 'FAILED',
        outcomes: {...stoppedAt(SATURDAY, 'Research'), PredictorTraining: 'completed'},
        branches: [
          ['BranchAFailed', 'FAILED'],
          ['BranchBComplete', 'OK'],
        ],
        failure: {state: 'Research', error: 'RateLimitError', cause: /429/},
      }
    case 'research-fails':
      // Research returned status ERROR: CheckResearchStatus judged it, ExtractResearchError built ResearchFailed.
      return {
        status: 'FAILED',
        outcomes: {...stoppedAt(SATURDAY, 'Research'), PredictorTraining: 'completed'},
        branches: [
          ['BranchAFailed', 'FAILED'],
          ['BranchBComplete', 'OK'],
        ],
        failure: {state: 'Research', error: 'ResearchFailed', cause: /"status":"ERROR"/},
      }
    case 'predictor-fails':
    case 'predictor-training-fails':
      return {
        status: 'FAILED',
        outcomes: {...stoppedAt(SATURDAY, 'PredictorTraining'), ...allCompleted(BRANCH_A)},
        branches: [
          ['BranchAComplete', 'OK'],
          ['BranchBFailed', 'FAILED'],
        ],
        failure: {state: 'PredictorTraining', error: 'PredictorTrainingFailed', cause: commandCause('PredictorTraining')},
      }
    case 'eval-judge-degraded':
      return {
        status: 'SUCCEEDED',
        outcomes: allCompleted(SATURDAY, {ComputeEvalCadence: 'degraded'}),
        branches: OK_OK,
        degraded: {workload: 'ComputeEvalCadence', state: 'EvalJudgePoll', error: 'BatchExpiredError'},
      }
  }
  if (testCase.endsWith('-degraded')) {
    const state = stateOfCase(p, testCase.replace(/-degraded$/, ''))
    return {status: 'SUCCEEDED', outcomes: allCompleted(SATURDAY, {[state]: 'degraded'}), branches: OK_OK, degraded: {workload: state, state, error: mockedThrow(p, testCase, state)!.Error}}
  }
  if (!testCase.endsWith('-fails')) throw new Error(`no expectation written for ${p} ${testCase}: add one`)
  const state = stateOfCase(p, testCase.replace(/-fails$/, ''))
  const thrown = mockedThrow(p, testCase, state)
  // An SSM command state fails through its status Choice and Extract<State>Error; a Lambda throws.
  const failure = thrown ? {state, error: thrown.Error, cause: thrown.Cause} : {state, error: `${state}Failed`, cause: state === 'Backtester' ? /ended TimedOut/ : commandCause(state)}
  if (BEFORE_PARALLEL.includes(state)) return {status: 'FAILED', outcomes: stoppedAt(SATURDAY, state), branches: [['', 'NOT_RUN'], ['', 'NOT_RUN']], failure}
  if (BRANCH_A.includes(state)) {
    return {
      status: 'FAILED',
      outcomes: {...stoppedAt(SATURDAY, state), PredictorTraining: 'completed'},
      branches: [
        ['BranchAFailed', 'FAILED'],
        ['BranchBComplete', 'OK'],
      ],
      failure,
    }
  }
  if (AFTER_JOIN.includes(state)) {
    // Backtester's own part is done when the run reaches CheckSkipParity, so a failed Parity leaves
    // the backtest completed; a failed Backtester never reaches Parity's gate (not run).
    return {status: 'FAILED', outcomes: stoppedAt(SATURDAY, state), branches: OK_OK, failure}
  }
  // A state outside every workload (the health checks): every workload completed.
  return {status: 'FAILED', outcomes: allCompleted(SATURDAY), branches: OK_OK, failure}
}

let local: LocalAws
beforeAll(async () => {
  local = await localAws()
  await deployShipped(local)
})
afterAll(() => local.close())

const show = async (execution: string, extra: string[] = []) => {
  const r = await runCommand(ExecutionsShow, [execution, '--json', ...extra, ...local.flags], {env: local.env})
  expect(r.stderr).toBe('')
  expect(r.exitCode).toBe(0)
  return r.json as ExecutionView
}
const outcomesOf = (v: ExecutionView) => Object.fromEntries(v.workloads.map((w) => [w.workload, w.outcome]))

describe('ae executions show on every shipped scenario', () => {
  it.each([...casesOf('saturday'), ...casesOf('weekday')])('%s %s: workload and branch outcomes, the failing state and its error, the run date', async (pipeline, testCase) => {
    // Given an execution of the scenario, ended
    const name = `${pipeline}-${testCase}`
    const run = await runScenario(local, pipeline, testCase, name)

    // When showing it by name
    const view = await show(name)

    // Then the run date is the start date, read from InitializeInput's output
    expect(view.runDateSource).toBe('state-output')
    expect(view.runDate).toBe(view.startDate!.slice(0, 10))
    const want = expected(pipeline, testCase, view.runDate)
    expect(run.status).toBe(want.status)
    expect(view).toMatchObject({executionArn: run.executionArn, name, pipeline, status: want.status})
    // and every workload has the outcome the scenario means
    expect(outcomesOf(view)).toEqual(want.outcomes)
    if (want.branches) expect(view.branches.map((b) => [b.terminal ?? '', b.status])).toEqual(want.branches)
    else expect(view.branches).toEqual([])
    // and the failure names the state whose error it was, not ExtractXError, HandleFailure or FailExecution
    if (want.failure) {
      expect(view.failure).toMatchObject({state: want.failure.state, error: want.failure.error})
      if (typeof want.failure.cause === 'string') expect(view.failure!.cause).toContain(want.failure.cause)
      else if (want.failure.cause) expect(view.failure!.cause).toMatch(want.failure.cause)
      const failedWorkload = view.workloads.find((w) => w.outcome === 'failed')
      if (failedWorkload) expect(failedWorkload.failure).toEqual(view.failure)
    } else {
      expect(view.failure).toBeNull()
    }
    if (want.degraded) {
      const w = view.workloads.find((x) => x.workload === want.degraded!.workload)!
      expect(w.failure).toMatchObject({state: want.degraded.state, error: want.degraded.error})
      expect(w.caught).toEqual([expect.objectContaining({state: want.degraded.state, error: want.degraded.error})])
    }
  })

  it('reads the same failure without any execution data (the cause comes from the Fail state)', async () => {
    // Given failures judged by a Choice, top level and inside a Parallel branch
    for (const name of ['saturday-data-phase1-fails', 'saturday-data-phase2-fails', 'saturday-research-fails']) {
      // When the history is read without inputs and outputs
      const lean = await loadExecutionRecord(local.clients.sfn, `${stateMachineArn(local, 'saturday').replace(':stateMachine:', ':execution:')}:${name}`, 'none')
      const full = await show(name)
      // Then the failing state, its error and its cause are the same
      expect(lean.value.timeline.failure).toEqual(full.failure)
      expect(full.failure!.cause).not.toBe('')
    }
  })

  it('shows Backtester and Parity skipped when the run skips the Backtester', async () => {
    // Given a run with skip_backtester
    await runScenario(local, 'saturday', 'happy-path', 'sat-skip-backtester', {skip_backtester: true})

    // When showing it
    const view = await show('sat-skip-backtester', ['--pipeline', 'saturday'])

    // Then Backtester and the Parity nested in it are skipped, the rest completed
    expect(view.status).toBe('SUCCEEDED')
    expect(outcomesOf(view)).toEqual(allCompleted(SATURDAY, {Backtester: 'skipped', Parity: 'skipped'}))
  })

  it('takes an explicit run_date from InitializeInput, which layers the input over the defaults', async () => {
    await runScenario(local, 'saturday', 'happy-path', 'sat-pinned-date', {run_date: '2026-01-03'})
    const view = await show('sat-pinned-date')
    expect(view).toMatchObject({runDate: '2026-01-03', runDateSource: 'state-output', runDateDetail: 'InitializeInput output field run_date'})
  })
})

describe('lineage in ae executions show', () => {
  it('lists the source and its recoveries, from the source and from each recovery', async () => {
    // Given a failed run and a recovery of it, and a recovery of that recovery, started by hand
    const runDate = '2026-02-07'
    const source = await runScenario(local, 'saturday', 'research-rate-limited', 'sat-lineage-source', {run_date: runDate})
    const startRecovery = async (of: string, attempt: number, testCase: string) => {
      const input = {run_date: runDate, ae_recovery: {of, root: source.executionArn, attempt}}
      const started = await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: stateMachineArn(local, 'saturday') + testCase, name: `recover-${runDate}-${attempt}`, input: JSON.stringify(input)}))
      const end = await followExecution(local.clients.sfn, started.executionArn!, {pollMs: 20})
      return {executionArn: started.executionArn!, status: end.status}
    }
    const first = await startRecovery(source.executionArn, 1, '#research-rate-limited')
    // and an unrelated recovery of another run date, which is not part of this lineage
    await runScenario(local, 'saturday', 'happy-path', 'recover-2026-02-14-1', {run_date: '2026-02-14', ae_recovery: {of: 'x', root: 'x', attempt: 1}})

    // When showing the source and the recovery
    const fromSource = await show('sat-lineage-source')
    const fromRecovery = await show(`recover-${runDate}-1`)

    // Then both list [source, recovery], oldest first
    const want = [
      {executionArn: source.executionArn, status: 'FAILED', attempt: 0},
      {executionArn: first.executionArn, status: 'FAILED', attempt: 1},
    ]
    expect(fromSource.lineage).toEqual(want)
    expect(fromRecovery.lineage).toEqual(want)

    // When a recovery of the recovery exists
    const second = await startRecovery(first.executionArn, 2, '')
    const want2 = [...want, {executionArn: second.executionArn, status: 'SUCCEEDED', attempt: 2}]

    // Then every member of the lineage lists all three
    expect((await show('sat-lineage-source')).lineage).toEqual(want2)
    expect((await show(`recover-${runDate}-1`)).lineage).toEqual(want2)
    expect((await show(`recover-${runDate}-2`)).lineage).toEqual(want2)
  })

  it('asks for the execution once when it is given by name', async () => {
    await runScenario(local, 'weekday', 'happy-path', 'wd-calls')
    const arn = `${stateMachineArn(local, 'weekday').replace(':stateMachine:', ':execution:')}:wd-calls`
    // DescribeExecution (while resolving the name), DescribeStateMachineForExecution, one history page, ListExecutions
    // (--verbose prints the calls; --json would silence diagnostics, so the JSON comes from --format json)
    const byName = await runCommand(ExecutionsShow, ['wd-calls', '--pipeline', 'weekday', '--format', 'json', '--verbose', ...local.flags], {env: local.env})
    expect(byName.stderr).toMatch(/sfn:DescribeExecution x1, sfn:DescribeStateMachineForExecution x1, sfn:GetExecutionHistory x1, sfn:ListExecutions x1/)
    const byArn = await runCommand(ExecutionsShow, [arn, '--format', 'json', '--verbose', ...local.flags], {env: local.env})
    expect(byArn.stderr).toMatch(/sfn:DescribeExecution x1, sfn:DescribeStateMachineForExecution x1, sfn:GetExecutionHistory x1, sfn:ListExecutions x1/)
  })
})
