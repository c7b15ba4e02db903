// Paging an execution's history with the fewest GetExecutionHistory calls: ceil(events / 1000),
// whatever the count, with execution data on the first page only (where the start input and the
// run-date state are), against the local endpoint.
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadHistory} from '../../src/executions/history-loader.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {longExecution} from '../helpers/long-history.js'

let local: LocalAws
const arns = new Map<number, string>()
// Around the page boundaries: one short, exactly one page, one over, exactly two pages, two and a half
const SIZES = [996, 1000, 1004, 2000, 2500]

beforeAll(async () => {
  local = await localAws()
  for (const n of SIZES) arns.set(n, await longExecution(local, n))
})
afterAll(() => local.close())

const ids = (events: Array<{id?: number}>) => events.map((e) => e.id)
const oneTo = (n: number) => Array.from({length: n}, (_, i) => i + 1)

describe('loadHistory', () => {
  it.each(SIZES)('reads all %i events in ceil(events / 1000) calls, execution data on the first page only', async (n) => {
    const {events, calls} = await loadHistory(local.clients.sfn, arns.get(n)!, 'first-page')
    expect(calls).toBe(Math.ceil(n / 1000))
    expect(ids(events)).toEqual(oneTo(n))
    expect(events[0]!.executionStartedEventDetails?.input).toBe('{}')
    const withInput = events.filter((e) => e.stateEnteredEventDetails?.input !== undefined).map((e) => e.id!)
    expect(withInput.length).toBeGreaterThan(0)
    expect(Math.max(...withInput)).toBeLessThanOrEqual(1000)
  })

  it.each(SIZES)('reads all %i events in ceil(events / 1000) calls without data, or with all of it', async (n) => {
    const none = await loadHistory(local.clients.sfn, arns.get(n)!, 'none')
    expect(none.calls).toBe(Math.ceil(n / 1000))
    expect(ids(none.events)).toEqual(oneTo(n))
    expect(none.events.some((e) => e.stateEnteredEventDetails?.input !== undefined)).toBe(false)
    const all = await loadHistory(local.clients.sfn, arns.get(n)!, 'all')
    expect(all.calls).toBe(Math.ceil(n / 1000))
    expect(all.events.filter((e) => e.type === 'PassStateEntered').every((e) => e.stateEnteredEventDetails?.input !== undefined)).toBe(true)
  })
})
