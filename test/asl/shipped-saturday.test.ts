// Pins the shipped Saturday definition to the topology the pipeline owners rely on (context PRs
// #250, #251): a change that breaks one of these breaks recovery plans or wastes compute.
import {describe, expect, it} from 'vitest'
import {buildGraph, reachable, ROOT_SCOPE} from '../../src/asl/graph.js'
import {lintDefinition} from '../../src/asl/lint.js'
import {loadConfig, getPipeline} from '../../src/config/load.js'
import {loadPipelineDefinition} from '../../src/asl/pipeline-view.js'
import {walkDefinition} from '../../src/asl/walk.js'
import {deriveWorkloads} from '../../src/asl/workloads.js'

const loaded = loadConfig({env: {}, cwd: '/'})
const {definition} = loadPipelineDefinition(loaded, getPipeline(loaded, 'saturday'))
const graph = buildGraph(definition)
const workloads = deriveWorkloads(definition)
const runEntries = workloads.map((w) => w.runEntry)
const node = (name: string) => graph.byName.get(name)![0]!
const reaches = (from: string, to: string) => reachable(graph, node(from).scope, from).has(to)
const walk = (input: object) => walkDefinition(definition, input as never, {startTime: '2026-11-21T09:00:00.000Z'})

describe('the shipped Saturday pipeline', () => {
  it('runs Research and PredictorTraining as sibling Parallel branches with no serial edge', () => {
    const research = node('Research')
    const predictor = node('PredictorTraining')
    const parallel = node('ResearchPredictorParallel')
    expect(parallel.childScopes).toContain(research.scope)
    expect(parallel.childScopes).toContain(predictor.scope)
    expect(research.scope).not.toBe(predictor.scope)
    expect(reachable(graph, research.scope, 'Research').has('PredictorTraining')).toBe(false)
    expect(reachable(graph, predictor.scope, 'PredictorTraining').has('Research')).toBe(false)
  })

  it('runs Backtester strictly after the join, then Parity, then Evaluator', () => {
    expect(node('Backtester').scope).toBe(ROOT_SCOPE)
    expect(reaches('ResearchPredictorParallel', 'Backtester')).toBe(true)
    expect(reaches('Backtester', 'ResearchPredictorParallel')).toBe(false)
    expect(reaches('Backtester', 'Parity')).toBe(true)
    expect(reaches('Parity', 'Backtester')).toBe(false)
    expect(reaches('Parity', 'Evaluator')).toBe(true)
    expect(reaches('Evaluator', 'Parity')).toBe(false)
  })

  it('derives 16 gates; skip_backtester bypasses Backtester and Parity, skip_parity only Parity', () => {
    expect(workloads).toHaveLength(16)
    const backtester = workloads.find((w) => w.flag === 'skip_backtester')!
    expect(backtester.skipTarget).toBe('CheckSkipEvaluator')
    expect(backtester.states).toEqual(expect.arrayContaining(['Backtester', 'CheckSkipParity', 'Parity']))
    expect(workloads.find((w) => w.flag === 'skip_parity')!.parent).toBe('Backtester')

    const both = walk({skip_backtester: true})
    expect(both.reached.has('Backtester')).toBe(false)
    expect(both.reached.has('Parity')).toBe(false)
    expect(both.reached.has('Evaluator')).toBe(true)
    const parityOnly = walk({skip_parity: true})
    expect(parityOnly.reached.has('Backtester')).toBe(true)
    expect(parityOnly.reached.has('Parity')).toBe(false)
    expect(parityOnly.reached.has('Evaluator')).toBe(true)
  })

  it('takes the normal path without shell_run: every workload runs, no shell-run defaults', () => {
    const normal = walk({})
    expect(normal.reached.has('ApplyShellRunDefaults')).toBe(false)
    for (const entry of runEntries) expect(normal.reached.has(entry), entry).toBe(true)
    expect([...normal.gates.values()].every((g) => g.decision === 'run')).toBe(true)
    expect(walk({shell_run: false}).reached).toEqual(normal.reached)
  })

  it('skips every workload on a shell run, but an explicit false still wins', () => {
    const shell = walk({shell_run: true})
    for (const entry of runEntries) expect(shell.reached.has(entry), entry).toBe(false)
    expect(shell.reached.has('NotifyShellRunComplete')).toBe(true)
    const withResearch = walk({shell_run: true, skip_research: false})
    expect(withResearch.reached.has('Research')).toBe(true)
    expect(runEntries.filter((e) => withResearch.reached.has(e))).toEqual(['Research'])
  })

  it('has no dangling target and no lint error anywhere', () => {
    const diagnostics = lintDefinition(definition)
    expect(diagnostics.filter((d) => d.id === 'dangling-target')).toEqual([])
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })
})
