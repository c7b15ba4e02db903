import {describe, expect, it} from 'vitest'
import {lintDefinition, type LintRuleId} from '../../src/asl/lint.js'
import type {ParallelState, State, StateMachineDefinition} from '../../src/asl/types.js'
import {branch, definition, fail, parallel, pass, succeed, task} from './fixtures.js'

const run = (def: StateMachineDefinition, rule: LintRuleId) => lintDefinition(def, {rules: [rule]})

/** A Parallel of two branches ending in status-recording Pass terminals, as the Saturday pipeline has. */
function isolated(branchA: Record<string, State> = {}, extra: Partial<ParallelState> = {}) {
  return definition('Fan', {
    Fan: parallel(
      'Done',
      [
        branch('A', {A: task('AComplete', 'AFailed'), AComplete: pass(undefined, {Parameters: {branch_a_status: 'OK'}}), AFailed: pass(undefined, {Parameters: {branch_a_status: 'FAILED'}}), ...branchA}),
        branch('B', {B: task('BComplete', 'BFailed'), BComplete: pass(undefined, {Result: {branch_b_status: 'OK'}}), BFailed: pass()}),
      ],
      {Retry: [{ErrorEquals: ['States.ALL'], MaxAttempts: 0}], Catch: [{ErrorEquals: ['States.ALL'], Next: 'HandleFailure'}], ...extra},
    ),
    Done: succeed(),
    HandleFailure: pass('Failed'),
    Failed: fail(),
  })
}

describe('branch-isolation', () => {
  it('is silent on a Parallel whose branches catch everything into their own terminals and never retry', () => {
    expect(run(isolated(), 'branch-isolation')).toEqual([])
  })

  it('reports a Task in an isolated branch whose Catch leaves the branch', () => {
    const def = isolated({A: task('AComplete', 'HandleFailure')})
    expect(run(def, 'branch-isolation')).toEqual([
      expect.objectContaining({severity: 'error', state: 'A', scope: 'Fan/0', message: expect.stringContaining('goes to "HandleFailure", which is not a state of its branch')}),
    ])
  })

  it('reports a Task in an isolated branch that lets some error escape', () => {
    const def = isolated({A: task('AComplete', undefined, {Catch: [{ErrorEquals: ['States.TaskFailed'], Next: 'AFailed'}]})})
    expect(run(def, 'branch-isolation')).toEqual([expect.objectContaining({state: 'A', message: expect.stringContaining('no Catch for States.ALL')})])
  })

  it('reports a Fail state inside an isolated branch', () => {
    const def = isolated({AFailed: fail()})
    expect(run(def, 'branch-isolation').map((d) => d.state)).toEqual(['AFailed'])
  })

  it.each([
    ['MaxAttempts 2', [{ErrorEquals: ['States.ALL'], MaxAttempts: 2}]],
    ['the default MaxAttempts', [{ErrorEquals: ['States.ALL']}]],
  ])('reports a Parallel Retry with %s', (_what, Retry) => {
    expect(run(isolated({}, {Retry}), 'branch-isolation')).toEqual([expect.objectContaining({severity: 'error', state: 'Fan', message: expect.stringContaining('MaxAttempts other than 0')})])
  })

  it('leaves a Parallel alone when a branch has no status terminal', () => {
    const def = definition('Fan', {
      Fan: parallel('Done', [branch('A', {A: task(undefined)}), branch('B', {B: task('BDone', 'BFailed'), BDone: pass(), BFailed: pass()})], {Retry: [{ErrorEquals: ['States.ALL']}]}),
      Done: succeed(),
    })
    expect(run(def, 'branch-isolation')).toEqual([])
  })
})

describe('task-without-catch', () => {
  it('warns about a Task with no Catch', () => {
    const def = definition('Work', {Work: task('Done'), Done: succeed()})
    expect(run(def, 'task-without-catch')).toEqual([{id: 'task-without-catch', severity: 'warning', state: 'Work', message: expect.stringContaining('has no Catch')}])
  })

  it('is silent for a Task with a Catch, inside a Parallel that catches, or notifying on the way to a Fail', () => {
    const def = definition('Work', {
      Work: task('Fan', 'Notify'),
      Fan: parallel('Done', [branch('Inner', {Inner: task(undefined)})], {Catch: [{ErrorEquals: ['States.ALL'], Next: 'Notify'}]}),
      Done: succeed(),
      Notify: task('Failed', undefined, {Resource: 'arn:aws:states:::sns:publish'}),
      Failed: fail(),
    })
    expect(run(def, 'task-without-catch')).toEqual([])
  })

  it('warns about a Task in a branch when no enclosing Parallel catches', () => {
    const def = definition('Fan', {Fan: parallel('Done', [branch('Inner', {Inner: task(undefined)})]), Done: succeed()})
    expect(run(def, 'task-without-catch')).toEqual([expect.objectContaining({state: 'Inner', scope: 'Fan/0'})])
  })
})

describe('task-timeout', () => {
  it('warns about a Task without TimeoutSeconds', () => {
    const def = definition('Work', {Work: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true}})
    expect(run(def, 'task-timeout')).toEqual([{id: 'task-timeout', severity: 'warning', state: 'Work', message: expect.stringContaining('99999999 seconds')}])
  })

  it('accepts TimeoutSeconds or TimeoutSecondsPath', () => {
    const def = definition('A', {A: task('B'), B: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSecondsPath: '$.timeout', End: true}})
    expect(run(def, 'task-timeout')).toEqual([])
  })
})
