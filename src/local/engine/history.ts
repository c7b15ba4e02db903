// The event recorder: HistoryEvent objects in the shape GetExecutionHistory returns them (ids from
// 1, previousEventId, timestamps from the engine clock, one *EventDetails member per type), plus
// the AWS conventions for naming a Task's resource in its events.
import type {HistoryEvent, HistoryEventType} from '@aws-sdk/client-sfn'
import type {Clock} from './api.js'

/** AWS's hard limit on events in one execution's history (redrives included). */
export const HISTORY_EVENT_LIMIT = 25_000

export type EventDetails = Partial<Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp' | 'type'>>

/** Thrown by History.add once the history is full; the execution then fails with States.Runtime. */
export class HistoryLimitExceeded extends Error {
  constructor() {
    super(`The execution reached the maximum number of history events (${HISTORY_EVENT_LIMIT}).`)
    this.name = 'HistoryLimitExceeded'
  }
}

export class History {
  constructor(
    readonly events: HistoryEvent[],
    private readonly clock: Clock,
    private readonly onEvent?: (event: HistoryEvent) => void,
  ) {}

  get lastId(): number {
    return this.events.length
  }

  /**
   * Appends an event and returns its id. Only terminal execution events (`final`) may take the last
   * slot below the limit, so a run that hits the limit can still record how it ended.
   */
  add(type: HistoryEventType, previousEventId: number, details: EventDetails = {}, final = false): number {
    if (!final && this.events.length >= HISTORY_EVENT_LIMIT - 1) throw new HistoryLimitExceeded()
    const event: HistoryEvent = {timestamp: this.clock.now(), type, id: this.events.length + 1, previousEventId, ...details}
    this.events.push(event)
    if (this.onEvent !== undefined) {
      try {
        this.onEvent(event)
      } catch {
        // A listener's failure is the listener's problem; the execution goes on.
      }
    }
    return event.id as number
  }
}

export interface ResourceNames {
  resourceType: string
  resource: string
}

/**
 * How AWS names a service integration in Task* events: `arn:aws:states:::lambda:invoke` is
 * resourceType `lambda`, resource `invoke`; `arn:aws:states:::aws-sdk:ssm:sendCommand` is
 * `aws-sdk:ssm` / `sendCommand`; suffixes stay on the resource (`sendMessage.waitForTaskToken`,
 * `startExecution.sync:2`).
 */
export function resourceNames(resource: string): ResourceNames {
  const m = /^arn:[^:]+:states:[^:]*:[^:]*:(.+)$/.exec(resource)
  if (m === null) {
    const activity = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)
    return {resourceType: activity ? 'activity' : 'unknown', resource}
  }
  const parts = (m[1] as string).split(':')
  const typeParts = parts[0] === 'aws-sdk' && parts.length > 2 ? 2 : 1
  if (parts.length <= typeParts) return {resourceType: parts.join(':'), resource: ''}
  return {resourceType: parts.slice(0, typeParts).join(':'), resource: parts.slice(typeParts).join(':')}
}

/** A Task whose Resource is a Lambda function ARN: AWS records LambdaFunction* events for it. */
export const isLambdaFunctionArn = (resource: string): boolean => /^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(resource)

export function regionOf(arn: string): string {
  const region = arn.split(':')[3]
  return region !== undefined && region !== '' ? region : 'us-east-1'
}
