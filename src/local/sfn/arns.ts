// Step Functions ARNs: build them for this endpoint's region and account, and read the ones a
// request names. A malformed ARN, or one naming the wrong kind of resource, is InvalidArn in the
// service's words; a well-formed ARN that names nothing here is the caller's "does not exist".
import {validationError} from '../aws-json/index.js'
import {invalidArn} from './errors.js'

export interface Identity {
  region: string
  accountId: string
}

export interface StateMachineRef {
  kind: 'stateMachine'
  region: string
  account: string
  name: string
  /** A version number (`:3`) or an alias name after the state machine name. */
  qualifier?: string
}

export interface ExecutionRef {
  kind: 'execution'
  region: string
  account: string
  stateMachineName: string
  name: string
}

const PARTITION = /^aws(-[a-z]+)*$/
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/
const ACCOUNT = /^\d{12}$/
const VERSION = /^[1-9]\d{0,9}$/

export const stateMachineArn = (id: Identity, name: string) => `arn:aws:states:${id.region}:${id.accountId}:stateMachine:${name}`
export const versionArn = (stateMachine: string, version: number) => `${stateMachine}:${version}`
export const executionArn = (id: Identity, stateMachineName: string, name: string) =>
  `arn:aws:states:${id.region}:${id.accountId}:execution:${stateMachineName}:${name}`

/** Step Functions Local selects a mock scenario with `<state machine ARN>#<TestCase>`. */
export function splitTestCase(arn: string): {arn: string; testCase?: string} {
  const at = arn.indexOf('#')
  if (at === -1) return {arn}
  const testCase = arn.slice(at + 1)
  return testCase === '' ? {arn: arn.slice(0, at)} : {arn: arn.slice(0, at), testCase}
}

interface Parts {
  region: string
  account: string
  type: string
  rest: string[]
}

function parts(arn: string): Parts {
  if (!arn.startsWith('arn:')) throw invalidArn(`Invalid ARN prefix: ${arn}`)
  const fields = arn.split(':')
  const [, partition, service, region, account, type] = fields
  const rest = fields.slice(6)
  const wellFormed =
    partition !== undefined &&
    PARTITION.test(partition) &&
    service === 'states' &&
    region !== undefined &&
    REGION.test(region) &&
    account !== undefined &&
    ACCOUNT.test(account) &&
    type !== undefined &&
    rest.length > 0 &&
    rest.every((p) => p !== '')
  if (!wellFormed) throw invalidArn(`Unable to parse ARN: ${arn}`)
  return {region: region as string, account: account as string, type: type as string, rest}
}

/** A state machine ARN, possibly qualified by a version or alias. */
export function parseStateMachineArn(arn: string): StateMachineRef {
  const p = parts(arn)
  if (p.type !== 'stateMachine') throw invalidArn(`Resource type not valid in this context: ${p.type}`)
  if (p.rest.length > 2) throw invalidArn(`Unable to parse ARN: ${arn}`)
  const [name, qualifier] = p.rest as [string, string | undefined]
  // `name/label` names a Distributed Map state inside a state machine; no operation here takes one.
  if (name.includes('/')) throw validationError(`The operation does not support labelled state machine ARNs: ${arn}`)
  const ref: StateMachineRef = {kind: 'stateMachine', region: p.region, account: p.account, name}
  if (qualifier !== undefined) ref.qualifier = qualifier
  return ref
}

export function parseExecutionArn(arn: string): ExecutionRef {
  const p = parts(arn)
  if (p.type !== 'execution') throw invalidArn(`Resource type not valid in this context: ${p.type}`)
  if (p.rest.length !== 2) throw invalidArn(`Unable to parse ARN: ${arn}`)
  const [stateMachineName, name] = p.rest as [string, string]
  return {kind: 'execution', region: p.region, account: p.account, stateMachineName, name}
}

/** The version number a qualifier names, or undefined for an alias. */
export const versionOf = (qualifier: string): number | undefined => (VERSION.test(qualifier) ? Number(qualifier) : undefined)
