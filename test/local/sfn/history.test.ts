// GetExecutionHistory through the real SFNClient: pages of 1000 over a ~3,000-event execution,
// forward and reverse, with contiguous ids; includeExecutionData=false strips data but keeps
// errors; tokens only work for the arguments they were issued for.
import {CreateStateMachineCommand, GetExecutionHistoryCommand, StartExecutionCommand, type HistoryEvent} from '@aws-sdk/client-sfn'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {StateMachineDefinition} from '../../../src/asl/types.js'
import {fn, json, rejection, ROLE, startSfn, type SfnFixture, taskMachine} from './serve.js'

// A Map over 740 items with a Pass per item: four events per item, about 2,970 in all.
const FAN_OUT: StateMachineDefinition = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {StartAt: 'Touch', States: {Touch: {Type: 'Pass', End: true}}},
      End: true,
    },
  },
}

let sfn: SfnFixture
let bigArn: string
let failedArn: string

beforeAll(async () => {
  sfn = await startSfn()
  const big = await sfn.client.send(new CreateStateMachineCommand({name: 'fan-out', definition: json(FAN_OUT), roleArn: ROLE}))
  const started = await sfn.client.send(
    new StartExecutionCommand({stateMachineArn: big.stateMachineArn, name: 'big', input: json({items: Array.from({length: 740}, (_, i) => ({i}))})}),
  )
  bigArn = started.executionArn!
  await sfn.settle(bigArn)
  const failing = await sfn.client.send(new CreateStateMachineCommand({name: 'failing', definition: json(taskMachine(fn('fail'))), roleArn: ROLE}))
  const failed = await sfn.client.send(new StartExecutionCommand({stateMachineArn: failing.stateMachineArn, name: 'f', input: '{"secret":"s3cr3t"}'}))
  failedArn = failed.executionArn!
  await sfn.settle(failedArn)
})

afterAll(async () => {
  await sfn.close()
})

async function pages(executionArn: string, options: {reverseOrder?: boolean; includeExecutionData?: boolean; maxResults?: number} = {}) {
  const out: HistoryEvent[][] = []
  let nextToken: string | undefined
  do {
    const page = await sfn.client.send(new GetExecutionHistoryCommand({executionArn, maxResults: 1000, ...options, nextToken}))
    out.push(page.events ?? [])
    nextToken = page.nextToken
  } while (nextToken !== undefined)
  return out
}

describe('GetExecutionHistory', () => {
  it('pages forward through a ~3,000-event history in pages of 1000 with contiguous ids', async () => {
    const total = sfn.store.execution(bigArn)!.events.length
    expect(total).toBeGreaterThan(2000)
    expect(total).toBeLessThanOrEqual(3000)
    const before = sfn.store.callCount('GetExecutionHistory')
    const forward = await pages(bigArn)
    expect(sfn.store.callCount('GetExecutionHistory') - before).toBe(3)
    expect(forward.map((p) => p.length)).toEqual([1000, 1000, total - 2000])
    const ids = forward.flat().map((e) => e.id)
    expect(ids).toEqual(Array.from({length: total}, (_, i) => i + 1))
    expect(forward[0]?.[0]).toMatchObject({type: 'ExecutionStarted', previousEventId: 0})
    expect(forward[0]?.[0]?.timestamp).toBeInstanceOf(Date)
    expect(forward[2]?.at(-1)?.type).toBe('ExecutionSucceeded')
  })

  it('pages backward from the newest event when reverseOrder is set', async () => {
    const total = sfn.store.execution(bigArn)!.events.length
    const reverse = await pages(bigArn, {reverseOrder: true})
    expect(reverse.map((p) => p.length)).toEqual([1000, 1000, total - 2000])
    expect(reverse.flat().map((e) => e.id)).toEqual(Array.from({length: total}, (_, i) => total - i))
  })

  it('defaults to pages of 100', async () => {
    const page = await sfn.client.send(new GetExecutionHistoryCommand({executionArn: bigArn}))
    expect(page.events).toHaveLength(100)
    expect(page.nextToken).toBeDefined()
  })

  it('strips every input and output, but not errors and causes, when includeExecutionData is false', async () => {
    const lean = (await pages(failedArn, {includeExecutionData: false})).flat()
    const full = (await pages(failedArn)).flat()
    expect(lean.map((e) => e.id)).toEqual(full.map((e) => e.id))
    expect(full[0]?.executionStartedEventDetails?.input).toContain('s3cr3t')
    const text = JSON.stringify(lean)
    expect(text).not.toContain('s3cr3t')
    for (const event of lean) {
      for (const [key, details] of Object.entries(event)) {
        if (!key.endsWith('EventDetails')) continue
        for (const field of ['input', 'output', 'inputDetails', 'outputDetails']) expect(details).not.toHaveProperty(field)
      }
    }
    const failed = lean.find((e) => e.type === 'ExecutionFailed')
    expect(failed?.executionFailedEventDetails).toEqual({error: 'Boom', cause: 'the function failed'})
    expect(lean.find((e) => e.type === 'TaskFailed' || e.type === 'LambdaFunctionFailed')).toBeDefined()
  })

  it('refuses a token issued for other arguments or another execution', async () => {
    const first = await sfn.client.send(new GetExecutionHistoryCommand({executionArn: bigArn, maxResults: 10}))
    const reversed = await rejection(sfn.client.send(new GetExecutionHistoryCommand({executionArn: bigArn, reverseOrder: true, nextToken: first.nextToken})))
    expect(reversed.name).toBe('InvalidToken')
    const lean = await rejection(sfn.client.send(new GetExecutionHistoryCommand({executionArn: bigArn, includeExecutionData: false, nextToken: first.nextToken})))
    expect(lean.name).toBe('InvalidToken')
    const other = await rejection(sfn.client.send(new GetExecutionHistoryCommand({executionArn: failedArn, nextToken: first.nextToken})))
    expect(other.name).toBe('InvalidToken')
    const missing = await rejection(sfn.client.send(new GetExecutionHistoryCommand({executionArn: bigArn.replace(':big', ':nope')})))
    expect(missing.name).toBe('ExecutionDoesNotExist')
  })
})
