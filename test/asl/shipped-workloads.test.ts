// The workloads and lint verdict of the definitions ae ships, derived from the files themselves.
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {buildGraph, reachable, ROOT_SCOPE} from '../../src/asl/graph.js'
import {formatDiagnostic, lintDefinition, lintErrors} from '../../src/asl/lint.js'
import type {StateMachineDefinition} from '../../src/asl/types.js'
import {deriveWorkloads, indexWorkloads, workloadOf} from '../../src/asl/workloads.js'

// `${Var}` placeholders sit only inside strings, so the raw file parses as JSON.
const load = (file: string) => JSON.parse(readFileSync(new URL(`../../asl/${file}`, import.meta.url), 'utf8')) as StateMachineDefinition

describe('saturday-pipeline.asl.json', () => {
  const def = load('saturday-pipeline.asl.json')
  const workloads = deriveWorkloads(def)
  const byName = new Map(workloads.map((w) => [w.name, w]))

  it('has exactly the 16 skip gates, in pipeline order', () => {
    expect(workloads.map((w) => w.flag)).toEqual([
      'skip_morning_enrich',
      'skip_data_phase1',
      'skip_rag_ingestion',
      'skip_regime_substrate',
      'skip_regime_retrospective_eval',
      'skip_research',
      'skip_data_phase2',
      'skip_eval_judge',
      'skip_rationale_clustering',
      'skip_replay_concordance',
      'skip_counterfactual',
      'skip_predictor_training',
      'skip_drift_detection',
      'skip_backtester',
      'skip_parity',
      'skip_evaluator',
    ])
    expect(workloads.every((w) => w.rejoins && w.states.length > 0 && w.conditions.length === 0)).toBe(true)
  })

  it('nests Parity inside Backtester', () => {
    const backtester = byName.get('Backtester')
    expect(backtester?.gate).toBe('CheckSkipBacktester')
    expect(backtester?.states).toEqual(expect.arrayContaining(['CheckSkipParity', 'Parity', 'WaitForParity']))
    expect(byName.get('Parity')?.parent).toBe('Backtester')
    expect(workloadOf(indexWorkloads(workloads), 'WaitForParity')?.name).toBe('Parity')
  })

  it('keeps failure handling out of every workload', () => {
    const all = new Set(workloads.flatMap((w) => w.states))
    for (const name of ['HandleFailure', 'FailExecution', 'ExtractResearchError', 'BranchAFailed', 'BranchBFailed', 'ExtractBacktesterError']) expect(all.has(name)).toBe(false)
  })

  it('puts Research and PredictorTraining in sibling branches, neither reaching the other', () => {
    const research = byName.get('Research')
    const training = byName.get('PredictorTraining')
    expect(research?.scope).toBe('ResearchPredictorParallel/0')
    expect(training?.scope).toBe('ResearchPredictorParallel/1')
    expect(research?.parent).toBeNull()
    expect(training?.parent).toBeNull()
    const graph = buildGraph(def)
    expect(reachable(graph, 'ResearchPredictorParallel/0', 'Research').has('PredictorTraining')).toBe(false)
    expect(reachable(graph, 'ResearchPredictorParallel/1', 'PredictorTraining').has('Research')).toBe(false)
    expect(graph.scopes.get(ROOT_SCOPE)?.states.has('Research')).toBe(false)
  })

  it('lints clean of errors', () => {
    expect(lintErrors(lintDefinition(def)).map(formatDiagnostic)).toEqual([])
  })
})

describe('weekday-pipeline.asl.json', () => {
  const def = load('weekday-pipeline.asl.json')

  it('has one skip gate, MorningEnrich, and no coverage Choice counts as a gate', () => {
    expect(deriveWorkloads(def).map((w) => [w.gate, w.flag, w.skipTarget])).toEqual([['CheckSkipMorningEnrich', 'skip_morning_enrich', 'PredictorInference']])
  })

  it('lints clean of errors', () => {
    expect(lintErrors(lintDefinition(def)).map(formatDiagnostic)).toEqual([])
  })
})
