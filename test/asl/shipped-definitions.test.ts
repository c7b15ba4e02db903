// Structural checks on the definitions ae ships: they parse, and every transition lands on a state
// of its own scope. ASL scopes are separate: a Parallel branch (or Map processor) can only name its
// own states, and the top level cannot name a state inside a branch.
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {Branch, State, StateMachineDefinition} from '../../src/asl/types.js'

const shipped = [
  {file: 'saturday-pipeline.asl.json'},
  {file: 'weekday-pipeline.asl.json'},
]

function load(file: string): StateMachineDefinition {
  return JSON.parse(readFileSync(new URL(`../../asl/${file}`, import.meta.url), 'utf8')) as StateMachineDefinition
}

interface Scope {
  label: string
  machine: Branch
}

/** The top level and every nested branch, each as its own scope. */
function scopesOf(definition: StateMachineDefinition): Scope[] {
  const scopes: Scope[] = []
  const visit = (label: string, machine: Branch): void => {
    scopes.push({label, machine})
    for (const [name, state] of Object.entries(machine.States)) {
      if (state.Type === 'Parallel') state.Branches.forEach((branch, i) => visit(`${name}.Branches[${i}]`, branch))
      if (state.Type === 'Map') {
        const processor = state.ItemProcessor ?? state.Iterator
        if (processor) visit(`${name}.ItemProcessor`, processor)
      }
    }
  }
  visit('top level', definition)
  return scopes
}

/** Every transition a state declares, named by the field that declares it. */
function transitionsOf(state: State): Array<{field: string; target: string}> {
  const out: Array<{field: string; target: string}> = []
  if (state.Next !== undefined) out.push({field: 'Next', target: state.Next})
  if (state.Type === 'Choice') {
    if (state.Default !== undefined) out.push({field: 'Default', target: state.Default})
    state.Choices.forEach((rule, i) => {
      if (rule.Next !== undefined) out.push({field: `Choices[${i}].Next`, target: rule.Next})
    })
  }
  if (state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map') {
    ;(state.Catch ?? []).forEach((rule, i) => out.push({field: `Catch[${i}].Next`, target: rule.Next}))
  }
  return out
}

/** Human-readable list of transitions whose target is not a state of the same scope. */
function danglingTransitions(definition: StateMachineDefinition): string[] {
  const problems: string[] = []
  for (const {label, machine} of scopesOf(definition)) {
    if (!(machine.StartAt in machine.States)) problems.push(`${label}: StartAt -> ${machine.StartAt}`)
    for (const [name, state] of Object.entries(machine.States)) {
      for (const {field, target} of transitionsOf(state)) {
        if (!(target in machine.States)) problems.push(`${label}: ${name}.${field} -> ${target}`)
      }
    }
  }
  return problems
}

describe.each(shipped)('shipped definition $file', ({file}) => {
  it('parses as JSON with StartAt and States', () => {
    // Given the file as shipped
    // When it is parsed
    const definition = load(file)

    // Then it has the top-level shape of a state machine
    expect(typeof definition.StartAt).toBe('string')
    expect(Object.keys(definition.States).length).toBeGreaterThan(0)
  })

  it('names only states of its own scope in every Next, Default, Choices[].Next and Catch[].Next, and in StartAt', () => {
    // Given the parsed definition
    const definition = load(file)

    // When every scope's transitions are checked against that scope's states
    const problems = danglingTransitions(definition)

    // Then none is dangling or crosses a branch boundary
    expect(problems).toEqual([])
  })
})

describe('the scope check itself', () => {
  it('reports a branch state that targets a top-level state', () => {
    // Given a Parallel whose branch names the top-level HandleFailure
    const definition: StateMachineDefinition = {
      StartAt: 'Fork',
      States: {
        Fork: {
          Type: 'Parallel',
          End: true,
          Branches: [{StartAt: 'Work', States: {Work: {Type: 'Pass', Next: 'HandleFailure'}}}],
        },
        HandleFailure: {Type: 'Fail'},
      },
    }

    // When it is checked
    const problems = danglingTransitions(definition)

    // Then the cross-scope edge is reported
    expect(problems).toEqual(['Fork.Branches[0]: Work.Next -> HandleFailure'])
  })

  it('reports a missing StartAt and a dangling Choice Default and Catch', () => {
    // Given a definition with a missing StartAt, a Choice Default and a Catch that name no state
    const definition: StateMachineDefinition = {
      StartAt: 'Nowhere',
      States: {
        Gate: {Type: 'Choice', Choices: [{Variable: '$.x', BooleanEquals: true, Next: 'Gate'}], Default: 'Gone'},
        Work: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Catch: [{ErrorEquals: ['States.ALL'], Next: 'Lost'}]},
      },
    }

    // When it is checked
    const problems = danglingTransitions(definition)

    // Then each is reported
    expect(problems).toEqual(['top level: StartAt -> Nowhere', 'top level: Gate.Default -> Gone', 'top level: Work.Catch[0].Next -> Lost'])
  })
})
