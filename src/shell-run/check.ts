// The wiring a Friday shell run depends on, checked before the rule is switched on: the rule
// starts the Saturday state machine with exactly {"shell_run": true}, and the live definition has
// the shell-run gate whose defaults switch every skip flag on. A miswired shell run is not a dry
// run: it is a full Saturday run on a Friday afternoon.
import type {Target} from '@aws-sdk/client-eventbridge'
import {flagAssignments} from '../asl/flag-literals.js'
import {buildGraph} from '../asl/graph.js'
import type {ChoiceState, JsonValue, PassState, StateMachineDefinition} from '../asl/types.js'
import {deriveWorkloadsFromGraph, matchSkipRule} from '../asl/workloads.js'
import {deepEqual} from '../deploy/diff.js'

export const SHELL_RUN_INPUT = {shell_run: true} as const

export interface ShellRunGate {
  gate: string
  defaults: string
  /** Skip flags the defaults state sets to true. */
  flagsSet: string[]
}

/** The Choice that sends `shell_run: true` to a Pass, and what that Pass sets. */
export function findShellRunGate(def: StateMachineDefinition): ShellRunGate | undefined {
  const graph = buildGraph(def)
  for (const node of graph.ordered) {
    if (node.type !== 'Choice') continue
    const choices = (node.state as ChoiceState).Choices ?? []
    for (const rule of choices) {
      if (typeof rule?.Next !== 'string' || matchSkipRule(rule, /^shell_run$/)?.flag !== 'shell_run') continue
      const target = graph.scopes.get(node.scope)?.states.get(rule.Next)
      if (!target || target.type !== 'Pass') continue
      const pass = target.state as PassState
      const flags = new Map<string, JsonValue>()
      for (const payload of [pass.Result, pass.Parameters, pass.Output]) {
        for (const [f, v] of flagAssignments(payload, /^skip_/)) if (!flags.has(f)) flags.set(f, v)
      }
      return {gate: node.name, defaults: target.name, flagsSet: [...flags].filter(([, v]) => v === true).map(([f]) => f)}
    }
  }
  return undefined
}

/** Problems with the live definition, one line each; empty when a shell run would skip every workload. */
export function checkShellRunDefinition(def: StateMachineDefinition): string[] {
  const gate = findShellRunGate(def)
  if (!gate) return ['the live definition has no shell-run gate (a Choice sending {"shell_run": true} to a Pass that sets the skip flags), so a shell run would be a full run']
  const flags = [...new Set(deriveWorkloadsFromGraph(buildGraph(def)).map((w) => w.flag))]
  const missing = flags.filter((f) => !gate.flagsSet.includes(f))
  return missing.length === 0 ? [] : [`the shell-run defaults (${gate.defaults}) do not set ${missing.join(', ')}: a shell run would still run ${missing.length === 1 ? 'that workload' : 'those workloads'}`]
}

/** Problems with the rule's targets: exactly one should start the state machine with {"shell_run": true}. */
export function checkShellRunTargets(targets: Target[], stateMachineArn: string): string[] {
  if (targets.length === 0) return ['the rule has no target']
  const onMachine = targets.filter((t) => t.Arn === stateMachineArn)
  if (onMachine.length === 0) return [`the rule targets ${targets.map((t) => t.Arn).join(', ')}, not ${stateMachineArn}`]
  const problems: string[] = []
  for (const t of onMachine) {
    let input: unknown
    try {
      input = t.Input === undefined ? undefined : JSON.parse(t.Input)
    } catch {
      input = t.Input
    }
    if (!deepEqual(input as JsonValue, SHELL_RUN_INPUT)) problems.push(`target ${t.Id} sends ${t.Input ?? 'the event itself'} instead of {"shell_run": true}`)
  }
  const others = targets.filter((t) => t.Arn !== stateMachineArn)
  if (others.length > 0) problems.push(`the rule also targets ${others.map((t) => t.Arn).join(', ')}`)
  return problems
}
