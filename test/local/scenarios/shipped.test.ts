// The shipped scenario file against the shipped definitions: every name it uses exists, every
// duration fits the limits AWS would enforce, and every single failure point has a test case.
import {describe, expect, it} from 'vitest'
import type {TaskState} from '../../../src/asl/types.js'
import {listTestCases, loadShippedScenarios} from '../../../src/local/scenarios/index.js'
import {allStates, pipeline, type PipelineName} from './pipelines.js'

const PIPELINES: PipelineName[] = ['saturday', 'weekday']
const file = loadShippedScenarios()

/** DataPhase1 -> data-phase1, RAGIngestion -> rag-ingestion, CheckPredictorCoverage -> check-predictor-coverage. */
const kebab = (name: string) =>
  name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()

const isWorkTask = (s: TaskState) => !s.Resource.endsWith(':getCommandInvocation') && !s.Resource.endsWith(':sns:publish')
const isSendCommand = (s: TaskState) => s.Resource.endsWith(':ssm:sendCommand')

/** A task whose States.ALL Catch leads toward the run failing, not onward (fail-soft). */
const hardFails = (s: TaskState) => {
  const next = s.Catch?.find((c) => c.ErrorEquals.includes('States.ALL'))?.Next ?? ''
  return next === 'HandleFailure' || /^Branch[A-Z]Failed$/.test(next) || /^Extract.*Error$/.test(next)
}

function tasksOf(name: PipelineName): Map<string, TaskState> {
  const tasks = new Map<string, TaskState>()
  for (const [stateName, state] of allStates(pipeline(name).definition)) if (state.Type === 'Task') tasks.set(stateName, state)
  return tasks
}

describe('the shipped scenario file', () => {
  it('loads, with the test cases the recovery work relies on', () => {
    const saturday = listTestCases(file, 'alpha-engine-saturday-pipeline')
    const weekday = listTestCases(file, 'alpha-engine-weekday-pipeline')
    expect(saturday).toEqual(
      expect.arrayContaining(['happy-path', 'research-rate-limited', 'predictor-fails', 'data-phase1-fails', 'parity-fails', 'evaluator-fails', 'eval-judge-degraded', 'stub-poisoned']),
    )
    expect(weekday).toEqual(expect.arrayContaining(['happy-path', 'coverage-gap-healed', 'coverage-gap-persists']))
  })

  for (const name of PIPELINES) {
    const {stateMachineName, definition} = pipeline(name)
    const states = allStates(definition)
    const tasks = tasksOf(name)
    const machine = file.stateMachines[stateMachineName]!
    const cases = {'ae:defaults': machine.defaults, ...machine.testCases}

    it(`names only states that exist in the ${name} pipeline`, () => {
      for (const [caseName, testCase] of Object.entries(cases)) {
        const named = [...Object.keys(testCase.mocks), ...Object.keys(testCase.durations), ...Object.keys(testCase.s3)]
        for (const state of named) expect(states.has(state), `${caseName} names ${state}`).toBe(true)
        for (const state of Object.keys(testCase.commands)) expect(isSendCommand(tasks.get(state) as TaskState), `${caseName}: ${state} sends a command`).toBe(true)
      }
    })

    it(`keeps every ${name} Lambda duration inside its Task timeout, so no task times out by accident`, () => {
      for (const [caseName, testCase] of Object.entries(cases)) {
        for (const [state, ms] of Object.entries(testCase.durations)) {
          const task = tasks.get(state) as TaskState
          if (isSendCommand(task)) continue
          expect(ms, `${caseName}: ${state}`).toBeLessThan(Number(task.TimeoutSeconds) * 1000)
        }
      }
    })

    it(`keeps every default ${name} command run time inside its executionTimeout`, () => {
      for (const [state, ms] of Object.entries(machine.defaults.durations)) {
        const task = tasks.get(state) as TaskState
        if (!isSendCommand(task)) continue
        const limit = Number(((task.Parameters as {Parameters?: {executionTimeout?: string[]}}).Parameters?.executionTimeout ?? ['3600'])[0])
        expect(ms, state).toBeLessThan(limit * 1000)
      }
    })

    it(`has a <workload>-fails test case for every ${name} task that can fail the run`, () => {
      const failPoints = [...tasks].filter(([, s]) => isWorkTask(s) && hardFails(s)).map(([stateName]) => `${kebab(stateName)}-fails`)
      expect(failPoints.length).toBeGreaterThan(5)
      expect(listTestCases(file, stateMachineName)).toEqual(expect.arrayContaining(failPoints))
    })
  }

  it('has a degraded test case for every fail-soft Saturday task outside the eval-judge chain, and one for the chain', () => {
    const failSoft = [...tasksOf('saturday')].filter(([, s]) => isWorkTask(s) && !hardFails(s)).map(([n]) => n)
    const outsideChain = failSoft.filter((n) => !/^(ComputeEval|EvalJudge|EvalRolling)/.test(n))
    expect(outsideChain).toEqual(expect.arrayContaining(['RegimeRetrospectiveEval', 'DriftDetection', 'Counterfactual']))
    expect(listTestCases(file, 'alpha-engine-saturday-pipeline')).toEqual(expect.arrayContaining([...outsideChain.map((n) => `${kebab(n)}-degraded`), 'eval-judge-degraded']))
  })
})
