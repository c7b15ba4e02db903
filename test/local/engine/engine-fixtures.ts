// Fakes with a spec for the engine's own tests: integrations that count their calls and fail or
// take simulated time on demand, and readers for the history. No engine internals are mocked.
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import {StatesError} from '../../../src/asl/states-error.js'
import type {JsonValue} from '../../../src/asl/types.js'
import type {Execution, Integrations, TaskRequest, TaskResult} from '../../../src/local/engine/api.js'

export const START = Date.parse('2026-03-01T00:00:00Z')

export type Behaviour = (req: TaskRequest) => TaskResult | Promise<TaskResult>

export interface CountingIntegrations extends Integrations {
  /** Calls per resource, in order. */
  calls: Map<string, TaskRequest[]>
  count(resource: string): number
}

/** Serves each resource by its behaviour; an unknown resource has no integration. */
export function integrations(behaviours: Record<string, Behaviour>): CountingIntegrations {
  const calls = new Map<string, TaskRequest[]>()
  return {
    calls,
    count: (resource) => calls.get(resource)?.length ?? 0,
    resolve(resource) {
      const behaviour = Object.hasOwn(behaviours, resource) ? behaviours[resource] : undefined
      if (behaviour === undefined) return undefined
      return async (req) => {
        calls.set(resource, [...(calls.get(resource) ?? []), req])
        return behaviour(req)
      }
    },
  }
}

export const returns =
  (output: JsonValue, durationMs?: number): Behaviour =>
  () =>
    durationMs === undefined ? {output} : {output, durationMs}

export const echo: Behaviour = (req) => ({output: req.input})

/** Fails the first `times` attempts of each task run with `error`, then returns `output`. */
export const failsTimes =
  (times: number, error: string, output: JsonValue = 'ok'): Behaviour =>
  (req) => {
    if (req.attempt < times) throw new StatesError(error, `attempt ${req.attempt} failed`)
    return {output}
  }

export const alwaysFails =
  (error: string, cause = 'it failed'): Behaviour =>
  () => {
    throw new StatesError(error, cause)
  }

/** [id, previousEventId, type] of every event: the shape AWS histories are compared in. */
export const chain = (events: HistoryEvent[]): Array<[number, number, string]> =>
  events.map((e) => [e.id as number, e.previousEventId as number, String(e.type)])

export const types = (events: HistoryEvent[]): string[] => events.map((e) => String(e.type))

export const eventsOf = (events: HistoryEvent[], type: string): HistoryEvent[] => events.filter((e) => e.type === type)

export const at = (event: HistoryEvent | undefined): number => {
  if (event?.timestamp === undefined) throw new Error('no such event')
  return event.timestamp.getTime()
}

/** Resolves once the execution has recorded an event of `type` (polling between macrotasks). */
export async function eventRecorded(execution: Execution, type: string): Promise<HistoryEvent> {
  for (let i = 0; i < 1000; i++) {
    const found = execution.events.find((e) => e.type === type)
    if (found !== undefined) return found
    await new Promise((resolve) => setImmediate(resolve))
  }
  throw new Error(`no ${type} event was recorded`)
}
