// CONTRACT STUB (the lead is implementing it): the embedded endpoint as tests and `ae local start` use it.
import type {Clock} from './engine/api.js'
import type {FaultOptions} from './faults.js'

export interface LocalEndpointOptions {
  port?: number
  /** Keep state across restarts in this folder. */
  dataDir?: string
  /** A Step Functions Local mock config file with ae's extensions; default: the shipped scenarios. */
  scenariosFile?: string
  /** 0 runs instantly (default), 1 in real time. */
  timeScale?: number
  faults?: FaultOptions
  accountId?: string
  region?: string
  /** Start of the virtual clock (default: now). */
  start?: Date
}

export interface LocalEndpoint {
  url: string
  region: string
  accountId: string
  clock: Clock
  /** Every request routed, as "sfn:StartExecution", "s3:PutObject", "events:PutRule", "sts:GetCallerIdentity". */
  calls: string[]
  /** Everything stored (state machines, executions, rules, buckets): tests compare it before and after. */
  snapshot(): unknown
  /** SNS messages the pipelines published. */
  snsMessages(): Array<{topicArn: string; message: string; subject?: string; executionArn?: string}>
  close(): Promise<void>
}

export async function startLocalEndpoint(options: LocalEndpointOptions = {}): Promise<LocalEndpoint> {
  throw new Error(`not implemented ${JSON.stringify(options)}`)
}
