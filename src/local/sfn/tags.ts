// Tags on state machines: TagResource, UntagResource, ListTagsForResource, and the reading of a tag
// list shared with CreateStateMachine. Tags keep the order they were first set in; setting a key
// again replaces its value. A state machine holds at most 50 tags (TooManyTags beyond).
import {AwsJsonError, type Input, type Members} from '../aws-json/index.js'
import {ARN, findMachine, members, type SfnContext} from './context.js'
import {resourceNotFound} from './errors.js'
import type {Tag} from './store.js'

const MAX_TAGS = 50

/** Reads a `tags` list member ({key, value} structures) into this request's report. */
export function readTags(m: Members, member: string, required = false): Tag[] {
  const list = m.list(member, {required}) ?? []
  return list.map((raw, i) => {
    const t = m.structureIn(member, i, raw)
    const key = t.string('key', {required: true, min: 1, max: 128}) ?? ''
    const value = t.string('value', {min: 0, max: 256}) ?? ''
    return {key, value}
  })
}

/** The tags after adding `more` to `tags`, refused when they would exceed the limit. */
export function mergeTags(tags: readonly Tag[], more: readonly Tag[], resource: string): Tag[] {
  const merged = [...tags]
  for (const tag of more) {
    const at = merged.findIndex((t) => t.key === tag.key)
    if (at === -1) merged.push({...tag})
    else merged[at] = {...tag}
  }
  if (merged.length > MAX_TAGS) {
    throw new AwsJsonError('TooManyTags', `Too many tags: a resource can have at most ${MAX_TAGS} tags (${resource}).`)
  }
  return merged
}

// Tags live on state machines; a version or an execution ARN names no taggable resource here.
function taggable(ctx: SfnContext, arn: string) {
  try {
    const found = findMachine(ctx, arn)
    if (found.version !== undefined) throw resourceNotFound(arn)
    return found.machine
  } catch (e) {
    if (e instanceof AwsJsonError && e.type === 'StateMachineDoesNotExist') throw resourceNotFound(arn)
    throw e
  }
}

export function tagResource(ctx: SfnContext, input: Input): Record<string, never> {
  const m = members(input)
  const arn = m.string('resourceArn', {required: true, ...ARN})
  const tags = readTags(m, 'tags', true)
  m.check()
  const machine = taggable(ctx, arn!)
  machine.tags = mergeTags(machine.tags, tags, arn!)
  return {}
}

export function untagResource(ctx: SfnContext, input: Input): Record<string, never> {
  const m = members(input)
  const arn = m.string('resourceArn', {required: true, ...ARN})
  const list = m.list('tagKeys', {required: true}) ?? []
  const keys = list.map((k, i) => m.stringIn('tagKeys', i, k, {required: true, min: 1, max: 128}))
  m.check()
  const machine = taggable(ctx, arn!)
  const remove = new Set(keys)
  machine.tags = machine.tags.filter((t) => !remove.has(t.key))
  return {}
}

export function listTagsForResource(ctx: SfnContext, input: Input): {tags: Tag[]} {
  const m = members(input)
  const arn = m.string('resourceArn', {required: true, ...ARN})
  m.check()
  return {tags: taggable(ctx, arn!).tags.map((t) => ({...t}))}
}
