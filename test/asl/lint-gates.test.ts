import {describe, expect, it} from 'vitest'
import {lintDefinition, type LintRuleId} from '../../src/asl/lint.js'
import type {ChoiceState, StateMachineDefinition} from '../../src/asl/types.js'
import {branch, definition, gate, parallel, pass, succeed, task} from './fixtures.js'

const run = (def: StateMachineDefinition, rule: LintRuleId) => lintDefinition(def, {rules: [rule]})
const choice = (rules: ChoiceState['Choices'], Default?: string): ChoiceState => ({Type: 'Choice', Choices: rules, ...(Default ? {Default} : {})})
const oneGate = (g: ChoiceState, before: Record<string, ReturnType<typeof pass>> = {}, startAt = 'Gate') =>
  definition(startAt, {...before, Gate: g, X: task('Done'), Done: succeed()})

describe('gate-shape', () => {
  it.each([
    ['BooleanEquals false', choice([{Variable: '$.skip_x', BooleanEquals: false, Next: 'X'}], 'Done'), /rule 0 tests \$\.skip_x with BooleanEquals false/],
    ['a string comparison', choice([{Variable: '$.skip_x', StringEquals: 'true', Next: 'Done'}], 'X'), /with StringEquals, not with BooleanEquals true/],
    ['an Or', choice([{Or: [{Variable: '$.skip_x', BooleanEquals: true}, {Variable: '$.y', IsNull: true}], Next: 'Done'}], 'X'), /under an Or or a Not/],
    ['no Default', choice([{And: [{Variable: '$.skip_x', IsPresent: true}, {Variable: '$.skip_x', BooleanEquals: true}], Next: 'Done'}]), /has no Default/],
    ['more than one rule', {...gate('skip_x', 'Done', 'X'), Choices: [...gate('skip_x', 'Done', 'X').Choices, {Variable: '$.y', IsNull: true, Next: 'X'}]}, /Choice of 2 rules/],
    ['no IsPresent guard on a flag nothing sets', gate('skip_x', 'Done', 'X', {guard: false}), /without an IsPresent guard/],
  ])('warns about a skip-flag Choice with %s', (_what, g, message) => {
    const found = run(oneGate(g as ChoiceState), 'gate-shape')
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((d) => d.severity === 'warning' && d.state === 'Gate')).toBe(true)
    expect(found.map((d) => d.message).join('\n')).toMatch(message)
  })

  it('is silent on a guarded gate and on Choices that test no skip flag', () => {
    expect(run(oneGate(gate('skip_x', 'Done', 'X')), 'gate-shape')).toEqual([])
    expect(run(oneGate(choice([{Variable: '$.shell_run', BooleanEquals: true, Next: 'X'}], 'Done')), 'gate-shape')).toEqual([])
  })

  it('accepts an unguarded gate when a state on every path before it sets the flag', () => {
    // Given InitializeInput writing skip_x = false ahead of an unguarded gate
    const init = pass('Gate', {Parameters: {'merged.$': String.raw`States.JsonMerge(States.StringToJson('\{"skip_x":false\}'), $, false)`}, OutputPath: '$.merged'})
    expect(run(oneGate(gate('skip_x', 'Done', 'X', {guard: false}), {Init: init}, 'Init'), 'gate-shape')).toEqual([])
  })

  it('still warns when the setter sits on one path only', () => {
    const def = definition('Fork', {
      Fork: choice([{Variable: '$.shell_run', BooleanEquals: true, Next: 'Defaults'}], 'Gate'),
      Defaults: pass('Gate', {Result: {skip_x: true}}),
      Gate: gate('skip_x', 'Done', 'X', {guard: false}),
      X: task('Done'),
      Done: succeed(),
    })
    expect(run(def, 'gate-shape').map((d) => d.message)).toEqual([expect.stringContaining('without an IsPresent guard')])
  })

  it('sees a setter ahead of the Parallel that holds an unguarded gate', () => {
    const def = definition('Init', {
      Init: pass('Fan', {Result: {skip_x: false}}),
      Fan: parallel('Done', [branch('Gate', {Gate: gate('skip_x', 'BDone', 'X', {guard: false}), X: task('BDone'), BDone: pass()})]),
      Done: succeed(),
    })
    expect(run(def, 'gate-shape')).toEqual([])
  })
})

describe('gate-never-rejoins', () => {
  it('warns about a gate whose skip target cannot be reached from its run entry', () => {
    const def = definition('Gate', {Gate: gate('skip_x', 'Elsewhere', 'X'), X: task('Done'), Done: succeed(), Elsewhere: succeed()})
    expect(run(def, 'gate-never-rejoins')).toEqual([
      {id: 'gate-never-rejoins', severity: 'warning', state: 'Gate', message: expect.stringContaining('Gate "Gate" never rejoins')},
    ])
  })

  it('is silent when the run path rejoins the skip target, or the target or run entry does not exist', () => {
    expect(run(oneGate(gate('skip_x', 'Done', 'X')), 'gate-never-rejoins')).toEqual([])
    expect(run(oneGate(gate('skip_x', 'Missing', 'X')), 'gate-never-rejoins')).toEqual([])
    expect(run(oneGate(gate('skip_x', 'Done', 'Missing')), 'gate-never-rejoins')).toEqual([])
  })
})

describe('shell-run-defaults', () => {
  const withDefaults = (defaults: ReturnType<typeof pass>) =>
    definition('CheckShellRun', {
      CheckShellRun: choice([{Variable: '$.shell_run', BooleanEquals: true, Next: 'ApplyShellRunDefaults'}], 'GateA'),
      ApplyShellRunDefaults: {...defaults, Next: 'GateA'},
      GateA: gate('skip_a', 'GateB', 'A'),
      A: task('GateB'),
      GateB: gate('skip_b', 'Done', 'B'),
      B: task('Done'),
      Done: succeed(),
    })
  const merge = (json: string) => pass('GateA', {Parameters: {'merged.$': `States.JsonMerge(States.StringToJson('${json}'), $, false)`}, OutputPath: '$.merged'})

  it('reports the gate flags a JsonMerge defaults literal leaves out', () => {
    const found = run(withDefaults(merge(String.raw`\{"skip_a":true\}`)), 'shell-run-defaults')
    expect(found).toEqual([expect.objectContaining({severity: 'error', state: 'ApplyShellRunDefaults'})])
    expect(found[0]?.message).toContain('not "skip_b"')
  })

  it('counts a flag set to false as missing, and reads a literal Result object', () => {
    const found = run(withDefaults(pass('GateA', {Result: {skip_a: true, skip_b: false}, ResultPath: '$.defaults'})), 'shell-run-defaults')
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('not "skip_b"')])
  })

  it('warns about a flag set to true that no gate tests', () => {
    const found = run(withDefaults(merge(String.raw`\{"skip_a":true,"skip_b":true,"skip_typo":true\}`)), 'shell-run-defaults')
    expect(found).toEqual([expect.objectContaining({severity: 'warning', message: expect.stringContaining('"skip_typo"')})])
  })

  it('is silent when the defaults switch every gate, or when there is no defaults state', () => {
    expect(run(withDefaults(merge(String.raw`\{"skip_a":true,"skip_b":true\}`)), 'shell-run-defaults')).toEqual([])
    expect(run(withDefaults(pass('GateA', {Result: {skip_a: true, skip_b: true}, ResultPath: '$.defaults'})), 'shell-run-defaults')).toEqual([])
    expect(run(oneGate(gate('skip_x', 'Done', 'X')), 'shell-run-defaults')).toEqual([])
  })
})
