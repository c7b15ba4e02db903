// `ae shell-run enable|disable|status|now`: the Friday shell-run rule, switched on only after its
// wiring is checked, and a shell run on demand. Each function is what one command calls.
import {DisableRuleCommand, EnableRuleCommand, type Target} from '@aws-sdk/client-eventbridge'
import {DescribeExecutionCommand, ListExecutionsCommand} from '@aws-sdk/client-sfn'
import type {AwsClients} from '../aws/clients.js'
import {mapAwsError} from '../aws/errors.js'
import type {JsonValue} from '../asl/types.js'
import {listPipelines, type NamedPipeline} from '../config/load.js'
import type {LoadedConfig} from '../config/types.js'
import {notFoundError, refusedError, usageError} from '../errors.js'
import {readLiveRule, type LiveRule} from '../deploy/rules-sync.js'
import {resolveGuardedTarget, resolveTarget, stateMachineArn, type AwsTarget} from '../aws/target.js'
import {liveDefinitionOf, nextShellRunNumber, shellRunName, startRun, type StartedRun} from '../runs/start.js'
import {checkShellRunDefinition, checkShellRunTargets, SHELL_RUN_INPUT} from './check.js'
import {soonWarning, upcomingFirings, type Firing} from './firings.js'

type ShellClients = Pick<AwsClients, 'sfn' | 'events' | 'sts' | 'endpoint'>

export interface ShellRunSetup {
  pipeline: NamedPipeline
  rule: string
}

/** The pipeline whose config names a `shellRunRule`. */
export function shellRunSetup(loaded: LoadedConfig): ShellRunSetup {
  const pipeline = listPipelines(loaded).find((p) => p.shellRunRule)
  if (!pipeline?.shellRunRule) throw usageError('NO_SHELL_RUN', `no pipeline in ${loaded.path} names a "shellRunRule"`, 'Add "shellRunRule": "<rule name>" to the Saturday pipeline in ae.config.json.')
  return {pipeline, rule: pipeline.shellRunRule}
}

export interface RuleView {
  rule: string
  pipeline: string
  state: string
  schedule?: string
  targets: Array<{id?: string; arn?: string; input?: string}>
  firings: Firing[]
  warnings: string[]
}

function ruleView(setup: ShellRunSetup, live: LiveRule, now: Date, state = live.state): RuleView {
  const firings = live.scheduleExpression ? upcomingFirings(live.scheduleExpression, now) : []
  const soon = state === 'ENABLED' ? soonWarning(firings, now) : undefined
  return {
    rule: setup.rule,
    pipeline: setup.pipeline.name,
    state,
    ...(live.scheduleExpression ? {schedule: live.scheduleExpression} : {}),
    targets: live.targets.map((t: Target) => ({...(t.Id ? {id: t.Id} : {}), ...(t.Arn ? {arn: t.Arn} : {}), ...(t.Input ? {input: t.Input} : {})})),
    firings,
    warnings: soon ? [soon] : [],
  }
}

async function requireRule(clients: Pick<AwsClients, 'events'>, setup: ShellRunSetup, target: AwsTarget): Promise<LiveRule> {
  const live = await readLiveRule(clients.events, setup.rule)
  if (!live) throw notFoundError('RULE_NOT_FOUND', `rule ${setup.rule} does not exist in account ${target.account} (${target.region})`, `Run \`ae deploy ${setup.pipeline.name}\`: it creates the rule, DISABLED.`)
  return live
}

/** Wiring problems of the rule and the live definition, one line each. */
async function wiringProblems(clients: ShellClients, setup: ShellRunSetup, target: AwsTarget, live: LiveRule): Promise<string[]> {
  const arn = stateMachineArn(target, setup.pipeline.stateMachineName)
  const problems = checkShellRunTargets(live.targets, arn)
  const def = await liveDefinitionOf(clients, target, setup.pipeline.stateMachineName, setup.pipeline.name)
  return [...problems, ...checkShellRunDefinition(def.definition)]
}

export async function enableShellRun(clients: ShellClients, loaded: LoadedConfig, now: Date = new Date()): Promise<RuleView & {changed: boolean}> {
  const setup = shellRunSetup(loaded)
  const target = await resolveGuardedTarget(clients, loaded.config.allowedAccountIds)
  const live = await requireRule(clients, setup, target)
  const problems = await wiringProblems(clients, setup, target, live)
  if (problems.length > 0) {
    throw refusedError('SHELL_RUN_MISWIRED', `not enabling ${setup.rule}: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, [`Run \`ae deploy ${setup.pipeline.name}\` to ship the definition and the rule's target, then rerun.`], {problems})
  }
  if (live.state !== 'ENABLED') {
    try {
      await clients.events.send(new EnableRuleCommand({Name: setup.rule}))
    } catch (error) {
      throw mapAwsError(error, `EnableRule ${setup.rule}`)
    }
  }
  return {...ruleView(setup, live, now, 'ENABLED'), changed: live.state !== 'ENABLED'}
}

export async function disableShellRun(clients: ShellClients, loaded: LoadedConfig, now: Date = new Date()): Promise<RuleView & {changed: boolean}> {
  const setup = shellRunSetup(loaded)
  const target = await resolveGuardedTarget(clients, loaded.config.allowedAccountIds)
  const live = await requireRule(clients, setup, target)
  if (live.state !== 'DISABLED') {
    try {
      await clients.events.send(new DisableRuleCommand({Name: setup.rule}))
    } catch (error) {
      throw mapAwsError(error, `DisableRule ${setup.rule}`)
    }
  }
  return {...ruleView(setup, live, now, 'DISABLED'), changed: live.state !== 'DISABLED'}
}

export interface LastShellRun {
  name: string
  executionArn: string
  status: string
  startDate?: string
  stopDate?: string
  error?: string
  cause?: string
}

export interface ShellRunStatus extends RuleView {
  /** Wiring problems `enable` would refuse on. */
  problems: string[]
  lastRun?: LastShellRun
}

export async function shellRunStatus(clients: ShellClients, loaded: LoadedConfig, now: Date = new Date()): Promise<ShellRunStatus> {
  const setup = shellRunSetup(loaded)
  const target = await resolveTarget(clients)
  const live = await requireRule(clients, setup, target)
  let problems: string[]
  try {
    problems = await wiringProblems(clients, setup, target, live)
  } catch (error) {
    problems = [(error as Error).message]
  }
  const lastRun = await lastShellRun(clients, stateMachineArn(target, setup.pipeline.stateMachineName))
  return {...ruleView(setup, live, now), problems, ...(lastRun ? {lastRun} : {})}
}

const isShellInput = (text: string | undefined) => {
  try {
    const v = JSON.parse(text ?? 'null') as JsonValue
    return typeof v === 'object' && v !== null && !Array.isArray(v) && v.shell_run === true
  } catch {
    return false
  }
}

/**
 * The newest execution that was a shell run: named `shell-...` by `ae shell-run now`, or started
 * by the rule with {"shell_run": true} (EventBridge names it with a UUID, so the input tells).
 */
export async function lastShellRun(clients: Pick<AwsClients, 'sfn'>, arn: string, scan = 20): Promise<LastShellRun | undefined> {
  let items
  try {
    items = (await clients.sfn.send(new ListExecutionsCommand({stateMachineArn: arn, maxResults: 100}))).executions ?? []
  } catch (error) {
    if ((error as {name?: string}).name === 'StateMachineDoesNotExist') return undefined
    throw mapAwsError(error, `ListExecutions ${arn}`)
  }
  for (const e of items.slice(0, scan)) {
    const d = await clients.sfn.send(new DescribeExecutionCommand({executionArn: e.executionArn}))
    if (!e.name?.startsWith('shell-') && !isShellInput(d.input)) continue
    return {
      name: e.name ?? '',
      executionArn: e.executionArn ?? '',
      status: d.status ?? 'UNKNOWN',
      ...(d.startDate ? {startDate: d.startDate.toISOString()} : {}),
      ...(d.stopDate ? {stopDate: d.stopDate.toISOString()} : {}),
      ...(d.error ? {error: d.error} : {}),
      ...(d.cause ? {cause: d.cause} : {}),
    }
  }
  return undefined
}

/** A shell run at once, named `shell-{date}-{n}`; refused when the live definition would run for real. */
export async function startShellRunNow(clients: ShellClients, loaded: LoadedConfig, options: {waitTimeoutMs?: number; now?: Date} = {}): Promise<StartedRun> {
  const setup = shellRunSetup(loaded)
  const target = await resolveGuardedTarget(clients, loaded.config.allowedAccountIds)
  const live = await liveDefinitionOf(clients, target, setup.pipeline.stateMachineName, setup.pipeline.name)
  const problems = checkShellRunDefinition(live.definition)
  if (problems.length > 0) throw refusedError('SHELL_RUN_MISWIRED', `not starting a shell run: ${problems[0]}`, [`Run \`ae deploy ${setup.pipeline.name}\` first.`], {problems})
  const date = options.now ?? new Date()
  const first = await nextShellRunNumber(clients, live.arn, date)
  return startRun(clients, loaded, {
    pipeline: setup.pipeline.name,
    inputValue: {...SHELL_RUN_INPUT},
    name: (attempt) => shellRunName(date, first + attempt - 1),
    ...(options.waitTimeoutMs === undefined ? {} : {waitTimeoutMs: options.waitTimeoutMs}),
  })
}
