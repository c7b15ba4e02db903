import {describe, expect, it} from 'vitest'
import type {ChoiceRule} from '../../src/asl/types.js'
import {deriveWorkloads, enclosingWorkloads, indexWorkloads, matchSkipRule, workloadOf, type Workload} from '../../src/asl/workloads.js'
import {branch, countStates, definition, fail, gate, generatePipeline, map, parallel, pass, quartet, succeed, task} from './fixtures.js'

const byName = (ws: Workload[], name: string) => {
  const w = ws.find((x) => x.name === name)
  if (!w) throw new Error(`no workload ${name} among ${ws.map((x) => x.name).join(', ')}`)
  return w
}

describe('matchSkipRule', () => {
  const flag: ChoiceRule = {Variable: '$.skip_x', BooleanEquals: true}
  const present: ChoiceRule = {Variable: '$.skip_x', IsPresent: true}
  const role: ChoiceRule = {Variable: '$.pipeline_role', StringEquals: 'primary'}

  it('accepts the bare flag test and the IsPresent-guarded And in either order', () => {
    expect(matchSkipRule({...flag, Next: 'T'})).toEqual({flag: 'skip_x', guarded: false, conditions: []})
    expect(matchSkipRule({And: [present, flag], Next: 'T'})).toEqual({flag: 'skip_x', guarded: true, conditions: []})
    expect(matchSkipRule({And: [flag, present], Next: 'T'})).toEqual({flag: 'skip_x', guarded: true, conditions: []})
  })

  it('records extra conjuncts, nested Ands flattened, as conditions', () => {
    expect(matchSkipRule({And: [present, {And: [flag, role]}], Next: 'T'})).toEqual({flag: 'skip_x', guarded: true, conditions: [role]})
  })

  it('rejects BooleanEquals false, nested paths, non-skip flags and Or', () => {
    expect(matchSkipRule({Variable: '$.skip_x', BooleanEquals: false, Next: 'T'})).toBeNull()
    expect(matchSkipRule({Variable: '$.result.skip_x', BooleanEquals: true, Next: 'T'})).toBeNull()
    expect(matchSkipRule({Variable: '$.shell_run', BooleanEquals: true, Next: 'T'})).toBeNull()
    expect(matchSkipRule({Or: [flag, role], Next: 'T'})).toBeNull()
    expect(matchSkipRule({Variable: '$.skip_x', StringEquals: 'true', Next: 'T'})).toBeNull()
  })

  it('takes another flag naming convention through flagPattern', () => {
    expect(matchSkipRule({Variable: '$.bypass_x', BooleanEquals: true, Next: 'T'}, /^bypass_/)).toEqual({flag: 'bypass_x', guarded: false, conditions: []})
  })
})

describe('deriveWorkloads', () => {
  it('guards the states from run entry to skip target, leaving out failure handling', () => {
    // Given a gated SSM quartet whose failures go to HandleFailure
    const def = definition('CheckSkipBacktester', {
      CheckSkipBacktester: gate('skip_backtester', 'Next', 'Backtester'),
      ...quartet('Backtester', 'Next', 'HandleFailure'),
      Next: succeed(),
      HandleFailure: task('FailExecution'),
      FailExecution: fail(),
    })
    // When workloads are derived
    const [w, ...rest] = deriveWorkloads(def)
    // Then the quartet and its poll loop are the workload, in pipeline order
    expect(rest).toEqual([])
    expect(w).toMatchObject({
      name: 'Backtester',
      gate: 'CheckSkipBacktester',
      flag: 'skip_backtester',
      skipTarget: 'Next',
      runEntry: 'Backtester',
      scope: '',
      parent: null,
      conditions: [],
      guarded: true,
      rejoins: true,
      states: ['Backtester', 'WaitForBacktester', 'CheckBacktesterStatus', 'BacktesterWait'],
    })
  })

  it('nests a gate inside a gate whose skip target lies beyond it (Backtester/Parity)', () => {
    // Given CheckSkipBacktester skipping to CheckSkipEvaluator past the Parity quartet
    const def = definition('CheckSkipBacktester', {
      CheckSkipBacktester: gate('skip_backtester', 'CheckSkipEvaluator', 'Backtester'),
      ...quartet('Backtester', 'CheckSkipParity', 'HandleFailure'),
      CheckSkipParity: gate('skip_parity', 'CheckSkipEvaluator', 'Parity'),
      ...quartet('Parity', 'CheckSkipEvaluator', 'HandleFailure'),
      CheckSkipEvaluator: gate('skip_evaluator', 'Done', 'Evaluator'),
      Evaluator: task('Done', 'HandleFailure'),
      Done: succeed(),
      HandleFailure: task('FailExecution'),
      FailExecution: fail(),
    })
    const ws = deriveWorkloads(def)
    expect(ws.map((w) => w.flag)).toEqual(['skip_backtester', 'skip_parity', 'skip_evaluator'])
    const backtester = byName(ws, 'Backtester')
    expect(backtester.states).toEqual(['Backtester', 'WaitForBacktester', 'CheckBacktesterStatus', 'BacktesterWait', 'CheckSkipParity', 'Parity', 'WaitForParity', 'CheckParityStatus', 'ParityWait'])
    expect(byName(ws, 'Parity').parent).toBe('Backtester')
    expect(byName(ws, 'Evaluator').parent).toBeNull()
    // And lookups find the innermost workload
    const index = indexWorkloads(ws)
    expect(workloadOf(index, 'WaitForParity')?.name).toBe('Parity')
    expect(workloadOf(index, 'CheckSkipParity')?.name).toBe('Backtester')
    expect(workloadOf(index, 'ExtractParityError')).toBeUndefined()
    expect(enclosingWorkloads(index, 'ParityWait').map((w) => w.name)).toEqual(['Parity', 'Backtester'])
    expect(index.byFlag.get('skip_parity')?.map((w) => w.gate)).toEqual(['CheckSkipParity'])
  })

  it('records a role condition ANDed into the skip rule', () => {
    const role: ChoiceRule = {Variable: '$.pipeline_role', StringEquals: 'primary'}
    const def = definition('CheckSkipTrain', {
      CheckSkipTrain: gate('skip_train', 'Done', 'Train', {conditions: [role]}),
      Train: task('Done'),
      Done: succeed(),
    })
    const [w] = deriveWorkloads(def)
    expect(w?.conditions).toEqual([role])
    expect(w?.states).toEqual(['Train'])
  })

  it('derives gates inside a Map processor, and an outer workload holds the whole Map', () => {
    // Given a gated Map whose item processor has its own gate
    const def = definition('CheckSkipScoring', {
      CheckSkipScoring: gate('skip_scoring', 'Done', 'ScoreEach'),
      ScoreEach: map('Done', branch('CheckSkipEnrich', {
        CheckSkipEnrich: gate('skip_enrich', 'Score', 'Enrich'),
        Enrich: task('Score', 'ItemFailed'),
        Score: task(undefined, 'ItemFailed'),
        ItemFailed: pass(undefined, {Parameters: {item_status: 'FAILED'}}),
      })),
      Done: succeed(),
    })
    const ws = deriveWorkloads(def)
    expect(ws.map((w) => w.name)).toEqual(['ScoreEach', 'Enrich'])
    expect(byName(ws, 'ScoreEach').states).toEqual(['ScoreEach', 'CheckSkipEnrich', 'Enrich', 'Score', 'ItemFailed'])
    expect(byName(ws, 'Enrich')).toMatchObject({scope: 'ScoreEach/items', states: ['Enrich'], parent: 'ScoreEach'})
  })

  it('derives gates at every level of a Parallel nested in a Parallel branch, depth-first in branch order', () => {
    // Given Outer (gated) whose branch 0 gates Inner, whose branch 1 gates Leaf; branch 1 of Outer gates Side
    const def = definition('CheckSkipOuter', {
      CheckSkipOuter: gate('skip_outer', 'Join', 'Outer'),
      Outer: parallel('Join', [
        branch('CheckSkipInner', {
          CheckSkipInner: gate('skip_inner', 'InnerDone', 'Inner'),
          Inner: parallel('InnerDone', [
            branch('Plain', {Plain: task(undefined)}),
            branch('CheckSkipLeaf', {CheckSkipLeaf: gate('skip_leaf', 'LeafDone', 'Leaf'), Leaf: task('LeafDone'), LeafDone: pass()}),
          ]),
          InnerDone: pass(),
        }),
        branch('CheckSkipSide', {CheckSkipSide: gate('skip_side', 'SideDone', 'Side'), Side: task('SideDone'), SideDone: pass()}),
      ]),
      Join: succeed(),
    })
    const ws = deriveWorkloads(def)
    expect(ws.map((w) => [w.name, w.scope, w.parent])).toEqual([
      ['Outer', '', null],
      ['Inner', 'Outer/0', 'Outer'],
      ['Leaf', 'Inner/1', 'Inner'],
      ['Side', 'Outer/1', 'Outer'],
    ])
    expect(byName(ws, 'Inner').states).toEqual(['Inner', 'Plain', 'CheckSkipLeaf', 'Leaf', 'LeafDone'])
    expect(byName(ws, 'Outer').states).toHaveLength(11)
    expect(workloadOf(indexWorkloads(ws), 'Leaf')?.name).toBe('Leaf')
    expect(workloadOf(indexWorkloads(ws), 'Plain')?.name).toBe('Inner')
  })

  it('reports an empty workload when the skip target never rejoins the run path', () => {
    // Given a gate whose run entry ends the execution without passing its skip target
    const def = definition('CheckSkipX', {
      CheckSkipX: gate('skip_x', 'Elsewhere', 'X'),
      X: task('Done'),
      Done: succeed(),
      Elsewhere: succeed(),
    })
    const [w] = deriveWorkloads(def)
    expect(w).toMatchObject({name: 'X', rejoins: false, states: []})
  })

  it('terminates on a loop that never leaves, and on a loop back through the gate', () => {
    const def = definition('CheckSkipSpin', {
      CheckSkipSpin: gate('skip_spin', 'Done', 'Spin'),
      Spin: wait('SpinAgain'),
      SpinAgain: {Type: 'Choice', Choices: [{Variable: '$.go', BooleanEquals: true, Next: 'CheckSkipSpin'}], Default: 'Spin'},
      Done: succeed(),
    })
    const [w] = deriveWorkloads(def)
    // The only way from Spin to Done runs back through the gate, which is not part of the workload.
    expect(w).toMatchObject({rejoins: false, states: []})
  })

  it('is not fooled by a BooleanEquals false test or by a shell_run detour', () => {
    const def = definition('CheckShellRun', {
      CheckShellRun: {Type: 'Choice', Choices: [{Variable: '$.shell_run', BooleanEquals: true, Next: 'ApplyDefaults'}], Default: 'CheckRunX'},
      ApplyDefaults: pass('CheckRunX'),
      CheckRunX: {Type: 'Choice', Choices: [{Variable: '$.skip_x', BooleanEquals: false, Next: 'X'}], Default: 'Done'},
      X: task('Done'),
      Done: succeed(),
    })
    expect(deriveWorkloads(def)).toEqual([])
  })

  it('derives the known workloads of a generated 150-state pipeline', () => {
    // Given a generated chain of quartets, fail-soft Lambdas, gates in gates, counter loops and gated Parallels
    const {definition: def, expected} = generatePipeline(150)
    expect(countStates(def)).toBe(150)
    // When workloads are derived
    const ws = deriveWorkloads(def)
    // Then every expected workload comes out, in pipeline order, with its states and parent
    expect(ws.map((w) => w.gate)).toEqual(expected.map((e) => e.gate))
    for (const e of expected) {
      const w = byName(ws, e.name)
      expect({flag: w.flag, skipTarget: w.skipTarget, parent: w.parent, states: [...w.states].sort()}).toEqual({
        flag: e.flag,
        skipTarget: e.skipTarget,
        parent: e.parent,
        states: [...e.states].sort(),
      })
    }
  })
})

function wait(next: string) {
  return {Type: 'Wait' as const, Seconds: 5, Next: next}
}
