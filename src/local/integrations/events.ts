// `arn:aws:states:::events:putEvents`: entries are recorded, never delivered. Like the service
// integration, each event gets the state machine and execution ARNs appended to its Resources,
// and an entry without Source or DetailType fails the task with EventBridge.FailedEntry.
import {randomUUID} from 'node:crypto'
import {StatesError} from '../../asl/states-error.js'
import type {JsonObject, JsonValue} from '../../asl/types.js'
import type {EventRecord} from './records.js'
import type {LocalService} from './scenario-task.js'
import {asObject} from './json.js'

export const EVENTS_PUT_EVENTS = 'arn:aws:states:::events:putEvents'


function stateMachineArnOf(context: JsonValue): string | undefined {
  const id = asObject(asObject(context)?.StateMachine)?.Id
  return typeof id === 'string' ? id : undefined
}

function parseDetail(detail: JsonValue | undefined): {ok: true; value: JsonValue} | {ok: false} {
  if (detail === undefined) return {ok: true, value: {}}
  if (typeof detail !== 'string') return {ok: true, value: detail}
  try {
    const parsed = JSON.parse(detail) as JsonValue
    return asObject(parsed) === undefined ? {ok: false} : {ok: true, value: parsed}
  } catch {
    return {ok: false}
  }
}

export const eventsPutEvents: LocalService = {
  defaultDurationMs: 80,
  call(c) {
    const entries = asObject(c.req.input)?.Entries
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new StatesError('EventBridge.AmazonEventBridgeException', 'putEvents needs a non-empty Entries list')
    }
    const at = c.req.clock.now()
    const arns = [stateMachineArnOf(c.req.context), c.req.executionArn].filter((a): a is string => a !== undefined)
    const results: JsonObject[] = []
    const accepted: EventRecord[] = []
    for (const raw of entries) {
      const entry = asObject(raw) ?? {}
      const detail = parseDetail(entry.Detail)
      if (typeof entry.Source !== 'string' || entry.Source === '') {
        results.push({ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.'})
      } else if (typeof entry.DetailType !== 'string' || entry.DetailType === '') {
        results.push({ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.'})
      } else if (!detail.ok) {
        results.push({ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.'})
      } else {
        const eventId = randomUUID()
        const resources = Array.isArray(entry.Resources) ? entry.Resources.filter((r): r is string => typeof r === 'string') : []
        accepted.push({
          eventId,
          source: entry.Source,
          detailType: entry.DetailType,
          detail: detail.value,
          eventBusName: typeof entry.EventBusName === 'string' ? entry.EventBusName : 'default',
          resources: [...resources, ...arns],
          at,
          executionArn: c.req.executionArn,
          stateName: c.req.stateName,
        })
        results.push({EventId: eventId})
      }
    }
    c.env.records.events.push(...accepted)
    const failed = results.filter((r) => 'ErrorCode' in r).length
    if (failed > 0) throw new StatesError('EventBridge.FailedEntry', JSON.stringify({Entries: results, FailedEntryCount: failed}))
    return {Entries: results, FailedEntryCount: 0}
  },
}
