import {describe, expect, it} from 'vitest'
import {lintDefinition, type LintRuleId} from '../../src/asl/lint.js'
import type {State, StateMachineDefinition} from '../../src/asl/types.js'
import {branch, definition, parallel, pass, succeed, task} from './fixtures.js'

const run = (def: StateMachineDefinition, rule: LintRuleId) => lintDefinition(def, {rules: [rule]})
const raw = (states: Record<string, unknown>, startAt = 'A') => definition(startAt, states as Record<string, State>)

describe('invalid-state', () => {
  it.each([
    ['an unknown Type', {A: {Type: 'Lambda', End: true}}, /unknown Type "Lambda"/],
    ['a missing Type', {A: {End: true}}, /has no Type/],
    ['a state without Next or End', {A: {Type: 'Pass'}}, /neither Next nor End/],
    ['End together with Next', {A: {Type: 'Pass', Next: 'B', End: true}, B: {Type: 'Succeed'}}, /both Next and End/],
    ['a Choice without Choices', {A: {Type: 'Choice', Choices: [], Default: 'B'}, B: {Type: 'Succeed'}}, /Choice without Choices/],
    ['a Choice rule without Next', {A: {Type: 'Choice', Choices: [{Variable: '$.x', IsNull: true}], Default: 'B'}, B: {Type: 'Succeed'}}, /Choices\[0\] has no Next/],
    ['a Choice with End', {A: {Type: 'Choice', Choices: [{Variable: '$.x', IsNull: true, Next: 'B'}], End: true}, B: {Type: 'Succeed'}}, /cannot have Next or End/],
    ['a Succeed with Next', {A: {Type: 'Succeed', Next: 'A'}}, /cannot have Next or End/],
    ['a Parallel without Branches', {A: {Type: 'Parallel', End: true}}, /Parallel without Branches/],
    ['a Map without ItemProcessor', {A: {Type: 'Map', End: true}}, /Map without ItemProcessor/],
    ['a Task without Resource', {A: {Type: 'Task', End: true}}, /Task without Resource/],
    ['a Catch without ErrorEquals', {A: {Type: 'Task', Resource: 'arn:x', End: true, Catch: [{Next: 'B'}]}, B: {Type: 'Succeed'}}, /Catch\[0\] has no ErrorEquals/],
  ])('reports %s as an error', (_what, states, message) => {
    const [d, ...more] = run(raw(states), 'invalid-state')
    expect(more).toEqual([])
    expect(d).toMatchObject({id: 'invalid-state', severity: 'error', state: 'A'})
    expect(d?.message).toMatch(message)
  })

  it('reports a branch without StartAt or States, naming the Parallel and the branch scope', () => {
    const def = raw({A: {Type: 'Parallel', Branches: [{}], End: true}})
    expect(run(def, 'invalid-state')).toEqual([
      expect.objectContaining({state: 'A', scope: 'A/0', message: 'Branch A/0 has no StartAt.'}),
      expect.objectContaining({state: 'A', scope: 'A/0', message: 'Branch A/0 has no States.'}),
    ])
  })

  it('accepts every well-formed state type', () => {
    const def = raw({
      A: {Type: 'Pass', Next: 'B'},
      B: {Type: 'Wait', Seconds: 1, Next: 'C'},
      C: {Type: 'Choice', Choices: [{Variable: '$.x', IsPresent: true, Next: 'D'}], Default: 'F'},
      D: parallel('E', [branch('D1', {D1: pass()})]),
      E: {Type: 'Map', ItemProcessor: branch('E1', {E1: task(undefined)}), Next: 'S'},
      F: {Type: 'Fail', Error: 'X'},
      S: {Type: 'Succeed'},
    })
    expect(run(def, 'invalid-state')).toEqual([])
  })
})

describe('dangling-target', () => {
  it('reports a Next, Default, Choice Next, Catch Next or StartAt naming no state', () => {
    const def = raw(
      {
        A: task('Nowhere', 'NoHandler'),
        B: {Type: 'Choice', Choices: [{Variable: '$.x', IsNull: true, Next: 'NoRule'}], Default: 'NoDefault'},
      },
      'NoStart',
    )
    const found = run(def, 'dangling-target')
    expect(found.map((d) => d.message)).toEqual([
      'StartAt of the top level names "NoStart", but no state "NoStart" exists.',
      'State "A" names "Nowhere" as its Next, but no state "Nowhere" exists.',
      'State "A" names "NoHandler" as its Catch[0].Next, but no state "NoHandler" exists.',
      'State "B" names "NoRule" as its Choices[0].Next, but no state "NoRule" exists.',
      'State "B" names "NoDefault" as its Default, but no state "NoDefault" exists.',
    ])
    expect(found.every((d) => d.severity === 'error')).toBe(true)
  })

  it('is silent when every target exists', () => {
    expect(run(definition('A', {A: task('B', 'B'), B: succeed()}), 'dangling-target')).toEqual([])
  })
})

describe('edge-leaves-branch', () => {
  // A branch Task catching to the top-level HandleFailure: the name exists, but not in its scope.
  const escaping = definition('Fan', {
    Fan: parallel('Done', [branch('Work', {Work: task('WorkDone', 'HandleFailure'), WorkDone: pass()})]),
    Done: succeed(),
    HandleFailure: pass('Done'),
  })

  it('reports a transition out of a branch to a state of another scope, not as dangling', () => {
    const [d, ...more] = run(escaping, 'edge-leaves-branch')
    expect(more).toEqual([])
    expect(d).toMatchObject({id: 'edge-leaves-branch', severity: 'error', state: 'Work', scope: 'Fan/0'})
    expect(d?.message).toContain('"HandleFailure" exists only in the top level')
    expect(run(escaping, 'dangling-target')).toEqual([])
  })

  it('reports a top-level transition into a branch', () => {
    const def = definition('A', {A: pass('Inner'), Fan: parallel(undefined, [branch('Inner', {Inner: pass()})])})
    expect(run(def, 'edge-leaves-branch')[0]?.message).toContain('cannot enter a Parallel branch')
  })

  it('is silent when transitions stay in their scope', () => {
    const def = definition('Fan', {Fan: parallel('Done', [branch('Work', {Work: task('WorkDone', 'WorkDone'), WorkDone: pass()})]), Done: succeed()})
    expect(run(def, 'edge-leaves-branch')).toEqual([])
  })
})

describe('duplicate-state-name', () => {
  it('reports a name used in two scopes', () => {
    const def = definition('Fan', {Fan: parallel('Work', [branch('Work', {Work: pass()})]), Work: succeed()})
    expect(run(def, 'duplicate-state-name')).toEqual([expect.objectContaining({severity: 'error', state: 'Work', message: expect.stringContaining('used 2 times')})])
  })

  it('is silent when names are unique', () => {
    const def = definition('Fan', {Fan: parallel('Done', [branch('Work', {Work: pass()})]), Done: succeed()})
    expect(run(def, 'duplicate-state-name')).toEqual([])
  })
})

describe('unreachable-state', () => {
  it('warns about a state nothing leads to, in any scope', () => {
    const def = definition('Fan', {
      Fan: parallel('Done', [branch('Work', {Work: pass(), Stray: pass('Work')})]),
      Done: succeed(),
      Orphan: pass('Done'),
    })
    expect(run(def, 'unreachable-state').map((d) => [d.severity, d.state, d.scope])).toEqual([
      ['warning', 'Orphan', undefined],
      ['warning', 'Stray', 'Fan/0'],
    ])
  })

  it('is silent when every state is reachable, Catch targets included', () => {
    expect(run(definition('A', {A: task('B', 'C'), B: succeed(), C: pass('B')}), 'unreachable-state')).toEqual([])
  })
})
