// Rules sync: make the live schedule rules match the rules file without ever touching whether a
// rule is on. A missing rule is created in its declared State (the Friday shell-run rule ships
// DISABLED); an existing rule keeps its live State, because PutRule replaces the whole rule and
// would otherwise fall back to ENABLED, and the operator who ran `ae shell-run enable` meant it.
import {
  DescribeRuleCommand,
  type EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge'
import {mapAwsError} from '../aws/errors.js'
import type {JsonValue} from '../asl/types.js'
import {failedError} from '../errors.js'
import {deepEqual} from './diff.js'
import type {RenderedRule} from './render.js'

export type RuleState = 'ENABLED' | 'DISABLED'

export interface LiveRule {
  name: string
  state: string
  scheduleExpression?: string
  description?: string
  targets: Target[]
}

export interface RulePlan {
  name: string
  pipeline: string
  action: 'create' | 'update' | 'unchanged'
  /** The State the rule has after the sync: declared for a new rule, the live one otherwise. */
  state: string
  declaredState: RuleState
  /** What the sync changes, one line each. */
  changes: string[]
  /** Said, not changed: a live State that differs from the file's is kept. */
  notes: string[]
  targetArn: string
  rule: RenderedRule
}

const isNotFound = (e: unknown) => (e as {name?: string}).name === 'ResourceNotFoundException'

export async function readLiveRule(events: EventBridgeClient, name: string): Promise<LiveRule | undefined> {
  try {
    const r = await events.send(new DescribeRuleCommand({Name: name}))
    const targets: Target[] = []
    let token: string | undefined
    do {
      const t = await events.send(new ListTargetsByRuleCommand({Rule: name, ...(token ? {NextToken: token} : {})}))
      targets.push(...(t.Targets ?? []))
      token = t.NextToken
    } while (token)
    return {
      name,
      state: r.State ?? 'ENABLED',
      ...(r.ScheduleExpression ? {scheduleExpression: r.ScheduleExpression} : {}),
      ...(r.Description ? {description: r.Description} : {}),
      targets,
    }
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw mapAwsError(error, `DescribeRule ${name}`)
  }
}

const parseInput = (text: string | undefined): JsonValue | undefined => {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text) as JsonValue
  } catch {
    return text
  }
}

/** Pure: what syncing one rule would do, given its live form (or none). */
export function planRule(rule: RenderedRule, live: LiveRule | undefined, targetArn: string): RulePlan {
  const base = {name: rule.name, pipeline: rule.target.pipeline, declaredState: rule.state, targetArn, rule}
  if (!live) return {...base, action: 'create', state: rule.state, changes: [`create rule (${rule.scheduleExpression}, ${rule.state}) with target ${rule.target.id}`], notes: []}
  const changes: string[] = []
  if (live.scheduleExpression !== rule.scheduleExpression) changes.push(`schedule ${live.scheduleExpression ?? '(none)'} -> ${rule.scheduleExpression}`)
  if ((live.description ?? '') !== (rule.description ?? '')) changes.push('description')
  const target = live.targets.find((t) => t.Id === rule.target.id)
  if (!target) changes.push(`add target ${rule.target.id} -> ${targetArn}`)
  else {
    if (target.Arn !== targetArn) changes.push(`target ${rule.target.id} arn ${target.Arn} -> ${targetArn}`)
    if ((target.RoleArn ?? '') !== (rule.target.roleArn ?? '')) changes.push(`target ${rule.target.id} role ${target.RoleArn ?? '(none)'} -> ${rule.target.roleArn ?? '(none)'}`)
    if (!deepEqual(parseInput(target.Input), parseInput(rule.target.input))) changes.push(`target ${rule.target.id} input ${target.Input ?? '(none)'} -> ${rule.target.input ?? '(none)'}`)
  }
  const notes = live.state !== rule.state ? [`live State ${live.state} kept (the rules file declares ${rule.state}; deploy never flips a rule)`] : []
  const others = live.targets.filter((t) => t.Id !== rule.target.id).map((t) => t.Id)
  if (others.length > 0) notes.push(`other targets kept: ${others.join(', ')}`)
  return {...base, action: changes.length > 0 ? 'update' : 'unchanged', state: live.state, changes, notes}
}

export async function planRules(events: EventBridgeClient, rules: RenderedRule[], arnOf: (pipeline: string) => string): Promise<RulePlan[]> {
  return Promise.all(rules.map(async (r) => planRule(r, await readLiveRule(events, r.name), arnOf(r.target.pipeline))))
}

export async function applyRulePlan(events: EventBridgeClient, plan: RulePlan): Promise<void> {
  if (plan.action === 'unchanged') return
  const {rule} = plan
  try {
    await events.send(
      new PutRuleCommand({
        Name: rule.name,
        ScheduleExpression: rule.scheduleExpression,
        // Always explicit: omitted, PutRule would make the rule ENABLED.
        State: plan.state as RuleState,
        ...(rule.description ? {Description: rule.description} : {}),
      }),
    )
    const r = await events.send(
      new PutTargetsCommand({
        Rule: rule.name,
        Targets: [{Id: rule.target.id, Arn: plan.targetArn, ...(rule.target.roleArn ? {RoleArn: rule.target.roleArn} : {}), ...(rule.target.input !== undefined ? {Input: rule.target.input} : {})}],
      }),
    )
    if ((r.FailedEntryCount ?? 0) > 0) {
      const f = r.FailedEntries?.[0]
      throw failedError('RULE_TARGET_FAILED', `PutTargets ${rule.name}: ${f?.ErrorCode ?? 'failed'}: ${f?.ErrorMessage ?? ''}`, ['Check the target ARN and role in the rules file, then rerun `ae deploy`.'])
    }
  } catch (error) {
    throw mapAwsError(error, `syncing rule ${rule.name}`)
  }
}
