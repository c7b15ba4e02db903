// ListExecutions through the real SFNClient over 250 executions: newest first, pages of 100 that
// the CLI fetches once each, status and redrive filters.
import {CreateStateMachineCommand, ListExecutionsCommand, RedriveExecutionCommand, StartExecutionCommand, type ExecutionListItem} from '@aws-sdk/client-sfn'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {StateMachineDefinition} from '../../../src/asl/types.js'
import {json, rejection, ROLE, smArn, startSfn, type SfnFixture} from './serve.js'

// Every fifth run fails (through a Fail state), the others succeed.
const BATCH: StateMachineDefinition = {
  StartAt: 'Check',
  States: {
    Check: {Type: 'Choice', Choices: [{Variable: '$.fail', BooleanEquals: true, Next: 'Broken'}], Default: 'Done'},
    Broken: {Type: 'Fail', Error: 'Batch.Broken', Cause: 'asked to fail'},
    Done: {Type: 'Pass', End: true},
  },
}

let sfn: SfnFixture
let arn: string

beforeAll(async () => {
  sfn = await startSfn()
  const created = await sfn.client.send(new CreateStateMachineCommand({name: 'batch', definition: json(BATCH), roleArn: ROLE}))
  arn = created.stateMachineArn!
  for (let i = 0; i < 250; i++) {
    const {executionArn} = await sfn.client.send(new StartExecutionCommand({stateMachineArn: arn, name: `run-${i}`, input: json({fail: i % 5 === 0})}))
    await sfn.settle(executionArn!)
  }
  // One failed run redriven (it fails again through its Fail state, but it counts as redriven)
  await sfn.client.send(new RedriveExecutionCommand({executionArn: `arn:aws:states:us-east-1:123456789012:execution:batch:run-0`}))
  await sfn.settle('arn:aws:states:us-east-1:123456789012:execution:batch:run-0')
})

afterAll(async () => {
  await sfn.close()
})

async function listAll(filters: {statusFilter?: 'FAILED' | 'SUCCEEDED'; redriveFilter?: 'REDRIVEN' | 'NOT_REDRIVEN'} = {}, maxResults = 100) {
  const pages: ExecutionListItem[][] = []
  let nextToken: string | undefined
  do {
    const page = await sfn.client.send(new ListExecutionsCommand({stateMachineArn: arn, maxResults, nextToken, ...filters}))
    pages.push(page.executions ?? [])
    nextToken = page.nextToken
  } while (nextToken !== undefined)
  return pages
}

describe('ListExecutions', () => {
  it('lists 250 executions newest first in three pages of at most 100, each fetched once', async () => {
    const before = sfn.store.callCount('ListExecutions')
    const pages = await listAll()
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50])
    expect(sfn.store.callCount('ListExecutions') - before).toBe(3)
    const names = pages.flat().map((e) => e.name)
    expect(names).toEqual(Array.from({length: 250}, (_, i) => `run-${249 - i}`))
    expect(pages[0]?.[0]).toMatchObject({stateMachineArn: arn, status: 'SUCCEEDED', redriveCount: 0})
    expect(pages[0]?.[0]?.startDate).toBeInstanceOf(Date)
    expect(pages[0]?.[0]?.stopDate).toBeInstanceOf(Date)
  })

  it('filters by status', async () => {
    const failed = (await listAll({statusFilter: 'FAILED'})).flat()
    expect(failed).toHaveLength(50)
    expect(failed.every((e) => e.status === 'FAILED')).toBe(true)
    const succeeded = (await listAll({statusFilter: 'SUCCEEDED'}, 1000)).flat()
    expect(succeeded).toHaveLength(200)
  })

  it('filters by whether an execution was redriven', async () => {
    const redriven = (await listAll({redriveFilter: 'REDRIVEN'})).flat()
    expect(redriven.map((e) => e.name)).toEqual(['run-0'])
    expect(redriven[0]).toMatchObject({redriveCount: 1})
    expect(redriven[0]?.redriveDate).toBeInstanceOf(Date)
    expect((await listAll({redriveFilter: 'NOT_REDRIVEN'}, 1000)).flat()).toHaveLength(249)
  })

  it('refuses an unknown state machine, a foreign token and too large a page', async () => {
    expect((await rejection(sfn.client.send(new ListExecutionsCommand({stateMachineArn: smArn('nope')})))).name).toBe('StateMachineDoesNotExist')
    const page = await sfn.client.send(new ListExecutionsCommand({stateMachineArn: arn, maxResults: 10}))
    const reused = await rejection(sfn.client.send(new ListExecutionsCommand({stateMachineArn: arn, statusFilter: 'FAILED', nextToken: page.nextToken})))
    expect(reused.name).toBe('InvalidToken')
    expect((await rejection(sfn.client.send(new ListExecutionsCommand({stateMachineArn: arn, maxResults: 1001})))).name).toBe('ValidationException')
    expect((await rejection(sfn.client.send(new ListExecutionsCommand({})))).name).toBe('ValidationException')
  })
})
