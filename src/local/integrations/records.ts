// What the local integrations did, kept for the endpoint to expose and for tests to read: SNS
// messages published, EventBridge events put, SSM commands sent. Shared by every execution of an
// endpoint, in the order things happened.
import type {JsonValue} from '../../asl/types.js'
import {SsmCommandStore} from './ssm-commands.js'

export interface SnsRecord {
  messageId: string
  topicArn: string
  message: string
  subject?: string
  at: Date
  executionArn: string
  stateName: string
}

export interface EventRecord {
  eventId: string
  source: string
  detailType: string
  /** Detail as the event carries it (parsed JSON). */
  detail: JsonValue
  eventBusName: string
  resources: string[]
  at: Date
  executionArn: string
  stateName: string
}

export interface IntegrationRecords {
  sns: SnsRecord[]
  events: EventRecord[]
  commands: SsmCommandStore
}

export function createRecords(): IntegrationRecords {
  return {sns: [], events: [], commands: new SsmCommandStore()}
}
