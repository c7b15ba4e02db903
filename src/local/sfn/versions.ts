// State machine versions: publishing one (CreateStateMachine and UpdateStateMachine with publish),
// ListStateMachineVersions (newest first), and describing a state machine or one of its versions.
// Versions are numbered from 1 and never reused, as the service numbers them.
import {AwsJsonError, type Input, validationError} from '../aws-json/index.js'
import {versionArn} from './arns.js'
import {ARN, members, PAGE_SIZE, PAGE_TOKEN, type SfnContext} from './context.js'
import {parseStateMachineArn} from './arns.js'
import {issueToken, listingKey, pageSize, readToken} from './pagination.js'
import type {StateMachineRecord, StateMachineVersion} from './store.js'

/** The service's quota of versions per state machine. */
const MAX_VERSIONS = 1000

export function checkCanPublish(machine: StateMachineRecord): void {
  if (machine.versions.length >= MAX_VERSIONS) {
    throw new AwsJsonError('ServiceQuotaExceededException', `The state machine ${machine.arn} already has ${MAX_VERSIONS} versions; delete unused versions first.`)
  }
}

/** Publishes the machine's current revision as its next version. */
export function publishVersion(machine: StateMachineRecord, now: Date, description: string | undefined): StateMachineVersion {
  checkCanPublish(machine)
  const number = machine.nextVersion
  const version: StateMachineVersion = {
    version: number,
    arn: versionArn(machine.arn, number),
    definition: machine.definition,
    roleArn: machine.roleArn,
    creationDate: now,
  }
  if (machine.revisionId !== undefined) version.revisionId = machine.revisionId
  if (description !== undefined) version.description = description
  if (machine.loggingConfiguration !== undefined) version.loggingConfiguration = machine.loggingConfiguration
  if (machine.tracingConfiguration !== undefined) version.tracingConfiguration = machine.tracingConfiguration
  machine.versions.push(version)
  machine.nextVersion = number + 1
  return version
}

// What the service reports when a state machine sets no logging or tracing.
const DEFAULT_LOGGING = {level: 'OFF', includeExecutionData: false}
const DEFAULT_TRACING = {enabled: false}

export interface MachineDescription {
  stateMachineArn: string
  name: string
  status: 'ACTIVE'
  definition: string
  roleArn: string
  type: 'STANDARD'
  creationDate: Date
  loggingConfiguration: unknown
  tracingConfiguration: unknown
  revisionId?: string
  description?: string
}

/** DescribeStateMachine's answer for a state machine, or for one of its versions. */
export function describeMachine(machine: StateMachineRecord, version?: StateMachineVersion): MachineDescription {
  const source = version ?? machine
  const out: MachineDescription = {
    stateMachineArn: version?.arn ?? machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: source.definition,
    roleArn: source.roleArn,
    type: machine.type,
    creationDate: version?.creationDate ?? machine.creationDate,
    loggingConfiguration: source.loggingConfiguration ?? DEFAULT_LOGGING,
    tracingConfiguration: source.tracingConfiguration ?? DEFAULT_TRACING,
  }
  if (source.revisionId !== undefined) out.revisionId = source.revisionId
  if (version?.description !== undefined) out.description = version.description
  return out
}

export function listStateMachineVersions(ctx: SfnContext, input: Input) {
  const m = members(input)
  const arn = m.string('stateMachineArn', {required: true, ...ARN})
  const maxResults = m.integer('maxResults', PAGE_SIZE)
  const nextToken = m.string('nextToken', PAGE_TOKEN)
  m.check()
  const ref = parseStateMachineArn(arn!)
  if (ref.qualifier !== undefined) throw validationError(`List the versions of an unqualified state machine ARN, not ${arn}.`)
  const listing = listingKey('ListStateMachineVersions', arn)
  // The cursor is the last version number handed out; versions below it come next.
  const below = nextToken === undefined ? Number.MAX_SAFE_INTEGER : readToken(nextToken, listing)
  const machine = ctx.store.machine(ref.name)
  const versions = machine === undefined || machine.arn !== arn ? [] : machine.versions
  const newestFirst = versions.filter((v) => v.version < below).reverse()
  const page = newestFirst.slice(0, pageSize(maxResults))
  const out: {stateMachineVersions: Array<{stateMachineVersionArn: string; creationDate: Date}>; nextToken?: string} = {
    stateMachineVersions: page.map((v) => ({stateMachineVersionArn: v.arn, creationDate: v.creationDate})),
  }
  const last = page[page.length - 1]
  if (last !== undefined && newestFirst.length > page.length) out.nextToken = issueToken(listing, last.version)
  return out
}
