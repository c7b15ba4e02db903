// Rule operations: PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule. Each
// takes the request members and returns the response members, with AWS's rules on what a
// request may do: PutRule replaces the whole rule (a member left out is cleared, State falls
// back to ENABLED), DeleteRule refuses while targets remain, and a missing rule is a
// ResourceNotFoundException everywhere except DeleteRule, which succeeds on it.
import {isValidSchedule} from '../../schedule/index.js'
import {AwsJsonError, type Input, validationError} from '../aws-json/index.js'
import {
  ARN,
  DEFAULT_BUS,
  EVENT_BUS_NAME,
  type EventsDeps,
  NEXT_TOKEN,
  RULE_NAME,
  findRule,
  members,
  requireDefaultBus,
  ruleArn,
} from './context.js'
import {paginate} from './pagination.js'
import {RULE_STATES, type RuleState, type StoredRule} from './store.js'

export function putRule(deps: EventsDeps, input: Input): {RuleArn: string} {
  const m = members(input)
  const name = m.string('Name', {required: true, ...RULE_NAME})
  const scheduleExpression = m.string('ScheduleExpression', {max: 256})
  const eventPattern = m.string('EventPattern')
  const state = m.string('State', {enum: RULE_STATES}) as RuleState | undefined
  const description = m.string('Description', {max: 512})
  const roleArn = m.string('RoleArn', ARN)
  m.list('Tags') // accepted; the local endpoint keeps no tags
  const bus = m.string('EventBusName', EVENT_BUS_NAME)
  m.check()
  requireDefaultBus(deps, bus)

  if (!scheduleExpression && !eventPattern) {
    throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.')
  }
  if (scheduleExpression && !isValidSchedule(scheduleExpression)) {
    throw validationError('Parameter ScheduleExpression is not valid.')
  }
  if (eventPattern) checkEventPattern(eventPattern)

  const existing = deps.store.get(name!)
  const rule: StoredRule = {
    name: name!,
    arn: ruleArn(deps, name!),
    state: state ?? 'ENABLED',
    createdAt: existing?.createdAt ?? deps.clock.now().toISOString(),
    targets: existing?.targets ?? [],
  }
  if (scheduleExpression) rule.scheduleExpression = scheduleExpression
  if (eventPattern) rule.eventPattern = eventPattern
  if (description !== undefined) rule.description = description
  if (roleArn !== undefined) rule.roleArn = roleArn
  deps.store.put(rule)
  return {RuleArn: rule.arn}
}

export function describeRule(deps: EventsDeps, input: Input): Record<string, unknown> {
  const name = readRuleName(deps, input)
  const rule = findRule(deps, name)
  return {...ruleMembers(rule), CreatedBy: deps.accountId}
}

export function listRules(deps: EventsDeps, input: Input): {Rules: Record<string, unknown>[]; NextToken?: string} {
  const m = members(input)
  const prefix = m.string('NamePrefix', RULE_NAME)
  const token = m.string('NextToken', NEXT_TOKEN)
  const limit = m.integer('Limit', {min: 1, max: 100})
  const bus = m.string('EventBusName', EVENT_BUS_NAME)
  m.check()
  requireDefaultBus(deps, bus)

  const rules = deps.store.list().filter((rule) => prefix === undefined || rule.name.startsWith(prefix))
  const page = paginate(rules, limit ?? 100, token, `rules:${prefix ?? ''}`)
  const out: {Rules: Record<string, unknown>[]; NextToken?: string} = {Rules: page.items.map(ruleMembers)}
  if (page.nextToken !== undefined) out.NextToken = page.nextToken
  return out
}

export function enableRule(deps: EventsDeps, input: Input): undefined {
  setState(deps, input, 'ENABLED')
}

export function disableRule(deps: EventsDeps, input: Input): undefined {
  setState(deps, input, 'DISABLED')
}

export function deleteRule(deps: EventsDeps, input: Input): undefined {
  const m = members(input)
  const name = m.string('Name', {required: true, ...RULE_NAME})
  const bus = m.string('EventBusName', EVENT_BUS_NAME)
  // Force only matters for rules managed by an AWS service, which the local endpoint never has.
  m.boolean('Force')
  m.check()
  requireDefaultBus(deps, bus)
  const rule = deps.store.get(name!)
  if (rule === undefined) return
  if (rule.targets.length > 0) throw validationError("Rule can't be deleted since it has targets.")
  deps.store.delete(rule.name)
}

function setState(deps: EventsDeps, input: Input, state: RuleState): void {
  const rule = findRule(deps, readRuleName(deps, input))
  deps.store.put({...rule, state})
}

function readRuleName(deps: EventsDeps, input: Input): string {
  const m = members(input)
  const name = m.string('Name', {required: true, ...RULE_NAME})
  const bus = m.string('EventBusName', EVENT_BUS_NAME)
  m.check()
  requireDefaultBus(deps, bus)
  return name!
}

/** A rule as ListRules shows it; DescribeRule adds CreatedBy. Absent members are left out. */
function ruleMembers(rule: StoredRule): Record<string, unknown> {
  const out: Record<string, unknown> = {Name: rule.name, Arn: rule.arn}
  if (rule.eventPattern !== undefined) out.EventPattern = rule.eventPattern
  if (rule.scheduleExpression !== undefined) out.ScheduleExpression = rule.scheduleExpression
  out.State = rule.state
  if (rule.description !== undefined) out.Description = rule.description
  if (rule.roleArn !== undefined) out.RoleArn = rule.roleArn
  out.EventBusName = DEFAULT_BUS
  return out
}

/**
 * The local endpoint does not match events, so it only checks what any pattern must be: a JSON
 * object. AWS checks far more (every leaf must be a list of matchers).
 */
function checkEventPattern(pattern: string): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(pattern)
  } catch {
    throw new AwsJsonError('InvalidEventPatternException', 'Event pattern is not valid. Reason: it is not valid JSON.')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsJsonError('InvalidEventPatternException', 'Event pattern is not valid. Reason: it is not a JSON object.')
  }
}
