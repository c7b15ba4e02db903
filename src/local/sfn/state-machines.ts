// State machine operations: CreateStateMachine, UpdateStateMachine, DescribeStateMachine,
// ListStateMachines, DeleteStateMachine. Only STANDARD state machines exist here (the CLI deploys
// nothing else). CreateStateMachine is idempotent as the service documents it: a request naming an
// existing state machine with the same definition, type, logging and tracing configuration, publish
// and versionDescription gets the existing ARN back, and a different roleArn or tags are ignored
// (not applied); anything else is StateMachineAlreadyExists.
import {randomUUID} from 'node:crypto'
import {AwsJsonError, type Input, validationError} from '../aws-json/index.js'
import {stateMachineArn} from './arns.js'
import {ARN, checkName, DEFINITION, findMachine, members, NAME, PAGE_SIZE, PAGE_TOKEN, type SfnContext, STATE_MACHINE_TYPES, VERSION_DESCRIPTION} from './context.js'
import {checkDefinition, describeErrors} from './definitions.js'
import {invalidArn, invalidDefinition, stateMachineAlreadyExists} from './errors.js'
import {issueToken, listingKey, pageSize, readToken} from './pagination.js'
import type {Configuration, StateMachineRecord} from './store.js'
import {mergeTags, readTags} from './tags.js'
import {checkCanPublish, describeMachine, publishVersion} from './versions.js'

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/

export function createStateMachine(ctx: SfnContext, input: Input) {
  const m = members(input)
  const name = m.string('name', {required: true, ...NAME})
  const definition = m.string('definition', {required: true, ...DEFINITION})
  const roleArn = m.string('roleArn', {required: true, ...ARN})
  const type = m.string('type', {enum: STATE_MACHINE_TYPES})
  const logging = m.structure('loggingConfiguration')
  const tracing = m.structure('tracingConfiguration')
  m.structure('encryptionConfiguration')
  const tags = readTags(m, 'tags')
  const publish = m.boolean('publish') ?? false
  const versionDescription = m.string('versionDescription', VERSION_DESCRIPTION)
  m.check()
  checkName(name!)
  checkRoleArn(roleArn!)
  if (type === 'EXPRESS') throw validationError('The local endpoint runs STANDARD state machines only; EXPRESS is not supported.')
  if (versionDescription !== undefined && !publish) throw validationError('versionDescription can only be set when publish is true.')
  const checked = checkDefinition(definition!)
  if (checked.errors.length > 0) throw invalidDefinition(describeErrors(checked.errors))

  const arn = stateMachineArn(ctx, name!)
  const existing = ctx.store.machine(name!)
  if (existing !== undefined) {
    const same =
      existing.definition === definition &&
      sameConfig(existing.loggingConfiguration, logging) &&
      sameConfig(existing.tracingConfiguration, tracing) &&
      existing.createdWith.publish === publish &&
      existing.createdWith.versionDescription === versionDescription
    if (!same) throw stateMachineAlreadyExists(arn)
    return created(existing)
  }

  const now = ctx.clock.now()
  const machine: StateMachineRecord = {
    name: name!,
    arn,
    type: 'STANDARD',
    definition: definition!,
    roleArn: roleArn!,
    creationDate: now,
    updateDate: now,
    tags: mergeTags([], tags, arn),
    versions: [],
    nextVersion: 1,
    createdWith: {publish},
  }
  if (logging !== undefined) machine.loggingConfiguration = logging
  if (tracing !== undefined) machine.tracingConfiguration = tracing
  if (versionDescription !== undefined) machine.createdWith.versionDescription = versionDescription
  if (publish) machine.createdWith.versionArn = publishVersion(machine, now, versionDescription).arn
  ctx.store.putMachine(machine)
  return created(machine)
}

function created(machine: StateMachineRecord) {
  const out: {stateMachineArn: string; creationDate: Date; stateMachineVersionArn?: string} = {
    stateMachineArn: machine.arn,
    creationDate: machine.creationDate,
  }
  if (machine.createdWith.versionArn !== undefined) out.stateMachineVersionArn = machine.createdWith.versionArn
  return out
}

export function updateStateMachine(ctx: SfnContext, input: Input) {
  const m = members(input)
  const arn = m.string('stateMachineArn', {required: true, ...ARN})
  const definition = m.string('definition', DEFINITION)
  const roleArn = m.string('roleArn', ARN)
  const logging = m.structure('loggingConfiguration')
  const tracing = m.structure('tracingConfiguration')
  const encryption = m.structure('encryptionConfiguration')
  const publish = m.boolean('publish') ?? false
  const versionDescription = m.string('versionDescription', VERSION_DESCRIPTION)
  m.check()
  if ([definition, roleArn, logging, tracing, encryption].every((v) => v === undefined)) {
    throw new AwsJsonError('MissingRequiredParameter', 'Either the definition, the roleArn or a configuration must be specified.')
  }
  if (versionDescription !== undefined && !publish) throw validationError('versionDescription can only be set when publish is true.')
  if (roleArn !== undefined) checkRoleArn(roleArn)
  const {machine, version} = findMachine(ctx, arn!)
  if (version !== undefined) throw validationError(`A state machine version cannot be updated: ${arn}`)
  if (definition !== undefined) {
    const checked = checkDefinition(definition)
    if (checked.errors.length > 0) throw invalidDefinition(describeErrors(checked.errors))
  }
  if (publish) checkCanPublish(machine)

  const now = ctx.clock.now()
  if (definition !== undefined) machine.definition = definition
  if (roleArn !== undefined) machine.roleArn = roleArn
  if (logging !== undefined) machine.loggingConfiguration = logging
  if (tracing !== undefined) machine.tracingConfiguration = tracing
  machine.updateDate = now
  machine.revisionId = randomUUID()
  const out: {updateDate: Date; revisionId: string; stateMachineVersionArn?: string} = {updateDate: now, revisionId: machine.revisionId}
  if (publish) out.stateMachineVersionArn = publishVersion(machine, now, versionDescription).arn
  return out
}

export function describeStateMachine(ctx: SfnContext, input: Input) {
  const m = members(input)
  const arn = m.string('stateMachineArn', {required: true, ...ARN})
  const includedData = m.string('includedData', {enum: ['ALL_DATA', 'METADATA_ONLY']})
  m.check()
  const {machine, version} = findMachine(ctx, arn!)
  const out = describeMachine(machine, version)
  if (includedData === 'METADATA_ONLY') out.definition = '{}'
  return out
}

export function listStateMachines(ctx: SfnContext, input: Input) {
  const m = members(input)
  const maxResults = m.integer('maxResults', PAGE_SIZE)
  const nextToken = m.string('nextToken', PAGE_TOKEN)
  m.check()
  const listing = listingKey('ListStateMachines')
  const start = nextToken === undefined ? 0 : readToken(nextToken, listing)
  const all = ctx.store.machines()
  const end = start + pageSize(maxResults)
  const out: {stateMachines: Array<Record<string, unknown>>; nextToken?: string} = {
    stateMachines: all.slice(start, end).map((s) => ({stateMachineArn: s.arn, name: s.name, type: s.type, creationDate: s.creationDate})),
  }
  if (end < all.length) out.nextToken = issueToken(listing, end)
  return out
}

export function deleteStateMachine(ctx: SfnContext, input: Input): Record<string, never> {
  const m = members(input)
  const arn = m.string('stateMachineArn', {required: true, ...ARN})
  m.check()
  let found: ReturnType<typeof findMachine>
  try {
    found = findMachine(ctx, arn!)
  } catch (e) {
    // Deleting what is not there succeeds, as the service's DeleteStateMachine does.
    if (e instanceof AwsJsonError && e.type === 'StateMachineDoesNotExist') return {}
    throw e
  }
  if (found.version !== undefined) throw validationError(`Delete a state machine version with DeleteStateMachineVersion: ${arn}`)
  // The service terminates the executions of a deleted state machine at their next transition.
  for (const execution of ctx.store.executionsOf(found.machine.arn)) {
    if (execution.live !== undefined && execution.live.status === 'RUNNING') execution.live.stop('States.Runtime', 'The state machine was deleted.')
  }
  ctx.store.deleteMachine(found.machine.name)
  return {}
}

function checkRoleArn(roleArn: string): void {
  if (!roleArn.startsWith('arn:')) throw invalidArn(`Invalid ARN prefix: ${roleArn}`)
  if (!ROLE_ARN.test(roleArn)) throw invalidArn(`Resource type not valid in this context: ${roleArn}`)
}

const sameConfig = (a: Configuration | undefined, b: Configuration | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
