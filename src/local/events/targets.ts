// Target operations: PutTargets, ListTargetsByRule, RemoveTargets. PutTargets adds a target or
// replaces the one with the same Id (the whole target, as AWS does), up to AWS's five targets
// per rule. A target whose Arn is not an ARN is reported in FailedEntries while the others are
// stored; problems with the request as a whole fail it before anything is stored.
import {AwsJsonError, type Input, type Members, validationError} from '../aws-json/index.js'
import {ARN, type EventsDeps, EVENT_BUS_NAME, NEXT_TOKEN, RULE_NAME, TARGET_ID, findRule, members, requireDefaultBus} from './context.js'
import {paginate} from './pagination.js'
import type {StoredTarget} from './store.js'

const MAX_TARGETS_PER_RULE = 5
const ARN_SHAPE = /^arn:aws[\w-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/

interface FailedEntry {
  TargetId: string
  ErrorCode: string
  ErrorMessage: string
}

export function putTargets(deps: EventsDeps, input: Input): {FailedEntryCount: number; FailedEntries: FailedEntry[]} {
  const m = members(input)
  const ruleName = m.string('Rule', {required: true, ...RULE_NAME})
  const bus = m.string('EventBusName', EVENT_BUS_NAME)
  const entries = m.list('Targets', {required: true, min: 1, max: 10}) ?? []
  const targets = entries.map((entry, i) => readTarget(m.structureIn('Targets', i, entry)))
  m.check()
  requireDefaultBus(deps, bus)
  const rule = findRule(deps, ruleName!)

  const failed: FailedEntry[] = []
  const accepted: StoredTarget[] = []
  for (const target of targets as StoredTarget[]) {
    if (target.input !== undefined && target.inputPath !== undefined) {
      throw validationError(`Only one of Input, InputPath, or InputTransformer must be provided for target ${target.id}.`)
    }
    if (target.input !== undefined && !isJson(target.input)) {
      throw validationError(`Parameter Input is not valid JSON text for target ${target.id}.`)
    }
    if (!ARN_SHAPE.test(target.arn)) {
      failed.push({
        TargetId: target.id,
        ErrorCode: 'ValidationException',
        ErrorMessage: `Parameter ${target.arn} is not valid. Reason: Provided Arn is not in correct format.`,
      })
      continue
    }
    accepted.push(target)
  }

  const merged = [...rule.targets]
  for (const target of accepted) {
    const at = merged.findIndex((t) => t.id === target.id)
    if (at === -1) merged.push(target)
    else merged[at] = target
  }
  if (merged.length > MAX_TARGETS_PER_RULE) {
    throw new AwsJsonError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.')
  }
  deps.store.put({...rule, targets: merged})
  return {FailedEntryCount: failed.length, FailedEntries: failed}
}

export function listTargetsByRule(deps: EventsDeps, input: Input): {Targets: Record<string, string>[]; NextToken?: string} {
  const m = members(input)
  const ruleName = m.string('Rule', {required: true, ...RULE_NAME})
  const bus = m.string('EventBusName', EVENT_BUS_NAME)
  const token = m.string('NextToken', NEXT_TOKEN)
  const limit = m.integer('Limit', {min: 1, max: 100})
  m.check()
  requireDefaultBus(deps, bus)
  const rule = findRule(deps, ruleName!)

  const page = paginate(rule.targets, limit ?? 100, token, `targets:${rule.name}`)
  const out: {Targets: Record<string, string>[]; NextToken?: string} = {Targets: page.items.map(targetMembers)}
  if (page.nextToken !== undefined) out.NextToken = page.nextToken
  return out
}

/**
 * Removes the targets with the given Ids. An Id the rule does not have is passed over without a
 * failed entry (unverified against AWS, which documents FailedEntries only for concurrent
 * modification).
 */
export function removeTargets(deps: EventsDeps, input: Input): {FailedEntryCount: number; FailedEntries: FailedEntry[]} {
  const m = members(input)
  const ruleName = m.string('Rule', {required: true, ...RULE_NAME})
  const bus = m.string('EventBusName', EVENT_BUS_NAME)
  const ids = (m.list('Ids', {required: true, min: 1, max: 100}) ?? []).map((id, i) => m.stringIn('Ids', i, id, TARGET_ID))
  // Force only matters for rules managed by an AWS service, which the local endpoint never has.
  m.boolean('Force')
  m.check()
  requireDefaultBus(deps, bus)
  const rule = findRule(deps, ruleName!)

  const remove = new Set(ids)
  deps.store.put({...rule, targets: rule.targets.filter((t) => !remove.has(t.id))})
  return {FailedEntryCount: 0, FailedEntries: []}
}

function readTarget(m: Members): StoredTarget | undefined {
  const id = m.string('Id', {required: true, ...TARGET_ID})
  const arn = m.string('Arn', {required: true, ...ARN})
  const roleArn = m.string('RoleArn', ARN)
  const input = m.string('Input', {max: 8192})
  const inputPath = m.string('InputPath', {max: 256})
  if (id === undefined || arn === undefined) return undefined // reported by check()
  const target: StoredTarget = {id, arn}
  if (roleArn !== undefined) target.roleArn = roleArn
  if (input !== undefined) target.input = input
  if (inputPath !== undefined) target.inputPath = inputPath
  return target
}

function targetMembers(target: StoredTarget): Record<string, string> {
  const out: Record<string, string> = {Id: target.id, Arn: target.arn}
  if (target.roleArn !== undefined) out.RoleArn = target.roleArn
  if (target.input !== undefined) out.Input = target.input
  if (target.inputPath !== undefined) out.InputPath = target.inputPath
  return out
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
