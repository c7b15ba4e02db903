// Payload rules shared by every state: JSON text as history events carry it, and the 256 KiB quota
// Step Functions puts on state input, state output, task results and execution input.
import {Buffer} from 'node:buffer'
import type {JsonObject, JsonValue} from '../../asl/types.js'
import {StateFailure} from './errors.js'

export const PAYLOAD_LIMIT_BYTES = 262_144

export const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value)

// The last value serialized and its text: a state that passes its input on unchanged (Pass
// chains, Choice, Wait) hands the very same object to the next state, whose StateEntered would
// serialize it again. State data is never mutated in place, so identity means equal text.
let lastValue: unknown
let lastText = 'null'

export function toJson(value: JsonValue | undefined): string {
  if (value !== undefined && value === lastValue && typeof value === 'object' && value !== null) return lastText
  const text = JSON.stringify(value ?? null)
  lastValue = value
  lastText = text
  return text
}

export function exceedsPayloadLimit(json: string): boolean {
  // A UTF-8 character takes at most 3 bytes per UTF-16 code unit, so short text needs no counting.
  if (json.length * 3 <= PAYLOAD_LIMIT_BYTES) return false
  return Buffer.byteLength(json, 'utf8') > PAYLOAD_LIMIT_BYTES
}

/** AWS's words for an oversized payload; `who` is the state name, or the resource type for a task result. */
export function dataLimitExceeded(who: string, terminal: boolean): StateFailure {
  return new StateFailure(
    {
      error: 'States.DataLimitExceeded',
      cause: `The state/task '${who}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    },
    terminal,
  )
}

/** Own-property read, so a state or field named like an Object.prototype member is just missing. */
export function own<T>(record: Record<string, T> | undefined | null, key: string): T | undefined {
  if (record === null || record === undefined || typeof record !== 'object') return undefined
  return Object.hasOwn(record, key) ? record[key] : undefined
}
