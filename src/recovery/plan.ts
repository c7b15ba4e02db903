// The recovery plan, as data: pure composition of lineage outcomes, evidence, decisions, the
// recovery input and its verification. Everything `ae recover` prints and starts comes from here.
import {buildGraph} from '../asl/graph.js'
import type {JsonObject, StateMachineDefinition} from '../asl/types.js'
import {deriveWorkloadsFromGraph, type Workload} from '../asl/workloads.js'
import type {Outcome} from '../executions/outcomes.js'
import type {RunDate} from '../executions/run-date.js'
import type {Timeline} from '../executions/timeline.js'
import {recoveryMarkerOf} from '../executions/lineage.js'
import type {JsonValue} from '../asl/types.js'
import {decide} from './decide.js'
import {judgeEvidence, type KeyResult, type Verdict} from './evidence.js'
import {buildRecoveryInput, recoveryName} from './input.js'
import {lineageOutcomes} from './lineage-outcomes.js'
import {chooseStrategy, redriveOption, type RedriveOption, type Strategy} from './strategy.js'
import {verifyPlan, type Verification} from './verify.js'

export interface PlanExecution {
  executionArn: string
  status: string
  input: JsonValue
  definition: StateMachineDefinition
  timeline: Timeline
  redriveStatus?: string
  redriveStatusReason?: string
}

export interface PlanContext {
  pipeline: string
  /** Oldest first; the last one is the source. */
  lineage: PlanExecution[]
  /** The definition the recovery will run (the live one); the source's when unknown. */
  liveDefinition?: StateMachineDefinition
  runDate: RunDate
  runDateField: string
  evidence: KeyResult[]
  rerun: string[]
  strategy: 'auto' | Strategy
  nameTemplate: string
  extraInput: JsonObject
  requestId: string
}

export interface PlannedWorkload {
  name: string
  gate: string
  flag: string
  outcome: Outcome
  outcomes: Array<{executionArn: string; outcome: Outcome}>
  durationMs?: number
  evidence: Array<Pick<KeyResult, 'bucket' | 'key' | 'role' | 'present' | 'poisoned' | 'corrupt'>>
  evidenceVerdict: Verdict
  evidenceSummary: string
  decision: 'skip' | 'run'
  reason: string
}

export interface Blocker {
  code: string
  message: string
  keys?: string[]
  command?: string
}

export interface RecoveryPlan {
  source: {executionArn: string; status: string; pipeline: string; runDate: string; runDateSource: string; runDateDetail: string}
  lineage: string[]
  workloads: PlannedWorkload[]
  skipFlags: Record<string, true>
  run: string[]
  skip: string[]
  unavoidable: Array<{workload: string; reason: string; durationMs?: number}>
  strategy: Strategy
  strategyReason: string
  redrive: RedriveOption
  /** Compute the skipped workloads took in the lineage: what this recovery does not pay again. */
  savedMs: number
  /** Completed work this recovery pays again (unavoidable or downstream of a re-run). */
  repeatedMs: number
  executionName: string
  input: JsonObject
  verification: Verification
  warnings: string[]
  blocked: Blocker[]
  started: {executionArn: string; kind: 'start' | 'redrive'} | null
}

export function planRecovery(ctx: PlanContext): RecoveryPlan {
  const source = ctx.lineage.at(-1)!
  const definition = ctx.liveDefinition ?? source.definition
  const graph = buildGraph(definition)
  const workloads = deriveWorkloadsFromGraph(graph)
  const warnings: string[] = []
  warnings.push(...gateDrift(source.definition, workloads))

  const outcomes = lineageOutcomes(ctx.lineage.map((e) => ({executionArn: e.executionArn, runs: e.timeline.workloads})), workloads.map((w) => w.name))
  const evidence = new Map(workloads.map((w) => [w.name, judgeEvidence(w.name, outcomes.get(w.name)!.outcome, ctx.evidence.filter((k) => k.workload === w.name))]))
  for (const e of evidence.values()) {
    if (e.verdict === 'contradict') warnings.push(`${e.workload}: history says completed but ${e.summary} are present; it runs again`)
    if (e.verdict === 'partial') warnings.push(`${e.workload}: partial progress (${e.summary}); it runs and resumes from them`)
    for (const k of e.keys.filter((k) => k.corrupt && !k.poisoned)) warnings.push(`${e.workload}: s3://${k.bucket}/${k.key} is not valid JSON and will not be resumed from; delete or fix it`)
  }

  const decisions = decide(graph, workloads, outcomes, evidence, new Set(ctx.rerun))
  const skipFlags = Object.fromEntries(decisions.skipGates.map((g) => [g.flag, true as const]))
  const marker = recoveryMarkerOf(source.input)
  const attempt = (marker?.attempt ?? 0) + 1
  const input = buildRecoveryInput({
    sourceInput: source.input,
    runDate: ctx.runDate.runDate,
    runDateField: ctx.runDateField,
    gateFlags: workloads.map((w) => w.flag),
    skipFlags,
    marker: {of: source.executionArn, root: marker?.root ?? ctx.lineage[0]!.executionArn, attempt, requestId: ctx.requestId},
    extraInput: ctx.extraInput,
  })
  const verification = verifyPlan(definition, graph, input, workloads, decisions.skipGates, decisions.byWorkload)
  const redrive = redriveOption(source)
  const {strategy, reason: strategyReason} = chooseStrategy(ctx.strategy, redrive, decisions.byWorkload)
  if (ctx.strategy === 'redrive' && !redrive.eligible) warnings.push(`--strategy redrive was requested but ${redrive.reason}`)

  const planned: PlannedWorkload[] = workloads.map((w) => plannedWorkload(w, outcomes.get(w.name)!, evidence.get(w.name)!, decisions.byWorkload.get(w.name)!))
  const duration = (name: string) => outcomes.get(name)?.durationMs ?? 0
  const blocked: Blocker[] = []
  const poisoned = [...evidence.values()].flatMap((e) => e.keys.filter((k) => k.poisoned))
  if (poisoned.length > 0) {
    blocked.push({
      code: 'POISONED_EVIDENCE',
      message: `${poisoned.length} resume key(s) carry the quarantine marker (dry-run stubs); a re-run would reuse them as real work`,
      keys: poisoned.map((k) => `s3://${k.bucket}/${k.key}`),
      command: poisoned.map((k) => `aws s3 rm s3://${k.bucket}/${k.key}`).join(' && '),
    })
  }
  if (!verification.ok) blocked.push({code: 'PLAN_UNVERIFIED', message: `the plan does not verify on the definition the recovery would run: ${verification.errors.join('; ')}`})
  if (strategy === 'redrive' && !redrive.eligible) blocked.push({code: 'NOT_REDRIVABLE', message: `cannot redrive: ${redrive.reason}`})

  const run = planned.filter((p) => p.decision === 'run').map((p) => p.name)
  const repeated = planned.filter((p) => p.decision === 'run' && (p.outcome === 'completed')).map((p) => p.name)
  return {
    source: {executionArn: source.executionArn, status: source.status, pipeline: ctx.pipeline, runDate: ctx.runDate.runDate, runDateSource: ctx.runDate.source, runDateDetail: ctx.runDate.detail},
    lineage: ctx.lineage.map((e) => e.executionArn),
    workloads: planned,
    skipFlags,
    run,
    skip: planned.filter((p) => p.decision === 'skip').map((p) => p.name),
    unavoidable: decisions.unavoidable.map((u) => ({...u, durationMs: duration(u.workload)})),
    strategy,
    strategyReason,
    redrive,
    savedMs: decisions.skipGates.reduce((n, g) => n + duration(g.name), 0),
    repeatedMs: repeated.reduce((n, name) => n + topLevelDuration(name, workloads, repeated, duration), 0),
    executionName: recoveryName(ctx.nameTemplate, ctx.runDate.runDate, attempt),
    input,
    verification,
    warnings,
    blocked,
    started: null,
  }
}

function plannedWorkload(w: Workload, o: ReturnType<typeof lineageOutcomes> extends Map<string, infer V> ? V : never, e: ReturnType<typeof judgeEvidence>, d: {decision: 'skip' | 'run'; reason: string}): PlannedWorkload {
  return {
    name: w.name,
    gate: w.gate,
    flag: w.flag,
    outcome: o.outcome,
    outcomes: o.history,
    ...(o.durationMs !== undefined ? {durationMs: o.durationMs} : {}),
    evidence: e.keys.map(({bucket, key, role, present, poisoned, corrupt}) => ({bucket, key, role, present, poisoned, corrupt})),
    evidenceVerdict: e.verdict,
    evidenceSummary: e.summary,
    decision: d.decision,
    reason: e.verdict === 'partial' && d.decision === 'run' ? `${d.reason}; resumes from ${progressOf(e.keys)}` : d.reason,
  }
}

const progressOf = (keys: KeyResult[]) => {
  const progress = keys.filter((k) => k.role === 'progress')
  return `${progress.filter((k) => k.present && !k.corrupt && !k.poisoned).length} of ${progress.length} progress keys`
}

/** A nested workload's time is inside its parent's: count it once. */
function topLevelDuration(name: string, workloads: readonly Workload[], set: readonly string[], duration: (n: string) => number): number {
  const w = workloads.find((x) => x.name === name)
  return w?.parent && set.includes(w.parent) ? 0 : duration(name)
}

/** Gates the failed run had that the live definition lacks, or whose flag or skip target changed. */
function gateDrift(ran: StateMachineDefinition, live: readonly Workload[]): string[] {
  const before = deriveWorkloadsFromGraph(buildGraph(ran))
  const key = (w: Workload) => `${w.gate}|${w.flag}|${w.skipTarget}`
  const liveKeys = new Set(live.map(key))
  const beforeKeys = new Set(before.map(key))
  const changed = [...before.filter((w) => !liveKeys.has(key(w))).map((w) => `${w.gate} (${w.flag}) changed or removed`), ...live.filter((w) => !beforeKeys.has(key(w))).map((w) => `${w.gate} (${w.flag}) is new`)]
  return changed.length ? [`the live definition's gates differ from the failed run's: ${changed.join('; ')}; the plan is verified on the live one`] : []
}
