// Walks a definition for a given input the way a run would go if every task succeeded, using the
// same Choice evaluation as the engine. The recovery planner verifies a plan with it: every flag it
// emits must really send its gate to the skip target, and every workload that must re-run must
// really be reached. Where the data a gate reads cannot be known (a task replaced the whole input),
// the gate's decision is 'unknown' and the planner must treat the flag as unproven.
import {buildGraph, type StateGraph, type StateNode} from './graph.js'
import {chooseNext, evaluateChoiceRule} from './choice.js'
import {applyPayloadTemplate} from './payload-template.js'
import {applyResultPath, queryPath, type PathData} from './paths.js'
import type {ChoiceState, JsonValue, ParallelState, PassState, StateMachineDefinition} from './types.js'
import {findSkipGates, type SkipGate} from './workloads.js'

const UNKNOWN = Symbol('unknown data')
type Data = JsonValue | typeof UNKNOWN
/** Stands for a task's result: present, contents unknown. A Choice that reads into it cannot be decided. */
const RESULT: JsonValue = Object.freeze({}) as JsonValue

export type GateDecision = 'skip' | 'run' | 'unknown'

export interface WalkResult {
  /** Every state some success path reaches, by name. */
  reached: Set<string>
  /** For each gate reached: whether its skip rule fires for the data it sees. */
  gates: Map<string, {gate: SkipGate; decision: GateDecision; reason?: string}>
}

export interface WalkOptions {
  startTime?: string
  executionName?: string
  graph?: StateGraph
}

export function walkDefinition(definition: StateMachineDefinition, input: JsonValue, options: WalkOptions = {}): WalkResult {
  const graph = options.graph ?? buildGraph(definition)
  const gates = new Map(findSkipGates(graph).map((g) => [g.gate, g]))
  const result: WalkResult = {reached: new Set(), gates: new Map()}
  const context: JsonValue = {
    Execution: {Id: 'walk', Name: options.executionName ?? 'walk', Input: input, StartTime: options.startTime ?? new Date().toISOString(), RedriveCount: 0},
    StateMachine: {Id: 'walk', Name: 'walk'},
  }

  const visitScope = (scopeId: string, data: Data) => {
    const scope = graph.scopes.get(scopeId)
    if (!scope?.startAt) return
    const queue: Array<[string, Data]> = [[scope.startAt, data]]
    const seen = new Set<string>()
    while (queue.length > 0) {
      const [name, d] = queue.shift()!
      if (seen.has(name)) continue
      seen.add(name)
      const node = scope.states.get(name)
      if (!node) continue
      result.reached.add(name)
      for (const [next, nd] of step(node, d)) queue.push([next, nd])
    }
  }

  const step = (node: StateNode, data: Data): Array<[string, Data]> => {
    const s = node.state
    const pathData = (input: JsonValue): PathData => ({input, context})
    switch (s.Type) {
      case 'Pass': {
        const out = data === UNKNOWN ? UNKNOWN : attempt(() => passOutput(s, pathData(data)))
        return s.Next ? [[s.Next, out]] : []
      }
      case 'Choice': {
        const gate = gates.get(node.name)
        if (gate) {
          const decision = gateDecision(s, gate, data, pathData)
          result.gates.set(node.name, {gate, ...decision})
          if (decision.decision === 'skip') return [[gate.skipTarget, data]]
          if (decision.decision === 'run') return [[gate.runEntry, data]]
          return [[gate.skipTarget, data], [gate.runEntry, data]]
        }
        // A Choice on the input alone (CheckShellRun) is decided; one that reads a task's result
        // (a poll status, a coverage check) could go any way, so every branch is walked.
        if (data !== UNKNOWN && !readsResult(s, data)) {
          try {
            const choice = chooseNext(s, pathData(data))
            if (choice.next) return [[choice.next, data]]
          } catch {
            // Undecidable on what the walk knows: every branch is possible.
          }
        }
        return [...s.Choices.map((r) => r.Next).filter((n): n is string => typeof n === 'string'), ...(s.Default ? [s.Default] : [])].map((n) => [n, data])
      }
      case 'Parallel':
      case 'Map': {
        const branchInput = data === UNKNOWN || s.Type === 'Map' ? UNKNOWN : attempt(() => parallelInput(s, pathData(data)))
        for (const child of node.childScopes) visitScope(child, branchInput)
        return s.Next ? [[s.Next, resultApplied(s.ResultPath, data)]] : []
      }
      case 'Task':
        return s.Next ? [[s.Next, resultApplied(s.ResultPath, data, s.OutputPath)]] : []
      case 'Wait':
        return s.Next ? [[s.Next, data]] : []
      default:
        return []
    }
  }

  visitScope('', input)
  return result
}

function gateDecision(state: ChoiceState, gate: SkipGate, data: Data, pathData: (d: JsonValue) => PathData): {decision: GateDecision; reason?: string} {
  if (data === UNKNOWN) return {decision: 'unknown', reason: 'an earlier state replaces the whole input, so the flags the gate reads cannot be known'}
  const rule = state.Choices[gate.ruleIndex]
  if (!rule) return {decision: 'unknown', reason: 'the gate rule is missing'}
  try {
    // Earlier rules of the same Choice win first, as the engine evaluates them in order.
    const choice = chooseNext(state, pathData(data))
    if (choice.ruleIndex === gate.ruleIndex) return {decision: 'skip'}
    const fires = evaluateChoiceRule(rule, pathData(data))
    return {decision: 'run', reason: fires ? `an earlier rule of ${gate.gate} matches first` : undefined}
  } catch (error) {
    return {decision: 'unknown', reason: (error as Error).message}
  }
}

function passOutput(s: PassState, data: PathData): JsonValue {
  const effective = s.InputPath === null ? {} : s.InputPath ? queryPath(s.InputPath, data) : data.input
  // Lenient: a field read from a task result the walk does not have becomes null, the rest stays known.
  const result = s.Parameters !== undefined ? applyPayloadTemplate(s.Parameters, {...data, input: effective}, {lenient: true}) : s.Result !== undefined ? s.Result : effective
  const out = applyResultPath(data.input, s.ResultPath, result)
  return s.OutputPath === null ? {} : s.OutputPath ? queryPath(s.OutputPath, {...data, input: out}) : out
}

function parallelInput(s: ParallelState, data: PathData): JsonValue {
  const effective = s.InputPath === null ? {} : s.InputPath ? queryPath(s.InputPath, data) : data.input
  return s.Parameters !== undefined ? applyPayloadTemplate(s.Parameters, {...data, input: effective}, {lenient: true}) : effective
}

/** A task's unknown result lands at its ResultPath: the rest of the input (the flags) survives only beside it. */
function resultApplied(resultPath: string | null | undefined, data: Data, outputPath?: string | null): Data {
  if (data === UNKNOWN) return UNKNOWN
  if (resultPath === null) return outputPath === undefined || outputPath === '$' ? data : UNKNOWN
  if (resultPath === undefined || resultPath === '$') return UNKNOWN
  if (outputPath !== undefined && outputPath !== '$') return UNKNOWN
  return attempt(() => applyResultPath(data, resultPath, RESULT))
}

/** Whether any path a Choice's rules read runs into a task result. */
function readsResult(state: ChoiceState, data: JsonValue): boolean {
  const paths: string[] = []
  const collect = (rule: unknown) => {
    if (!rule || typeof rule !== 'object') return
    for (const [k, v] of Object.entries(rule)) {
      if ((k === 'Variable' || k.endsWith('Path')) && typeof v === 'string') paths.push(v)
      else if (k === 'And' || k === 'Or') (v as unknown[]).forEach(collect)
      else if (k === 'Not') collect(v)
    }
  }
  state.Choices.forEach(collect)
  return paths.some((p) => {
    if (!p.startsWith('$.')) return false
    let node: JsonValue | undefined = data
    for (const key of p.slice(2).split(/[.[\]'"]+/).filter(Boolean)) {
      if (node === RESULT) return true
      if (!node || typeof node !== 'object') return false
      node = Array.isArray(node) ? node[Number(key)] : node[key]
    }
    return node === RESULT
  })
}

function attempt(f: () => JsonValue): Data {
  try {
    return f()
  } catch {
    return UNKNOWN
  }
}
