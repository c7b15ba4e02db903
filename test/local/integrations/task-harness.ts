// Calls local integrations the way the engine does (a TaskRequest with a virtual clock and an abort
// signal), so each integration can be tested on its own without running a state machine.
import type {JsonObject, JsonValue} from '../../../src/asl/types.js'
import {createVirtualClock, type VirtualClock} from '../../../src/local/engine/clock.js'
import type {Integrations, TaskRequest, TaskResult} from '../../../src/local/engine/api.js'
import {createIntegrations, createRecords, DynamoTables, type IntegrationRecords} from '../../../src/local/integrations/index.js'
import {S3Store} from '../../../src/local/s3/store.js'
import type {ResolvedScenario} from '../../../src/local/scenarios/types.js'

export const START = Date.parse('2026-05-16T06:00:00.000Z')
export const EXECUTION_ARN = 'arn:aws:states:us-east-1:000000000000:execution:alpha-engine-saturday-pipeline:run-1'
export const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:alpha-engine-saturday-pipeline'

export interface Harness {
  clock: VirtualClock
  s3Store: S3Store
  records: IntegrationRecords
  dynamo: DynamoTables
  integrations: Integrations
  /** Runs one task attempt; resolves with its result or rejects with what the handler threw. */
  call(resource: string, input: JsonValue, options?: CallOptions): Promise<TaskResult>
  /** Virtual milliseconds since the harness started. */
  elapsed(): number
}

export interface CallOptions {
  stateName?: string
  attempt?: number
  signal?: AbortSignal
  executionInput?: JsonObject
  executionArn?: string
}

export function harness(options: {scenario?: ResolvedScenario; dynamo?: DynamoTables} = {}): Harness {
  const clock = createVirtualClock({timeScale: 0, start: START})
  const s3Store = new S3Store({now: () => clock.now()})
  const records = createRecords()
  const dynamo = options.dynamo ?? new DynamoTables()
  const integrations = createIntegrations({clock, s3Store, records, scenario: options.scenario, dynamo})
  return {
    clock,
    s3Store,
    records,
    dynamo,
    integrations,
    elapsed: () => clock.now().getTime() - START,
    async call(resource, input, o = {}) {
      const handler = integrations.resolve(resource)
      if (handler === undefined) throw new Error(`no integration for ${resource}`)
      const stateName = o.stateName ?? 'Task'
      const executionArn = o.executionArn ?? EXECUTION_ARN
      const req: TaskRequest = {
        resource,
        input,
        stateName,
        context: {
          Execution: {Id: executionArn, Input: o.executionInput ?? {}, Name: 'run-1', StartTime: new Date(START).toISOString()},
          StateMachine: {Id: STATE_MACHINE_ARN, Name: 'alpha-engine-saturday-pipeline'},
          State: {Name: stateName, EnteredTime: clock.now().toISOString(), RetryCount: o.attempt ?? 0},
        },
        executionArn,
        attempt: o.attempt ?? 0,
        signal: o.signal ?? new AbortController().signal,
        clock,
        heartbeat: () => undefined,
      }
      return handler(req)
    },
  }
}

/** The error a rejected promise carries, for assertions on StatesError names and causes. */
export async function failureOf(promise: Promise<unknown>): Promise<{error: string; cause: string}> {
  try {
    await promise
  } catch (e) {
    const err = e as {error?: string; errorCause?: string}
    if (typeof err.error === 'string') return {error: err.error, cause: err.errorCause ?? ''}
    throw e
  }
  throw new Error('expected the task to fail, but it succeeded')
}

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke'
export const SEND_COMMAND = 'arn:aws:states:::aws-sdk:ssm:sendCommand'
export const GET_INVOCATION = 'arn:aws:states:::aws-sdk:ssm:getCommandInvocation'

/** A resolved scenario written inline: only the fields a test cares about. */
export const scenario = (fields: Partial<ResolvedScenario>): ResolvedScenario => ({
  stateMachineName: 'alpha-engine-saturday-pipeline',
  testCase: 'inline',
  mocks: {},
  durations: {},
  s3: {},
  commands: {},
  ...fields,
})
