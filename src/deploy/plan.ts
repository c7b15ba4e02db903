// The read-only half of a deploy, shared by `ae deploy`, `--dry-run` and `ae diff`: render and
// lint, ValidateStateMachineDefinition, the live definition and the state-by-state diff against
// it, what rules sync would do, and the gate. Nothing here changes anything.
import {DescribeStateMachineCommand, type SFNClient, ValidateStateMachineDefinitionCommand} from '@aws-sdk/client-sfn'
import type {AwsClients} from '../aws/clients.js'
import {mapAwsError} from '../aws/errors.js'
import {formatDiagnostic, lintErrors} from '../asl/lint.js'
import type {StateMachineDefinition} from '../asl/types.js'
import {getPipeline, listPipelines} from '../config/load.js'
import type {LoadedConfig} from '../config/types.js'
import {failedError} from '../errors.js'
import {evaluateGate, type GateReport} from '../holds/gate.js'
import {diffDefinitions, type DefinitionDiff} from './diff.js'
import {renderPipeline, type RenderedPipeline} from './render.js'
import {loadRules} from './rules-file.js'
import {planRules, type RulePlan} from './rules-sync.js'
import {stateMachineArn, type AwsTarget} from '../aws/target.js'
import {sha256} from './version.js'

export interface LiveStateMachine {
  arn: string
  definition: StateMachineDefinition
  text: string
  roleArn?: string
}

export interface PipelinePlan {
  pipeline: string
  stateMachineName: string
  stateMachineArn: string
  rendered: RenderedPipeline
  live?: LiveStateMachine
  diff: DefinitionDiff
  /** Create, update (definition or role changed), or leave the state machine as it is. */
  action: 'create' | 'update' | 'unchanged'
  rules: RulePlan[]
  validationWarnings: string[]
}

export interface DeployPlan {
  target: AwsTarget
  pipelines: PipelinePlan[]
  gate: GateReport
  /** Anything at all to change: a definition, a role or a rule. */
  changes: boolean
}

/** The pipelines named, or all of them; each name must exist. */
export function selectPipelines(loaded: LoadedConfig, names: string[]): string[] {
  const all = listPipelines(loaded).map((p) => p.name)
  if (names.length === 0) return all
  for (const n of names) getPipeline(loaded, n) // throws PIPELINE_NOT_FOUND naming the known ones
  return [...new Set(names)]
}

/** Render and lint every pipeline; any lint error stops here, before a single AWS call. */
export function renderForDeploy(loaded: LoadedConfig, names: string[], vars: Record<string, string>): RenderedPipeline[] {
  const rules = loadRules(loaded)
  const rendered = names.map((n) => renderPipeline(loaded, n, rules, vars))
  for (const r of rendered) {
    const errors = lintErrors(r.diagnostics)
    if (errors.length > 0) {
      throw failedError(
        'LINT_ERRORS',
        `${r.pipeline}: ${errors.length} lint error(s), first: ${formatDiagnostic(errors[0]!)}; nothing was deployed`,
        [`Fix the definition; \`ae validate ${r.file}\` lists every error.`],
        {pipeline: r.pipeline, diagnostics: errors},
      )
    }
  }
  return rendered
}

/** AWS's own check of the definition; an endpoint without the API is a warning, not a stop. */
export async function validateRemotely(sfn: SFNClient, r: RenderedPipeline): Promise<string[]> {
  let out
  try {
    out = await sfn.send(new ValidateStateMachineDefinitionCommand({definition: r.text, type: 'STANDARD'}))
  } catch (error) {
    const name = (error as {name?: string}).name ?? ''
    if (/UnknownOperation|NotImplemented/.test(name)) return [`${r.pipeline}: the endpoint does not offer ValidateStateMachineDefinition; skipped`]
    throw mapAwsError(error, `ValidateStateMachineDefinition (${r.pipeline})`)
  }
  const diagnostics = out.diagnostics ?? []
  const errors = diagnostics.filter((d) => d.severity === 'ERROR')
  if (out.result === 'FAIL' || errors.length > 0) {
    const first = errors[0]
    throw failedError(
      'INVALID_DEFINITION',
      `${r.pipeline}: Step Functions rejects the definition${first ? `: ${first.code} ${first.message}${first.location ? ` at ${first.location}` : ''}` : ''}; nothing was deployed`,
      [`Fix ${r.file}, then rerun.`],
      {pipeline: r.pipeline, diagnostics},
    )
  }
  return diagnostics.map((d) => `${r.pipeline}: Step Functions ${d.severity?.toLowerCase() ?? 'warning'} ${d.code}: ${d.message}`)
}

export async function describeLive(sfn: SFNClient, arn: string): Promise<LiveStateMachine | undefined> {
  try {
    const r = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: arn}))
    const text = r.definition ?? '{}'
    return {arn, text, definition: JSON.parse(text) as StateMachineDefinition, ...(r.roleArn ? {roleArn: r.roleArn} : {})}
  } catch (error) {
    if ((error as {name?: string}).name === 'StateMachineDoesNotExist') return undefined
    throw mapAwsError(error, `DescribeStateMachine ${arn}`)
  }
}

export interface PlanOptions {
  target: AwsTarget
  now: Date
  overrideIds?: string[]
  breakStaleLock?: boolean
  /** `ae diff` needs no gate. */
  gate?: boolean
  /** `ae diff` compares without asking AWS to validate. */
  validate?: boolean
}

export async function planDeploy(clients: Pick<AwsClients, 'sfn' | 'events' | 's3'>, loaded: LoadedConfig, rendered: RenderedPipeline[], options: PlanOptions): Promise<DeployPlan> {
  const arnOf = (pipeline: string) => stateMachineArn(options.target, loaded.config.pipelines[pipeline]?.stateMachineName ?? pipeline)
  const pipelines = await Promise.all(
    rendered.map(async (r): Promise<PipelinePlan> => {
      const validationWarnings = options.validate === false ? [] : await validateRemotely(clients.sfn, r)
      const arn = arnOf(r.pipeline)
      const live = await describeLive(clients.sfn, arn)
      const diff = diffDefinitions(live?.definition, r.definition)
      const sameText = live !== undefined && sha256(live.text) === r.sha256
      const roleChanged = live !== undefined && r.roleArn !== undefined && live.roleArn !== r.roleArn
      const action = !live ? 'create' : (diff.empty || sameText) && !roleChanged ? 'unchanged' : 'update'
      const rules = await planRules(clients.events, r.rules, arnOf)
      return {pipeline: r.pipeline, stateMachineName: r.stateMachineName, stateMachineArn: arn, rendered: r, ...(live ? {live} : {}), diff, action, rules, validationWarnings}
    }),
  )
  const gate: GateReport =
    options.gate === false
      ? {clear: true, holds: [], warnings: [], overridden: []}
      : await evaluateGate(clients, {
          pipelines: pipelines.map((p) => ({name: p.pipeline, stateMachineArn: p.stateMachineArn, rules: p.rules.map((x) => ({name: x.name, pipeline: p.pipeline}))})),
          holds: loaded.config.holds,
          recoveryNameTemplate: loaded.config.recovery.nameTemplate,
          now: options.now,
          overrideIds: options.overrideIds ?? [],
          breakStaleLock: options.breakStaleLock ?? false,
        })
  const changes = pipelines.some((p) => p.action !== 'unchanged' || p.rules.some((r) => r.action !== 'unchanged'))
  return {target: options.target, pipelines, gate, changes}
}

/** `ae diff`: the shipped definitions and rules against the live ones; no gate, no validation, lint errors allowed. */
export async function driftReport(clients: Pick<AwsClients, 'sfn' | 'events' | 's3' | 'sts'>, loaded: LoadedConfig, names: string[], vars: Record<string, string>, target: AwsTarget): Promise<DeployPlan> {
  const rules = loadRules(loaded)
  const rendered = selectPipelines(loaded, names).map((n) => renderPipeline(loaded, n, rules, vars))
  return planDeploy(clients, loaded, rendered, {target, now: new Date(), gate: false, validate: false})
}
