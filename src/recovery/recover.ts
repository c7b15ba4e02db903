// `ae recover`, as data flowing through (DESIGN.md): resolve --from, load, plan, guard, start.
// I/O happens here and in the modules it calls; the plan itself is pure (plan.ts).
import {randomUUID} from 'node:crypto'
import type {AwsClients} from '../aws/clients.js'
import {assertAccountAllowed} from '../aws/account-guard.js'
import {resolveTarget, stateMachineArn} from '../aws/target.js'
import {listPipelines, getPipeline, type NamedPipeline} from '../config/load.js'
import type {LoadedConfig} from '../config/types.js'
import {usageError} from '../errors.js'
import {resolveExecution} from '../executions/resolve.js'
import {assertNoDeployLock} from '../holds/lock.js'
import {expandResumeKeys} from './evidence.js'
import {checkKeys} from './evidence-check.js'
import {assertNoRunningForRunDate, assertNotBlocked, assertRecoverableSource} from './guards.js'
import {planRecovery, type RecoveryPlan} from './plan.js'
import {loadFileSource, loadLiveSource, looksLikeFile, type LoadedSource} from './source.js'
import {startPlannedRecovery} from './start.js'
import {withStartLock} from './start-lock.js'
import type {InterruptOptions} from '../deploy/interrupt.js'
import {suggest} from '../util/suggest.js'

export interface RecoverRequest {
  from: string
  pipeline?: string
  definition?: string
  dryRun: boolean
  rerun: string[]
  strategy: 'auto' | 'rerun' | 'redrive'
}

export interface RecoverDeps {
  loaded: LoadedConfig
  /** Built only for a live plan: planning from a file touches no AWS at all. */
  clients: () => Promise<AwsClients>
  /** Asks the operator (or accepts --yes); throws to decline. */
  confirm: (plan: RecoveryPlan) => Promise<void>
  requestId?: string
  diag?: (message: string) => void
  /** Ctrl-C while the start holds the deploy lock: release it first (the command passes the process's). */
  interrupt?: InterruptOptions
}

export async function recover(req: RecoverRequest, deps: RecoverDeps): Promise<{plan: RecoveryPlan; calls: number}> {
  const {loaded} = deps
  const fromFile = looksLikeFile(req.from)
  if (fromFile && !req.dryRun) throw usageError('FILE_NEEDS_DRY_RUN', 'a plan made from an exported history cannot be started', 'Add --dry-run to see the plan, or pass the execution ARN to start a recovery.')
  let pipeline: NamedPipeline
  let source: LoadedSource
  let clients: AwsClients | undefined
  let smArn = ''
  let holder = ''
  if (fromFile) {
    pipeline = req.pipeline ? getPipeline(loaded, req.pipeline) : onlyPipeline(loaded)
    source = loadFileSource(req.from, req.definition, pipeline)
  } else {
    clients = await deps.clients()
    // A recovery that will start is guarded first: in the wrong account nothing else is worth reading.
    if (!req.dryRun) await assertAccountAllowed(clients.sts, loaded.config.allowedAccountIds)
    const target = await resolveTarget(clients)
    holder = target.callerArn
    const pipelines = req.pipeline ? [getPipeline(loaded, req.pipeline)] : listPipelines(loaded)
    const resolved = await resolveExecution(req.from, {sfn: clients.sfn, pipelines, stateMachineArn: (p) => stateMachineArn(target, p.stateMachineName)})
    if (!resolved.pipeline) throw usageError('FOREIGN_EXECUTION', `${resolved.executionArn} belongs to a state machine that is not a configured pipeline`, `Configured: ${pipelines.map((p) => `${p.name} (${p.stateMachineName})`).join(', ')}.`)
    pipeline = resolved.pipeline
    smArn = stateMachineArn(target, pipeline.stateMachineName)
    source = await loadLiveSource(clients.sfn, resolved.executionArn, pipeline)
  }

  const src = source.lineage.at(-1)!
  const degraded = src.timeline.workloads.filter((w) => w.outcome === 'degraded').map((w) => w.workload)
  const sourceWarnings = assertRecoverableSource(src.status, src.executionArn, degraded)
  const probes = expandResumeKeys(pipeline.resumeKeys ?? [], source.runDate.runDate)
  const evidence = clients && probes.length > 0 ? await checkKeys(clients.s3, probes, {concurrency: loaded.config.recovery.evidenceConcurrency, marker: loaded.config.recovery.quarantineMarker}) : []
  validateRerun(req.rerun, src)

  const plan = planRecovery({
    pipeline: pipeline.name,
    lineage: source.lineage,
    liveDefinition: source.liveDefinition,
    runDate: source.runDate,
    runDateField: pipeline.runDate?.field ?? 'run_date',
    evidence,
    rerun: req.rerun,
    strategy: req.strategy,
    nameTemplate: loaded.config.recovery.nameTemplate,
    extraInput: loaded.config.recovery.extraInput,
    requestId: deps.requestId ?? randomUUID(),
  })
  plan.warnings.unshift(...sourceWarnings)
  if (fromFile && probes.length > 0) plan.warnings.push('resume keys were not checked: planning from a file reads no S3')
  if (!source.liveDefinition) plan.warnings.push('the state machine is not deployed any more; the plan is verified on the definition the run used')
  const calls = () => (clients ? [...clients.calls.values()].reduce((a, b) => a + b, 0) : 0)
  if (req.dryRun || !clients) return {plan, calls: calls()}

  assertNotBlocked(plan)
  if (loaded.config.holds) {
    const {staleLock} = await assertNoDeployLock(clients.s3, loaded.config.holds)
    if (staleLock) plan.warnings.push(`a stale deploy lock (held by ${staleLock.body.holder}) is past its TTL; it does not block a recovery`)
  }
  await assertNoRunningForRunDate(clients.sfn, smArn, plan.source.runDate, pipeline.runDate?.field ?? 'run_date', plan.source.executionArn)
  await deps.confirm(plan)
  const live = clients
  const start = () => startPlannedRecovery(live.sfn, plan, smArn)
  const holds = loaded.config.holds
  plan.started = holds
    ? await withStartLock(live.s3, holds, {holder, pipelines: [pipeline.name], ...(deps.interrupt ? {interrupt: deps.interrupt} : {}), warn: (m) => void (plan.warnings.includes(m) || plan.warnings.push(m))}, start)
    : await start()
  return {plan, calls: calls()}
}

function onlyPipeline(loaded: LoadedConfig): NamedPipeline {
  const all = listPipelines(loaded)
  if (all.length === 1) return all[0]!
  throw usageError('PIPELINE_REQUIRED', 'planning from a file needs to know the pipeline', `Add --pipeline (one of ${all.map((p) => p.name).join(', ')}).`)
}

function validateRerun(names: string[], src: LoadedSource['lineage'][number]): void {
  const known = src.timeline.derived.map((w) => w.name)
  for (const name of names) {
    if (!known.includes(name)) {
      const near = suggest(name, known)
      throw usageError('UNKNOWN_WORKLOAD', `--rerun ${name}: no such workload in this pipeline${near ? ` (did you mean ${near}?)` : ''}`, `Workloads: ${known.join(', ')}.`)
    }
  }
}
