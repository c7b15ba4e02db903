import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {StateMachineDefinition} from '../../src/asl/types.js'
import {diffDefinitions, diffValues, formatDiff} from '../../src/deploy/diff.js'
import {branch, definition, gate, parallel, pass, succeed, task} from '../asl/fixtures.js'
import {projectRoot} from '../helpers/run-command.js'

const before = () =>
  definition('Start', {
    Start: pass('CheckSkipWork'),
    CheckSkipWork: gate('skip_work', 'Done', 'Work'),
    Work: task('Done', undefined, {TimeoutSeconds: 60}),
    Old: pass('Done'),
    Done: succeed(),
  })

describe('diffDefinitions', () => {
  it('reports an added state, a removed state and a changed state with its fields', () => {
    // Given a definition where Work's timeout changes, Old goes and Extra comes
    const after = before()
    delete after.States.Old
    after.States.Work = task('Extra', undefined, {TimeoutSeconds: 120})
    after.States.Extra = pass('Done')

    // When diffed
    const diff = diffDefinitions(before(), after)

    // Then each change is reported once, in its category
    expect(diff.states.added).toEqual([{name: 'Extra', type: 'Pass', scope: ''}])
    expect(diff.states.removed).toEqual([{name: 'Old', type: 'Pass', scope: ''}])
    expect(diff.states.changed).toEqual([{name: 'Work', type: 'Task', scope: '', changes: [{path: 'TimeoutSeconds', before: 60, after: 120}]}])
    expect(diff.empty).toBe(false)
  })

  it('reports edges added, removed and changed, and keeps Next out of the field changes', () => {
    // Given Work now goes to Extra instead of Done, Old (and its edge) is gone, Extra is new
    const after = before()
    delete after.States.Old
    after.States.Work = task('Extra', undefined, {TimeoutSeconds: 60})
    after.States.Extra = pass('Done')

    const diff = diffDefinitions(before(), after)

    expect(diff.edges.changed).toEqual([{from: 'Work', kind: 'next', before: 'Done', after: 'Extra'}])
    expect(diff.edges.added).toEqual([{from: 'Extra', kind: 'next', to: 'Done'}])
    expect(diff.edges.removed).toEqual([{from: 'Old', kind: 'next', to: 'Done'}])
    // Work changed only by its edge: it is listed as changed, with no field changes
    expect(diff.states.changed).toEqual([{name: 'Work', type: 'Task', scope: '', changes: []}])
  })

  it('diffs a Choice rule edge and a Catch edge by index', () => {
    const a = before()
    const b = before()
    b.States.CheckSkipWork = gate('skip_work', 'Old', 'Work')
    b.States.Work = task('Done', 'Old', {TimeoutSeconds: 60})
    const diff = diffDefinitions(a, b)
    expect(diff.edges.changed).toEqual([{from: 'CheckSkipWork', kind: 'choice', index: 0, before: 'Done', after: 'Old'}])
    expect(diff.edges.added).toEqual([{from: 'Work', kind: 'catch', index: 0, to: 'Old'}])
    expect(diff.states.changed.find((s) => s.name === 'Work')?.changes).toEqual([{path: 'Catch', after: [{ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Old'}]}])
  })

  it('finds states inside Parallel branches and names their scope', () => {
    const mk = (timeout: number): StateMachineDefinition =>
      definition('P', {
        P: parallel('Done', [branch('A', {A: task(undefined, undefined, {TimeoutSeconds: timeout})}), branch('B', {B: pass()})]),
        Done: succeed(),
      })
    const diff = diffDefinitions(mk(60), mk(90))
    expect(diff.states.changed).toEqual([{name: 'A', type: 'Task', scope: 'P/0', changes: [{path: 'TimeoutSeconds', before: 60, after: 90}]}])
    // The Parallel itself did not change: its branches are compared through their states
    expect(diff.states.unchanged).toBe(3)
  })

  it('says nothing changed for equal definitions, and everything is new without a live one', () => {
    expect(diffDefinitions(before(), before()).empty).toBe(true)
    const created = diffDefinitions(undefined, before())
    expect(created.created).toBe(true)
    expect(created.states.added.map((s) => s.name)).toEqual(['Start', 'CheckSkipWork', 'Work', 'Done', 'Old'])
  })

  it('reports top-level changes (StartAt, TimeoutSeconds)', () => {
    const b = {...before(), StartAt: 'Work', TimeoutSeconds: 3600}
    expect(diffDefinitions(before(), b).top).toEqual([
      {path: 'StartAt', before: 'Start', after: 'Work'},
      {path: 'TimeoutSeconds', after: 3600},
    ])
  })

  it('diffs the shipped Saturday definition against itself as empty', () => {
    const sat = JSON.parse(readFileSync(join(projectRoot, 'asl/saturday-pipeline.asl.json'), 'utf8')) as StateMachineDefinition
    expect(diffDefinitions(sat, structuredClone(sat)).empty).toBe(true)
  })
})

describe('diffValues', () => {
  it('names nested paths with brackets for keys that are not identifiers', () => {
    expect(diffValues({Parameters: {'merged.$': '$.a', list: [1, 2]}}, {Parameters: {'merged.$': '$.b', list: [1]}}, '')).toEqual([
      {path: 'Parameters["merged.$"]', before: '$.a', after: '$.b'},
      {path: 'Parameters.list[1]', before: 2},
    ])
  })
})

describe('formatDiff', () => {
  it('prints like a change set: Add, Remove, Modify with field lines, then edges', () => {
    const after = before()
    delete after.States.Old
    after.States.Work = task('Extra', undefined, {TimeoutSeconds: 120})
    after.States.Extra = pass('Done')
    const text = formatDiff(diffDefinitions(before(), after), 'saturday (sm)')
    expect(text.split('\n')).toEqual([
      'saturday (sm): 1 added, 1 removed, 1 changed states; 3 edge change(s)',
      '  + Add     Extra (Pass)',
      '  - Remove  Old (Pass)',
      '  ~ Modify  Work (Task)',
      '              ~ TimeoutSeconds: 60 -> 120',
      '  edges:',
      '  + Extra --next--> Done',
      '  - Old --next--> Done',
      '  ~ Work --next--> Done => Extra',
    ])
  })
})
