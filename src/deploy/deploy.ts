// `ae deploy` as data flowing through: plan (render, lint, validate, diff, gate), then under the
// deploy lock: re-check running executions, record overrides, one CreateStateMachine or
// UpdateStateMachine per pipeline (the single switch-over call, published with the git sha and
// definition hash), tags, and only then the rules. The lock is released on success, on failure
// and on Ctrl-C. Each step is a function of clients and data; the caller decides how to show them.
import {dirname} from 'node:path'
import {CreateStateMachineCommand, TagResourceCommand, UpdateStateMachineCommand} from '@aws-sdk/client-sfn'
import type {AwsClients} from '../aws/clients.js'
import {mapAwsError} from '../aws/errors.js'
import type {LoadedConfig} from '../config/types.js'
import {refusedError, usageError, type AeError} from '../errors.js'
import {evaluateGate, type GateResult} from '../holds/gate.js'
import {acquireLock, releaseLock, type HeldLock, type LockBody} from '../holds/lock.js'
import {recordOverride} from '../holds/manual-holds.js'
import {installLockInterrupts, type InterruptOptions} from './interrupt.js'
import {planDeploy, renderForDeploy, selectPipelines, type DeployPlan, type PipelinePlan} from './plan.js'
import {applyRulePlan} from './rules-sync.js'
import {loadRules, rulesOfPipeline} from './rules-file.js'
import {resolveGuardedTarget, resolveTarget, stateMachineArn} from '../aws/target.js'
import {gitSha as headGitSha, TAG_DEFINITION_SHA, TAG_GIT_SHA, versionDescription} from './version.js'

export interface DeployStep {
  title: string
  /** May return a short note for the task list ("unchanged", "v7"). */
  run: () => Promise<string | void>
}

/** Runs the steps in order and rejects with the first failure (the command passes a listr2 runner). */
export type StepRunner = (steps: DeployStep[]) => Promise<void>

export const runSequentially: StepRunner = async (steps) => {
  for (const s of steps) await s.run()
}

export interface DeployedPipeline {
  pipeline: string
  stateMachineArn: string
  action: 'created' | 'updated' | 'unchanged'
  versionArn?: string
  definitionSha256: string
  gitSha: string
  rules: Array<{name: string; action: string; state: string}>
}

export interface ApplyResult {
  pipelines: DeployedPipeline[]
  lock: {taken: boolean; released: boolean; broke?: LockBody}
  overridden: string[]
  warnings: string[]
}

export interface ApplyOptions {
  holder: string
  gitSha: string
  now: () => Date
  override?: {ids: string[]; reason: string}
  breakStaleLock?: boolean
  runSteps?: StepRunner
  interrupt?: InterruptOptions
}

export function heldError(gate: GateResult, code = 'DEPLOY_HELD'): AeError {
  const [first] = gate.holds
  const more = gate.holds.length > 1 ? ` (and ${gate.holds.length - 1} more)` : ''
  return refusedError(
    code,
    `deploy refused: ${first?.kind} hold: ${first?.reason}${more}`,
    gate.holds.map((h) => `${h.kind}${h.id ? ` ${h.id}` : ''}: ${h.lift}`),
    {holds: gate.holds, warnings: gate.warnings},
  )
}

type DeployClients = Pick<AwsClients, 'sfn' | 'events' | 's3'>

export async function applyDeploy(clients: DeployClients, loaded: LoadedConfig, plan: DeployPlan, options: ApplyOptions): Promise<ApplyResult> {
  const holds = loaded.config.holds
  const result: ApplyResult = {pipelines: [], lock: {taken: false, released: false}, overridden: [], warnings: []}
  let held: HeldLock | undefined
  const release = async () => {
    if (!held || !holds) return
    const lock = held
    held = undefined
    result.lock.released = await releaseLock(clients.s3, holds, lock)
    if (!result.lock.released) result.warnings.push('the deploy lock was no longer ours at release (broken as stale?); left as found')
  }
  const names = plan.pipelines.map((p) => p.pipeline)
  const interrupts = installLockInterrupts(release, options.interrupt)
  const steps: DeployStep[] = []
  if (holds) {
    steps.push({
      title: 'Take the deploy lock',
      run: async () => {
        // `held` is set in the first callback on the acquisition, before an interrupt handler awaiting it can release.
        const taking = acquireLock(clients.s3, holds, {holder: options.holder, pipelines: names, command: 'ae deploy', now: options.now, breakStale: options.breakStaleLock ?? false}).then((t) => {
          held = t.lock
          return t
        })
        interrupts.acquiring(taking)
        const taken = await taking
        result.lock.taken = true
        if (taken.broke) result.lock.broke = taken.broke
        return taken.broke ? `broke a stale lock by ${taken.broke.holder}` : undefined
      },
    })
  } else {
    result.warnings.push('no "holds" section in the config: deployed without the deploy lock')
  }
  steps.push({
    title: 'Re-check holds under the lock',
    // ListExecutions is eventually consistent: a run started just before the lock shows up now.
    run: async () => {
      const again = await evaluateGate(clients, {
        pipelines: plan.pipelines.map((p) => ({name: p.pipeline, stateMachineArn: p.stateMachineArn, rules: []})),
        holds,
        recoveryNameTemplate: loaded.config.recovery.nameTemplate,
        now: options.now(),
        overrideIds: options.override?.ids ?? [],
        sources: {manual: true, executions: true, freeze: false, lock: false},
      })
      if (!again.clear) throw heldError(again, 'DEPLOY_HELD_UNDER_LOCK')
    },
  })
  if (holds && plan.gate.overridden.length > 0 && options.override) {
    const override = options.override
    steps.push({
      title: 'Record the hold overrides',
      run: async () => {
        interrupts.commit()
        for (const h of plan.gate.overridden) {
          await recordOverride(clients.s3, holds, h.id, {by: options.holder, reason: override.reason, now: options.now(), pipelines: names, gitSha: options.gitSha})
          result.overridden.push(h.id)
        }
      },
    })
  }
  const deployed = new Map<string, DeployedPipeline>()
  for (const p of plan.pipelines) {
    steps.push({
      title: `${p.action === 'create' ? 'Create' : 'Update'} ${p.stateMachineName}`,
      run: async () => {
        interrupts.commit()
        return switchOver(clients, p, options.gitSha, deployed)
      },
    })
  }
  for (const p of plan.pipelines) {
    steps.push({
      title: `Sync rules of ${p.pipeline}`,
      run: async () => {
        for (const r of p.rules) await applyRulePlan(clients.events, r)
        const d = deployed.get(p.pipeline)
        if (d) d.rules = p.rules.map((r) => ({name: r.name, action: r.action, state: r.state}))
        const counts = ['create', 'update', 'unchanged'].map((a) => [a, p.rules.filter((r) => r.action === a).length] as const).filter(([, n]) => n > 0)
        return counts.map(([a, n]) => `${n} ${a === 'create' ? 'created' : a === 'update' ? 'updated' : 'unchanged'}`).join(', ') || 'no rules'
      },
    })
  }
  if (holds) steps.push({title: 'Release the deploy lock', run: release})
  try {
    const running = (options.runSteps ?? runSequentially)(steps.map((s) => ({...s, run: interrupts.guard(s.run)})))
    interrupts.running(running)
    await running
  } finally {
    interrupts.uninstall()
    await release()
  }
  result.pipelines = plan.pipelines.map((p) => deployed.get(p.pipeline)).filter((d): d is DeployedPipeline => d !== undefined)
  return result
}

async function switchOver(clients: DeployClients, p: PipelinePlan, gitSha: string, out: Map<string, DeployedPipeline>): Promise<string> {
  const r = p.rendered
  const tags = [
    {key: TAG_DEFINITION_SHA, value: r.sha256},
    {key: TAG_GIT_SHA, value: gitSha},
  ]
  const base = {pipeline: p.pipeline, stateMachineArn: p.stateMachineArn, definitionSha256: r.sha256, gitSha, rules: []}
  try {
    if (p.action === 'create') {
      if (!r.roleArn) throw usageError('NO_ROLE', `pipeline ${p.pipeline} has no "roleArn" in the config; CreateStateMachine needs one`, 'Add the state machine role ARN to the pipeline in ae.config.json.')
      const c = await clients.sfn.send(
        new CreateStateMachineCommand({name: p.stateMachineName, definition: r.text, roleArn: r.roleArn, type: 'STANDARD', publish: true, versionDescription: versionDescription(gitSha, r.sha256), tags}),
      )
      out.set(p.pipeline, {...base, action: 'created', ...(c.stateMachineVersionArn ? {versionArn: c.stateMachineVersionArn} : {})})
      return 'created'
    }
    if (p.action === 'update') {
      const u = await clients.sfn.send(
        new UpdateStateMachineCommand({
          stateMachineArn: p.stateMachineArn,
          definition: r.text,
          ...(r.roleArn ? {roleArn: r.roleArn} : {}),
          publish: true,
          versionDescription: versionDescription(gitSha, r.sha256),
        }),
      )
      await clients.sfn.send(new TagResourceCommand({resourceArn: p.stateMachineArn, tags}))
      out.set(p.pipeline, {...base, action: 'updated', ...(u.stateMachineVersionArn ? {versionArn: u.stateMachineVersionArn} : {})})
      return u.stateMachineVersionArn?.split(':').pop() ? `version ${u.stateMachineVersionArn.split(':').pop()}` : 'updated'
    }
    out.set(p.pipeline, {...base, action: 'unchanged'})
    return 'unchanged'
  } catch (error) {
    throw mapAwsError(error, `${p.action === 'create' ? 'CreateStateMachine' : 'UpdateStateMachine'} ${p.stateMachineName}`)
  }
}

export interface DeployRequest {
  names: string[]
  vars: Record<string, string>
  dryRun?: boolean
  overrideIds?: string[]
  overrideReason?: string
  breakStaleLock?: boolean
  /** Default: HEAD of the repository the first definition lives in. */
  gitSha?: string
  now?: () => Date
}

export interface DeployUi {
  /** Shown before anything changes: the diff, the rules plan, the gate. */
  showPlan?: (plan: DeployPlan) => void
  /** Rejects to abort (a declined prompt, no TTY without --yes). */
  confirm?: (plan: DeployPlan) => Promise<void>
  runSteps?: StepRunner
  interrupt?: InterruptOptions
}

export interface DeployOutcome {
  status: 'dry-run' | 'unchanged' | 'deployed'
  plan: DeployPlan
  result?: ApplyResult
}

export async function deploy(clients: Pick<AwsClients, 'sfn' | 'events' | 's3' | 'sts'>, loaded: LoadedConfig, request: DeployRequest, ui: DeployUi = {}): Promise<DeployOutcome> {
  const now = request.now ?? (() => new Date())
  const overrideIds = request.overrideIds ?? []
  if (overrideIds.length > 0 && !request.overrideReason?.trim()) {
    throw usageError('OVERRIDE_NEEDS_REASON', '--override-hold needs --reason: the override is recorded on the hold', 'Rerun with --override-hold ID --reason "why this deploy cannot wait".')
  }
  if (overrideIds.length === 0 && request.overrideReason !== undefined) {
    throw usageError('REASON_WITHOUT_OVERRIDE', '--reason is the reason for --override-hold, and no hold was named', 'Add --override-hold ID, or drop --reason.')
  }
  const target = request.dryRun ? await resolveTarget(clients) : await resolveGuardedTarget(clients, loaded.config.allowedAccountIds)
  const rendered = renderForDeploy(loaded, selectPipelines(loaded, request.names), request.vars)
  const plan = await planDeploy(clients, loaded, rendered, {target, now: now(), overrideIds, breakStaleLock: request.breakStaleLock ?? false})
  ui.showPlan?.(plan)
  if (request.dryRun) return {status: 'dry-run', plan}
  if (!plan.gate.clear) throw heldError(plan.gate)
  if (!plan.changes) return {status: 'unchanged', plan}
  await ui.confirm?.(plan)
  const result = await applyDeploy(clients, loaded, plan, {
    holder: target.callerArn,
    gitSha: request.gitSha ?? headGitSha(dirname(rendered[0]?.file ?? '.')),
    now,
    ...(overrideIds.length > 0 ? {override: {ids: overrideIds, reason: (request.overrideReason ?? '').trim()}} : {}),
    breakStaleLock: request.breakStaleLock ?? false,
    ...(ui.runSteps ? {runSteps: ui.runSteps} : {}),
    ...(ui.interrupt ? {interrupt: ui.interrupt} : {}),
  })
  return {status: 'deployed', plan, result}
}

/** `--hold-check`: the gate alone, for the pipelines named (no render, no lint). */
export async function holdCheck(clients: Pick<AwsClients, 'sfn' | 'events' | 's3' | 'sts'>, loaded: LoadedConfig, names: string[], now: Date = new Date()) {
  const target = await resolveTarget(clients)
  const rules = loadRules(loaded)
  const pipelines = selectPipelines(loaded, names).map((name) => ({
    name,
    stateMachineArn: stateMachineArn(target, loaded.config.pipelines[name]!.stateMachineName),
    rules: rulesOfPipeline(rules, name).map((r) => ({name: r.name, pipeline: name})),
  }))
  const gate = await evaluateGate(clients, {pipelines, holds: loaded.config.holds, recoveryNameTemplate: loaded.config.recovery.nameTemplate, now})
  const {overridden: _o, lock: _l, ...report} = gate
  return {pipelines: pipelines.map((p) => p.name), ...report}
}
