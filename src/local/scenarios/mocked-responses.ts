// The Step Functions Local half of the scenario format: invocation keys ("0", "1-2") and which
// mocked outcome an invocation gets. Invocations are counted per state per execution from 0;
// every attempt counts, retries and loop iterations included.
import type {JsonValue} from '../../asl/types.js'
import type {MockedResponse, MockOutcome, MockRange} from './types.js'

export interface Problems {
  add(path: string, problem: string): void
}

/** "3" -> [3, 3], "1-2" -> [1, 2]; undefined when the key is not an invocation number or range. */
export function parseInvocationKey(key: string): [number, number] | undefined {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(key)
  if (m === null) return undefined
  const from = Number(m[1])
  const to = m[2] === undefined ? from : Number(m[2])
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) return undefined
  return [from, to]
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Checks one entry of `MockedResponses`. As Step Functions Local requires: every key is an
 * invocation number or range, each value holds exactly one of Return or Throw (Throw with string
 * Error and Cause), and the ranges cover 0, 1, 2... without gap or overlap.
 */
export function parseMockedResponse(name: string, raw: unknown, path: string, problems: Problems): MockedResponse | undefined {
  if (!isObject(raw) || Object.keys(raw).length === 0) {
    problems.add(path, 'a mocked response is an object of invocations, like {"0": {"Return": {...}}}')
    return undefined
  }
  const ranges: MockRange[] = []
  let ok = true
  for (const [key, value] of Object.entries(raw)) {
    const where = `${path}.${key}`
    const span = parseInvocationKey(key)
    if (span === undefined) {
      problems.add(where, `"${key}" is not an invocation number ("0") or range ("1-2", low to high)`)
      ok = false
      continue
    }
    const outcome = parseOutcome(value, where, problems)
    if (outcome === undefined) {
      ok = false
      continue
    }
    ranges.push({from: span[0], to: span[1], outcome})
  }
  if (!ok) return undefined
  ranges.sort((a, b) => a.from - b.from)
  let next = 0
  for (const range of ranges) {
    if (range.from !== next) {
      const what = range.from < next ? `overlaps invocation ${range.from}` : `leaves invocation ${next} without a response`
      problems.add(path, `invocations must be numbered 0, 1, 2... without gaps or overlaps; "${range.from === range.to ? range.from : `${range.from}-${range.to}`}" ${what}`)
      return undefined
    }
    next = range.to + 1
  }
  return {name, ranges}
}

function parseOutcome(value: unknown, path: string, problems: Problems): MockOutcome | undefined {
  if (!isObject(value)) {
    problems.add(path, 'each invocation is {"Return": <response>} or {"Throw": {"Error": "...", "Cause": "..."}}')
    return undefined
  }
  const hasReturn = 'Return' in value
  const hasThrow = 'Throw' in value
  if (hasReturn === hasThrow) {
    problems.add(path, hasReturn ? 'an invocation cannot hold both Return and Throw' : 'an invocation needs a Return or a Throw')
    return undefined
  }
  const extra = Object.keys(value).filter((k) => k !== 'Return' && k !== 'Throw')
  if (extra.length > 0) problems.add(path, `unknown field ${extra.map((k) => JSON.stringify(k)).join(', ')} (only Return or Throw)`)
  if (hasReturn) return {type: 'return', value: value.Return as JsonValue}
  const thrown = value.Throw
  if (!isObject(thrown) || typeof thrown.Error !== 'string' || typeof thrown.Cause !== 'string') {
    problems.add(`${path}.Throw`, 'a Throw needs string fields Error and Cause')
    return undefined
  }
  return {type: 'throw', error: thrown.Error, cause: thrown.Cause}
}

/**
 * The outcome for the `invocation`-th call (from 0). Past the last configured invocation the last
 * response repeats, so `{"0-1": InProgress, "2": Success}` keeps answering Success to later polls.
 */
export function outcomeAt(response: MockedResponse, invocation: number): MockOutcome {
  for (const range of response.ranges) {
    if (invocation >= range.from && invocation <= range.to) return range.outcome
  }
  const last = response.ranges[response.ranges.length - 1]
  if (last === undefined) throw new Error(`mocked response ${response.name} has no invocations`)
  return last.outcome
}
