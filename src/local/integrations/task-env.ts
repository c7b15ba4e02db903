// What every local integration shares: the clock, the stores, the records, the scenario, and the
// per-execution invocation counts the scenario's mocked responses are indexed by.
import type {JsonValue} from '../../asl/types.js'
import type {Clock, TaskRequest} from '../engine/api.js'
import type {S3Store} from '../s3/store.js'
import type {ResolvedScenario} from '../scenarios/types.js'
import type {DynamoTables} from './dynamodb-store.js'
import type {IntegrationRecords} from './records.js'
import {asObject} from './json.js'

export interface IntegrationDeps {
  /** The engine clock (the same one the executions run on). */
  clock: Clock
  s3Store: S3Store
  records: IntegrationRecords
  /** The test case this execution runs under; undefined runs every task on its defaults. */
  scenario?: ResolvedScenario | undefined
  /** The run_date a task works on, for `{run_date}` in scenario keys. Default: see defaultRunDate. */
  runDateOf?: (req: TaskRequest) => string
  /** DynamoDB tables; default an empty set (every table is ResourceNotFound until created). */
  dynamo?: DynamoTables
}

export interface TaskEnv extends Required<Omit<IntegrationDeps, 'scenario'>> {
  scenario: ResolvedScenario | undefined
  invocations: InvocationCounter
}

/** Counts invocations per state per execution, from 0, every attempt included. */
export class InvocationCounter {
  private readonly counts = new Map<string, number>()

  next(executionArn: string, stateName: string): number {
    const key = `${executionArn}\u0000${stateName}`
    const n = this.counts.get(key) ?? 0
    this.counts.set(key, n + 1)
    return n
  }
}


const dateLike = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/**
 * The run_date a task works on, found the way the pipelines' InitializeInput computes it: a
 * run_date in the task's own input (or its Lambda Payload), else the execution input's, else the
 * UTC date the execution started. SSM tasks carry no run_date in their parameters, so the
 * fallbacks are what name their objects.
 */
export function defaultRunDate(req: TaskRequest): string {
  const input = asObject(req.input)
  const context = asObject(req.context)
  const execution = asObject(context?.Execution)
  return (
    dateLike(input?.run_date) ??
    dateLike(asObject(input?.Payload)?.run_date) ??
    dateLike(asObject(execution?.Input)?.run_date) ??
    dateLike(execution?.StartTime)?.split('T')[0] ??
    req.clock.now().toISOString().slice(0, 10)
  )
}
