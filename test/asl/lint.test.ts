import {describe, expect, it} from 'vitest'
import {formatDiagnostic, lintDefinition, lintErrors, LINT_RULE_IDS, STRUCTURAL_RULES} from '../../src/asl/lint.js'
import type {StateMachineDefinition} from '../../src/asl/types.js'
import {definition, generatePipeline, succeed, task} from './fixtures.js'

describe('lintDefinition', () => {
  it('runs every rule by default, in a fixed order', () => {
    // Given a definition that trips three rules
    const def = definition('Work', {Work: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Missing'}, Stray: succeed()})
    // When all rules run
    const found = lintDefinition(def)
    // Then each rule reports, in registry order
    expect(found.map((d) => d.id)).toEqual(['dangling-target', 'unreachable-state', 'task-without-catch', 'task-timeout'])
    expect(lintErrors(found).map((d) => d.id)).toEqual(['dangling-target'])
  })

  it('runs only the selected rules', () => {
    const def = definition('Work', {Work: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Missing'}})
    expect(lintDefinition(def, {rules: STRUCTURAL_RULES}).map((d) => d.id)).toEqual(['dangling-target'])
    expect(lintDefinition(def, {rules: []})).toEqual([])
  })

  it('names every rule in kebab-case', () => {
    expect(LINT_RULE_IDS).toHaveLength(12)
    for (const id of LINT_RULE_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)+$/)
  })

  it('takes another flag naming convention for the gate rules', () => {
    const def = definition('Gate', {
      Gate: {Type: 'Choice', Choices: [{Variable: '$.bypass_x', BooleanEquals: false, Next: 'X'}], Default: 'Done'},
      X: task('Done', 'Done'),
      Done: succeed(),
    })
    expect(lintDefinition(def, {rules: ['gate-shape']})).toEqual([])
    expect(lintDefinition(def, {rules: ['gate-shape'], flagPattern: /^bypass_/g})).toHaveLength(1)
  })

  it.each([
    ['an empty object', {}],
    ['States that is not an object', {StartAt: 'A', States: null}],
    ['rules and branches of the wrong type', {
      StartAt: 'A',
      States: {
        A: {Type: 'Choice', Choices: [null, 'x', {Not: null, Next: 'B'}, {And: [null, {Variable: '$.skip_x', BooleanEquals: true}], Next: 'B'}], Default: 'B'},
        B: {Type: 'Parallel', Branches: 'x', Retry: 'x', Catch: 'x', Next: 'C'},
        C: {Type: 'Map', ItemProcessor: {States: 'x'}, Next: 'D'},
        D: {Type: 'Task', Resource: 7, Catch: [null], Parameters: 'x', End: true},
      },
    }],
  ])('reports on %s without throwing', (_what, raw) => {
    const found = lintDefinition(raw as unknown as StateMachineDefinition)
    expect(lintErrors(found).length).toBeGreaterThan(0)
  })

  it('finds no errors in a generated 200-state pipeline', () => {
    const {definition: def} = generatePipeline(200)
    const found = lintDefinition(def)
    expect(lintErrors(found)).toEqual([])
    // Only the deliberately unguarded fail-soft gates draw a warning.
    expect(new Set(found.map((d) => d.id))).toEqual(new Set(['gate-shape']))
  })
})

describe('formatDiagnostic', () => {
  it('prints severity, rule, state and scope on one line', () => {
    expect(formatDiagnostic({id: 'task-timeout', severity: 'warning', state: 'Research', scope: 'Fan/0', message: 'm.'})).toBe('warning task-timeout Research (Fan/0): m.')
    expect(formatDiagnostic({id: 'invalid-state', severity: 'error', message: 'm.'})).toBe('error invalid-state: m.')
  })
})
