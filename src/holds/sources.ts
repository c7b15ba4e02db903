// The hold sources that live in AWS rather than in hold objects: live recovery executions, other
// running executions, and freeze windows before a scheduled trigger. Each takes its client and
// plain data, and returns holds and warnings.
import {DescribeRuleCommand, type EventBridgeClient} from '@aws-sdk/client-eventbridge'
import {DescribeExecutionCommand, type ExecutionListItem, paginateListExecutions, type SFNClient} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'
import type {JsonValue} from '../asl/types.js'
import {recoveryMarkerOf} from '../executions/lineage.js'
import {parseSchedule, nextFirings, ScheduleExpressionError} from '../schedule/index.js'
import {formatAge} from './lock.js'
import type {Hold} from './types.js'

/** `recover-{run_date}-{attempt}` -> /^recover-.+-.+$/: any name the recovery starter could have made. */
export function recoveryNamePattern(template: string): RegExp {
  const parts = template.split(/\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('.+')}$`)
}

export async function listRunningExecutions(sfn: SFNClient, stateMachineArn: string): Promise<ExecutionListItem[]> {
  const out: ExecutionListItem[] = []
  try {
    for await (const page of paginateListExecutions({client: sfn}, {stateMachineArn, statusFilter: 'RUNNING', maxResults: 1000})) {
      out.push(...(page.executions ?? []))
    }
  } catch (error) {
    if ((error as {name?: string}).name === 'StateMachineDoesNotExist') return []
    throw mapAwsError(error, `ListExecutions ${stateMachineArn}`)
  }
  return out
}

export interface ExecutionSourceInput {
  pipeline: string
  stateMachineArn: string
  recoveryNameTemplate: string
  policy: 'block' | 'warn'
}

export interface SourceResult {
  holds: Hold[]
  warnings: string[]
}

const stopCommand = (arn: string) => `aws stepfunctions stop-execution --execution-arn ${arn}`

/**
 * RUNNING executions of one pipeline. A recovery (named from the recovery template, or carrying
 * `ae_recovery` in its input) is a hold nothing overrides: redeploying under a live recovery
 * changes the definition its skip flags were planned against. Other runs block or warn by policy.
 */
export async function executionHolds(sfn: SFNClient, input: ExecutionSourceInput): Promise<SourceResult> {
  const running = await listRunningExecutions(sfn, input.stateMachineArn)
  const pattern = recoveryNamePattern(input.recoveryNameTemplate)
  const holds: Hold[] = []
  const warnings: string[] = []
  for (const e of running) {
    const arn = e.executionArn ?? ''
    const name = e.name ?? arn
    const since = e.startDate?.toISOString()
    const recovery = pattern.test(name) || (await carriesRecoveryMarker(sfn, arn))
    if (recovery) {
      holds.push({
        kind: 'recovery',
        id: name,
        reason: `recovery execution ${name} is RUNNING${since ? ` (since ${since})` : ''}`,
        pipeline: input.pipeline,
        lift: `wait for ${name} to finish (no flag overrides a live recovery); to abandon it: ${stopCommand(arn)}`,
        overridable: false,
        executionArn: arn,
        ...(since ? {since} : {}),
      })
    } else if (input.policy === 'block') {
      holds.push({
        kind: 'running-execution',
        id: name,
        reason: `execution ${name} is RUNNING${since ? ` (since ${since})` : ''}`,
        pipeline: input.pipeline,
        lift: `wait for ${name} to finish, or stop it: ${stopCommand(arn)} (holds.otherRunningExecutions is "block")`,
        overridable: false,
        executionArn: arn,
        ...(since ? {since} : {}),
      })
    } else {
      warnings.push(`execution ${name} of ${input.pipeline} is RUNNING; it keeps the definition it started with`)
    }
  }
  return {holds, warnings}
}

async function carriesRecoveryMarker(sfn: SFNClient, executionArn: string): Promise<boolean> {
  try {
    const r = await sfn.send(new DescribeExecutionCommand({executionArn}))
    return recoveryMarkerOf(JSON.parse(r.input ?? 'null') as JsonValue) !== undefined
  } catch (error) {
    if (error instanceof SyntaxError) return false
    if ((error as {name?: string}).name === 'ExecutionDoesNotExist') return false
    throw mapAwsError(error, `DescribeExecution ${executionArn}`)
  }
}

export interface ScheduledRule {
  name: string
  pipeline: string
}

/**
 * A deploy in the minutes before an enabled schedule fires would race the run it starts. The rule's
 * live State and expression count (the shipped Friday rule is DISABLED and freezes nothing).
 */
export async function freezeWindowHolds(events: EventBridgeClient, rules: ScheduledRule[], options: {freezeMinutes: number; now: Date}): Promise<SourceResult> {
  const holds: Hold[] = []
  const warnings: string[] = []
  const freezeMs = options.freezeMinutes * 60_000
  if (freezeMs <= 0) return {holds, warnings}
  for (const rule of rules) {
    let live: {State?: string; ScheduleExpression?: string}
    try {
      live = await events.send(new DescribeRuleCommand({Name: rule.name}))
    } catch (error) {
      if ((error as {name?: string}).name === 'ResourceNotFoundException') continue // not deployed: it fires nothing
      throw mapAwsError(error, `DescribeRule ${rule.name}`)
    }
    if (live.State !== 'ENABLED' || !live.ScheduleExpression) continue
    let schedule
    try {
      schedule = parseSchedule(live.ScheduleExpression)
    } catch (error) {
      if (!(error instanceof ScheduleExpressionError)) throw error
      warnings.push(`rule ${rule.name} has a schedule ae cannot read (${live.ScheduleExpression}); check its next firing by hand`)
      continue
    }
    if (schedule.kind === 'rate') {
      // A rate counts from the rule's creation, which EventBridge does not report.
      if (schedule.intervalMs <= freezeMs) {
        holds.push(freezeHold(rule, `rule ${rule.name} fires every ${formatAge(schedule.intervalMs)} (${live.ScheduleExpression}), always within the ${options.freezeMinutes}m freeze window`, undefined, options))
      } else {
        warnings.push(`rule ${rule.name} (${live.ScheduleExpression}) counts from its creation time, which AWS does not report: check it does not fire within ${options.freezeMinutes}m`)
      }
      continue
    }
    const next = nextFirings(schedule, options.now, 1)[0]
    if (next && next.getTime() - options.now.getTime() <= freezeMs) {
      holds.push(freezeHold(rule, `rule ${rule.name} fires at ${next.toISOString()} (in ${formatAge(next.getTime() - options.now.getTime())}); deploys freeze ${options.freezeMinutes}m before a scheduled run`, next, options))
    }
  }
  return {holds, warnings}
}

function freezeHold(rule: ScheduledRule, reason: string, fires: Date | undefined, options: {freezeMinutes: number}): Hold {
  return {
    kind: 'freeze-window',
    id: rule.name,
    reason,
    pipeline: rule.pipeline,
    lift: fires
      ? `deploy after the run ${rule.name} starts at ${fires.toISOString()} has finished (holds.freezeMinutes is ${options.freezeMinutes})`
      : `deploy when ${rule.name} is disabled or its schedule is slower than holds.freezeMinutes (${options.freezeMinutes})`,
    overridable: false,
    ...(fires ? {since: new Date(fires.getTime() - options.freezeMinutes * 60_000).toISOString(), until: fires.toISOString()} : {}),
  }
}
