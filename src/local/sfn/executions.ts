// Execution operations: StartExecution (and startExecutionDirect, the same path for executions the
// EventBridge scheduler starts), DescribeExecution, StopExecution and
// DescribeStateMachineForExecution. An execution records the definition and role it started with,
// so DescribeStateMachineForExecution answers with what that run used even after later updates.
import {randomUUID} from 'node:crypto'
import type {JsonValue} from '../../asl/types.js'
import {type Input, validationError} from '../aws-json/index.js'
import {startExecution as runOnEngine} from '../engine/index.js'
import {executionArn, splitTestCase} from './arns.js'
import {ARN, CAUSE, checkName, ERROR, findExecution, findMachine, members, NAME, PAYLOAD, type SfnContext, type SfnDeps} from './context.js'
import {parseDefinition} from './definitions.js'
import {executionAlreadyExists, internalFailure, invalidExecutionInput} from './errors.js'
import {refresh, TERMINAL, trackRun} from './outcome.js'
import {redriveState} from './redrive.js'
import type {ExecutionRecord, SfnStore} from './store.js'

export interface StartRequest {
  stateMachineArn: string
  name?: string
  /** JSON text, as StartExecution takes it; default `{}`. */
  input?: string
}

export interface Started {
  executionArn: string
  startDate: Date
}

/**
 * Starts an execution as StartExecution does, for callers inside the endpoint (the EventBridge
 * scheduler). Throws an AwsJsonError when the service would refuse the request.
 */
export function startExecutionDirect(store: SfnStore, deps: SfnDeps, request: StartRequest): Started {
  return startExecution({...deps, store}, {...request})
}

export function startExecution(ctx: SfnContext, input: Input): Started {
  const m = members(input)
  const requested = m.string('stateMachineArn', {required: true, min: 1, max: 256 + 1024})
  const name = m.string('name', NAME)
  const text = m.string('input', PAYLOAD)
  m.string('traceHeader', {max: 256})
  m.check()
  // Step Functions Local picks a mock test case with `<arn>#<TestCase>`; the ARN itself is the part before.
  const {arn, testCase} = splitTestCase(requested!)
  if (arn.length > ARN.max!) {
    throw validationError(`1 validation error detected: Value '${arn}' at 'stateMachineArn' failed to satisfy constraint: Member must have length less than or equal to ${ARN.max}`)
  }
  const executionName = name ?? randomUUID()
  checkName(executionName)
  const inputText = text ?? '{}'
  const parsedInput = parseInput(inputText)
  const {machine, version} = findMachine(ctx, arn)
  const execArn = executionArn(ctx, machine.name, executionName)

  const existing = ctx.store.execution(execArn)
  if (existing !== undefined) {
    refresh(existing)
    // Idempotent for the same input while the first one runs; otherwise the name is taken.
    if (existing.status === 'RUNNING' && existing.input === inputText) return {executionArn: existing.executionArn, startDate: existing.startDate}
    throw executionAlreadyExists(execArn)
  }

  const source = version ?? machine
  const parsed = parseDefinition(source.definition)
  if (!parsed.ok) throw internalFailure(`the stored definition of ${source.arn} does not parse`)
  const live = runOnEngine({
    definition: parsed.definition,
    input: parsedInput,
    executionArn: execArn,
    name: executionName,
    stateMachineArn: version?.arn ?? machine.arn,
    roleArn: source.roleArn,
    clock: ctx.clock,
    integrations: ctx.integrationsFor(machine.name, testCase, parsedInput),
  })
  const record: ExecutionRecord = {
    seq: ctx.store.nextSeq(),
    executionArn: execArn,
    stateMachineArn: machine.arn,
    name: executionName,
    input: inputText,
    startDate: live.startDate,
    ran: {definition: source.definition, roleArn: source.roleArn, updateDate: machine.updateDate},
    status: live.status,
    redriveCount: 0,
    redriveTokens: [],
    events: live.events,
    live,
  }
  if (version !== undefined) record.stateMachineVersionArn = version.arn
  if (testCase !== undefined) record.testCase = testCase
  if (source.revisionId !== undefined) record.ran.revisionId = source.revisionId
  if (source.loggingConfiguration !== undefined) record.ran.loggingConfiguration = source.loggingConfiguration
  if (source.tracingConfiguration !== undefined) record.ran.tracingConfiguration = source.tracingConfiguration
  trackRun(record, live)
  ctx.store.addExecution(record)
  ctx.onStarted?.(live)
  return {executionArn: execArn, startDate: record.startDate}
}

function parseInput(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue
  } catch (e) {
    throw invalidExecutionInput(e instanceof Error ? e.message : String(e))
  }
}

export function describeExecution(ctx: SfnContext, input: Input) {
  const m = members(input)
  const arn = m.string('executionArn', {required: true, ...ARN})
  const includedData = m.string('includedData', {enum: ['ALL_DATA', 'METADATA_ONLY']})
  m.check()
  const record = findExecution(ctx, arn!)
  const withData = includedData !== 'METADATA_ONLY'
  const out: Record<string, unknown> = {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: record.startDate,
  }
  if (record.stopDate !== undefined) out.stopDate = record.stopDate
  if (withData) {
    out.input = record.input
    out.inputDetails = {included: true}
    if (record.status === 'SUCCEEDED' && record.output !== undefined) {
      out.output = record.output
      out.outputDetails = {included: true}
    }
  }
  if (TERMINAL.has(record.status) && record.status !== 'SUCCEEDED') {
    if (record.error !== undefined) out.error = record.error
    if (record.cause !== undefined) out.cause = record.cause
  }
  if (record.stateMachineVersionArn !== undefined) out.stateMachineVersionArn = record.stateMachineVersionArn
  out.redriveCount = record.redriveCount
  if (record.redriveDate !== undefined) out.redriveDate = record.redriveDate
  const redrive = redriveState(ctx, record)
  out.redriveStatus = redrive.status
  if (redrive.reason !== undefined) out.redriveStatusReason = redrive.reason
  return out
}

export function stopExecution(ctx: SfnContext, input: Input): {stopDate: Date} {
  const m = members(input)
  const arn = m.string('executionArn', {required: true, ...ARN})
  const error = m.string('error', ERROR)
  const cause = m.string('cause', CAUSE)
  m.check()
  const record = findExecution(ctx, arn!)
  const live = record.live
  // Stopping an execution that has already ended changes nothing, as with the service.
  if (live === undefined || TERMINAL.has(live.status)) return {stopDate: record.stopDate ?? ctx.clock.now()}
  live.stop(error, cause)
  refresh(record)
  return {stopDate: record.stopDate ?? ctx.clock.now()}
}

export function describeStateMachineForExecution(ctx: SfnContext, input: Input) {
  const m = members(input)
  const arn = m.string('executionArn', {required: true, ...ARN})
  m.string('includedData', {enum: ['ALL_DATA', 'METADATA_ONLY']})
  m.check()
  const record = findExecution(ctx, arn!)
  const out: Record<string, unknown> = {
    stateMachineArn: record.stateMachineVersionArn ?? record.stateMachineArn,
    name: record.stateMachineArn.slice(record.stateMachineArn.lastIndexOf(':') + 1),
    definition: record.ran.definition,
    roleArn: record.ran.roleArn,
    updateDate: record.ran.updateDate,
    loggingConfiguration: record.ran.loggingConfiguration ?? {level: 'OFF', includeExecutionData: false},
    tracingConfiguration: record.ran.tracingConfiguration ?? {enabled: false},
  }
  if (record.ran.revisionId !== undefined) out.revisionId = record.ran.revisionId
  return out
}
