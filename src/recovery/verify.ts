// The plan checks itself before anything starts: walk the definition the recovery will run with
// the exact recovery input, using the engine's Choice evaluation. A flag that would be inert, or a
// failed workload the walk does not reach, is an error, never a silent skip.
import type {StateGraph} from '../asl/graph.js'
import type {JsonValue, StateMachineDefinition} from '../asl/types.js'
import {walkDefinition} from '../asl/walk.js'
import type {Workload} from '../asl/workloads.js'
import type {Decision} from './decide.js'

export interface Verification {
  ok: boolean
  errors: string[]
}

export function verifyPlan(definition: StateMachineDefinition, graph: StateGraph, input: JsonValue, workloads: readonly Workload[], skipGates: readonly Workload[], decisions: Map<string, Decision>): Verification {
  const walk = walkDefinition(definition, input, {graph})
  const errors: string[] = []
  for (const g of skipGates) {
    const seen = walk.gates.get(g.gate)
    if (!seen) {
      errors.push(`${g.flag} has no effect: gate ${g.gate} is not reached with the recovery input`)
    } else if (seen.decision !== 'skip') {
      const extra = g.conditions.length ? `; the gate also requires ${JSON.stringify(g.conditions)}` : ''
      errors.push(`${g.flag} would be inert: gate ${g.gate} does not take its skip branch (${seen.reason ?? 'its rule does not match'})${extra}`)
    }
  }
  for (const w of workloads) {
    const d = decisions.get(w.name)
    if (d?.decision !== 'run') continue
    if (!walk.reached.has(w.runEntry)) {
      errors.push(`${w.name} must run (${d.reason}) but the recovery input does not reach ${w.runEntry}`)
    }
  }
  return {ok: errors.length === 0, errors}
}
