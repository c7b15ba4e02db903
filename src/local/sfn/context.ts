// What every Step Functions operation needs: the endpoint's identity, its clock, the integrations
// executions run against, the store, and the lookups that answer InvalidArn / ...DoesNotExist in
// the service's words.
import {type Input, type MemberMessages, Members, type StringRule} from '../aws-json/index.js'
import type {Clock, Execution, Integrations} from '../engine/api.js'
import {parseExecutionArn, parseStateMachineArn, versionOf} from './arns.js'
import {executionDoesNotExist, invalidName, stateMachineDoesNotExist} from './errors.js'
import {refresh} from './outcome.js'
import type {ExecutionRecord, SfnStore, StateMachineRecord, StateMachineVersion} from './store.js'

export interface SfnDeps {
  region: string
  accountId: string
  /** The engine clock every execution runs on; dates the endpoint reports come from it too. */
  clock: Clock
  /** The task integrations of one execution: Step Functions Local's test case selects a scenario. */
  integrationsFor(stateMachineName: string, testCase: string | undefined, input: unknown): Integrations
  /** Told about every execution the endpoint starts (the server streams or awaits them). */
  onStarted?(execution: Execution): void
}

export interface SfnContext extends SfnDeps {
  store: SfnStore
}

// How the Step Functions messages of this endpoint read (EventBridge's differ): a member of the
// wrong type is named by its place in the request (`tags.1.member.key`), and values are clipped at
// 200 characters where AWS quotes them whole: definitions and inputs can be a megabyte.
const MESSAGES: MemberMessages = {typeErrorsName: 'path', clipAt: 200}

/** A request's members, read and checked as the service's front end reads them. */
export const members = (input: Input): Members => Members.of(input, MESSAGES)

// Constraints from the service's API model.
export const ARN: StringRule = {min: 1, max: 256}
export const NAME: StringRule = {min: 1, max: 80}
export const PAGE_SIZE = {min: 0, max: 1000}
export const PAGE_TOKEN: StringRule = {min: 1, max: 1024}
export const DEFINITION: StringRule = {min: 1, max: 1_048_576, sensitive: true}
export const VERSION_DESCRIPTION: StringRule = {max: 256, sensitive: true}
export const PAYLOAD: StringRule = {max: 262_144, sensitive: true, bytes: true}
export const ERROR: StringRule = {max: 256, sensitive: true}
export const CAUSE: StringRule = {max: 32_768, sensitive: true}
export const STATE_MACHINE_TYPES = ['STANDARD', 'EXPRESS'] as const

// Whitespace, brackets, wildcards, the listed specials and control characters are not allowed in names.
const NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u

export function checkName(name: string): void {
  if (NAME_FORBIDDEN.test(name)) throw invalidName(name)
}

export interface MachineLookup {
  machine: StateMachineRecord
  /** Set when the ARN names a version. */
  version?: StateMachineVersion
}

/** The state machine (or version) an ARN names; an alias or an unknown name does not exist here. */
export function findMachine(ctx: SfnContext, arn: string): MachineLookup {
  const ref = parseStateMachineArn(arn)
  const unqualified = ref.qualifier === undefined ? arn : arn.slice(0, arn.lastIndexOf(':'))
  const machine = ctx.store.machine(ref.name)
  if (machine === undefined || machine.arn !== unqualified) throw stateMachineDoesNotExist(arn)
  if (ref.qualifier === undefined) return {machine}
  const n = versionOf(ref.qualifier)
  const version = n === undefined ? undefined : machine.versions.find((v) => v.version === n)
  if (version === undefined) throw stateMachineDoesNotExist(arn)
  return {machine, version}
}

/** The execution an ARN names, brought up to date with the engine. */
export function findExecution(ctx: SfnContext, arn: string): ExecutionRecord {
  parseExecutionArn(arn)
  const record = ctx.store.execution(arn)
  if (record === undefined) throw executionDoesNotExist(arn)
  refresh(record)
  return record
}
