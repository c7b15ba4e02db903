import {describe, expect, it} from 'vitest'
import {buildGraph, descendants, enclosingStates, loopsIn, predecessors, reachable, ROOT_SCOPE, stateIn, successors} from '../../src/asl/graph.js'
import type {StateMachineDefinition} from '../../src/asl/types.js'
import {branch, countStates, definition, fail, gate, generatePipeline, map, parallel, pass, quartet, succeed, task} from './fixtures.js'

const names = (nodes: {name: string}[]) => nodes.map((n) => n.name)

describe('buildGraph', () => {
  it('types every out-edge and carries the rule index of Choice and Catch edges', () => {
    // Given a Task with a Catch and a Choice with two rules and a Default
    const def = definition('Work', {
      Work: task('Route', 'Failed'),
      Route: {
        Type: 'Choice',
        Choices: [
          {Variable: '$.a', BooleanEquals: true, Next: 'A'},
          {Variable: '$.b', BooleanEquals: true, Next: 'B'},
        ],
        Default: 'Done',
      },
      A: pass('Done'),
      B: pass('Done'),
      Done: succeed(),
      Failed: fail(),
    })
    // When the graph is built
    const graph = buildGraph(def)
    // Then edges come in priority order with their kinds
    expect(stateIn(graph, ROOT_SCOPE, 'Work')?.edges).toEqual([
      {kind: 'next', to: 'Route'},
      {kind: 'catch', to: 'Failed', index: 0},
    ])
    expect(stateIn(graph, ROOT_SCOPE, 'Route')?.edges).toEqual([
      {kind: 'choice', to: 'A', index: 0},
      {kind: 'choice', to: 'B', index: 1},
      {kind: 'default', to: 'Done'},
    ])
    expect(stateIn(graph, ROOT_SCOPE, 'Done')?.end).toBe(true)
    expect(stateIn(graph, ROOT_SCOPE, 'A')?.end).toBe(false)
  })

  it('gives each Parallel branch and Map processor a scope of its own, nested in order', () => {
    // Given a Parallel whose second branch holds a Map
    const def = definition('Fan', {
      Fan: parallel('Done', [
        branch('A1', {A1: pass()}),
        branch('Each', {Each: map(undefined, branch('Item', {Item: task(undefined)}))}),
      ]),
      Done: succeed(),
    })
    // When the graph is built
    const graph = buildGraph(def)
    // Then the scopes are the top level, both branches and the Map's items, with their parents
    expect([...graph.scopes.keys()]).toEqual([ROOT_SCOPE, 'Fan/0', 'Fan/1', 'Each/items'])
    expect(graph.scopes.get('Each/items')?.parent).toEqual({scope: 'Fan/1', state: 'Each'})
    expect(graph.scopes.get('Each/items')?.kind).toBe('items')
    expect(stateIn(graph, ROOT_SCOPE, 'Fan')?.childScopes).toEqual(['Fan/0', 'Fan/1'])
    expect(stateIn(graph, 'Each/items', 'Item')?.scope).toBe('Each/items')
    expect(names(descendants(graph, stateIn(graph, ROOT_SCOPE, 'Fan')!))).toEqual(['A1', 'Each', 'Item'])
    expect(names(enclosingStates(graph, 'Each/items'))).toEqual(['Each', 'Fan'])
  })

  it('reads a legacy Map Iterator like an ItemProcessor', () => {
    const def = definition('Each', {Each: {Type: 'Map', Iterator: branch('Item', {Item: pass()}), End: true}})
    const graph = buildGraph(def)
    expect(stateIn(graph, 'Each/items', 'Item')).toBeDefined()
  })

  it('keeps both occurrences of a repeated name, keyed by scope', () => {
    // Given "Work" at the top level and inside a branch (AWS rejects this; lint reports it)
    const def = definition('Fan', {
      Fan: parallel('Work', [branch('Work', {Work: pass()})]),
      Work: succeed(),
    })
    const graph = buildGraph(def)
    expect(graph.byName.get('Work')?.map((n) => n.scope)).toEqual([ROOT_SCOPE, 'Fan/0'])
  })

  it('gives repeated Parallel names distinct scope ids', () => {
    const def = definition('Outer', {
      Outer: parallel('P', [branch('P', {P: parallel(undefined, [branch('X', {X: pass()})])})]),
      P: parallel(undefined, [branch('Y', {Y: pass()})]),
    })
    const graph = buildGraph(def)
    const ids = [...graph.scopes.keys()]
    expect(new Set(ids).size).toBe(ids.length)
    expect(graph.byName.get('X')?.[0]?.scope).not.toBe(graph.byName.get('Y')?.[0]?.scope)
  })

  it('survives malformed input: missing States, non-object states, non-string targets', () => {
    const def = {StartAt: 'A', States: {A: 'nonsense', B: {Type: 'Pass', Next: 42}, C: {Type: 'Parallel', Branches: [null]}}} as unknown as StateMachineDefinition
    const graph = buildGraph(def)
    expect(stateIn(graph, ROOT_SCOPE, 'A')?.type).toBe('')
    expect(stateIn(graph, ROOT_SCOPE, 'B')?.edges).toEqual([])
    expect(graph.scopes.get('C/0')?.startAt).toBeUndefined()
    expect(buildGraph({} as StateMachineDefinition).scopes.get(ROOT_SCOPE)?.states.size).toBe(0)
  })
})

describe('successors, predecessors and reachability', () => {
  const def = definition('Start', {
    Start: pass('Poll'),
    ...quartet('Poll', 'Done', 'Failure'),
    Done: succeed(),
    Failure: fail(),
    Orphan: pass('Done'),
  })
  const graph = buildGraph(def)
  const node = (n: string) => stateIn(graph, ROOT_SCOPE, n)!

  it('lists successors once each and predecessors from the reverse index', () => {
    expect(names(successors(graph, node('CheckPollStatus')))).toEqual(['Done', 'PollWait', 'ExtractPollError'])
    expect(names(predecessors(graph, node('WaitForPoll')))).toEqual(['Poll', 'PollWait'])
    expect(names(predecessors(graph, node('Done')))).toEqual(['CheckPollStatus', 'Orphan'])
  })

  it('finds the poll loop as one component, kept together in pipeline order', () => {
    expect(loopsIn(graph, ROOT_SCOPE).map(names)).toEqual([['WaitForPoll', 'CheckPollStatus', 'PollWait']])
    expect(names(graph.ordered).slice(0, 6)).toEqual(['Start', 'Poll', 'WaitForPoll', 'CheckPollStatus', 'PollWait', 'Done'])
  })

  it('walks a poll loop without hanging and honours avoid/stopAt/reverse', () => {
    expect(reachable(graph, ROOT_SCOPE, 'Start')).toEqual(new Set(['Start', 'Poll', 'WaitForPoll', 'CheckPollStatus', 'Done', 'PollWait', 'ExtractPollError', 'Failure']))
    expect(reachable(graph, ROOT_SCOPE, 'Poll', {stopAt: new Set(['CheckPollStatus'])})).toEqual(new Set(['Poll', 'WaitForPoll', 'CheckPollStatus', 'Failure']))
    expect(reachable(graph, ROOT_SCOPE, 'Start', {avoid: new Set(['WaitForPoll'])})).toEqual(new Set(['Start', 'Poll', 'Failure']))
    expect(reachable(graph, ROOT_SCOPE, 'Done', {reverse: true})).toEqual(new Set(['Done', 'CheckPollStatus', 'Orphan', 'WaitForPoll', 'Poll', 'PollWait', 'Start']))
  })
})

describe('pipeline order', () => {
  it('orders states topologically from StartAt, Next before Catch targets, nested states right after their Parallel', () => {
    // Given a gate whose run entry contains a Parallel, and an unreachable state
    const def = definition('Gate', {
      Gate: gate('skip_work', 'After', 'Work'),
      Work: parallel('After', [branch('B0', {B0: pass()}), branch('B1', {B1: pass()})], {Catch: [{ErrorEquals: ['States.ALL'], Next: 'Oops'}]}),
      Oops: fail(),
      After: succeed(),
      Lost: pass('After'),
    })
    const graph = buildGraph(def)
    expect(names(graph.ordered)).toEqual(['Gate', 'Work', 'B0', 'B1', 'After', 'Oops', 'Lost'])
    expect(graph.position.get(stateIn(graph, ROOT_SCOPE, 'Lost')!)).toBe(6)
  })

  it('builds a 200-state generated pipeline with every state placed once', () => {
    const {definition: def} = generatePipeline(200)
    const graph = buildGraph(def)
    expect(countStates(def)).toBe(200)
    expect(graph.ordered).toHaveLength(200)
    expect(new Set(graph.ordered).size).toBe(200)
  })
})
