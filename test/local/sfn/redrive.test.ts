// RedriveExecution through the real SFNClient, under the service's eligibility rules: not a
// succeeded or running execution, not 14 days after it stopped (by the endpoint's clock), and a
// failed one is redriven from the failed step and can succeed. A client token makes a retried
// request answer with the redrive it already started.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import type {StateMachineDefinition} from '../../../src/asl/types.js'
import {fn, json, PASS, rejection, ROLE, sfnPerTest, taskMachine, TWO_STEPS} from './serve.js'

const sfn = sfnPerTest()

async function run(name: string, definition: StateMachineDefinition): Promise<string> {
  const created = await sfn.client.send(new CreateStateMachineCommand({name, definition: json(definition), roleArn: ROLE}))
  const {executionArn} = await sfn.client.send(new StartExecutionCommand({stateMachineArn: created.stateMachineArn, name: 'run', input: '{"n":1}'}))
  return executionArn!
}

const redrive = (executionArn: string, clientToken?: string) =>
  sfn.client.send(new RedriveExecutionCommand({executionArn, ...(clientToken === undefined ? {} : {clientToken})}))

describe('RedriveExecution', () => {
  it('refuses a succeeded execution with ExecutionNotRedrivable', async () => {
    const arn = await run('ok', PASS)
    await sfn.settle(arn)
    const error = await rejection(redrive(arn))
    expect(error.name).toBe('ExecutionNotRedrivable')
    expect(error.message).toBe('Execution is SUCCEEDED and cannot be redriven')
  })

  it('refuses a running execution', async () => {
    const arn = await run('held', taskMachine(fn('hold')))
    for (let i = 0; i < 100 && sfn.gate.waiting === 0; i++) await new Promise((r) => setImmediate(r))
    expect((await rejection(redrive(arn))).message).toBe('Execution is RUNNING and cannot be redriven')
  })

  it('refuses a failed execution that stopped more than 14 days ago by the clock', async () => {
    // Given a failed execution
    sfn.switches.flakyFails = true
    const arn = await run('old', TWO_STEPS)
    await sfn.settle(arn)
    // When 14 days and a minute pass on the endpoint's clock
    await sfn.clock.sleep(14 * 24 * 3600_000 + 60_000)
    // Then it is no longer redrivable, and DescribeExecution says why
    const error = await rejection(redrive(arn))
    expect(error.name).toBe('ExecutionNotRedrivable')
    expect(error.message).toBe('Execution redrivable period exceeded')
    const described = await sfn.client.send(new DescribeExecutionCommand({executionArn: arn}))
    expect(described).toMatchObject({status: 'FAILED', redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution redrivable period exceeded'})
  })

  it('redrives a failed execution from the failed step, and it succeeds', async () => {
    // Given an execution that failed in its second step
    sfn.switches.flakyFails = true
    const arn = await run('two', TWO_STEPS)
    await sfn.settle(arn)
    const failed = await sfn.client.send(new DescribeExecutionCommand({executionArn: arn}))
    expect(failed).toMatchObject({status: 'FAILED', error: 'Flaky.Error', redriveStatus: 'REDRIVABLE', redriveCount: 0})
    // When the cause is fixed and the execution redriven
    sfn.switches.flakyFails = false
    await sfn.clock.sleep(3_600_000)
    const {redriveDate} = await redrive(arn, 'token-1')
    await sfn.settle(arn)
    // Then it succeeded, counts one redrive, and ran only the failed step again
    expect(redriveDate).toEqual(new Date('2026-03-02T01:00:00Z'))
    const described = await sfn.client.send(new DescribeExecutionCommand({executionArn: arn}))
    expect(described).toMatchObject({status: 'SUCCEEDED', redriveCount: 1, output: '{"n":1}', redriveStatus: 'NOT_REDRIVABLE'})
    expect(described.redriveDate).toEqual(redriveDate)
    expect(described.error).toBeUndefined()
    const events = (await sfn.client.send(new GetExecutionHistoryCommand({executionArn: arn, maxResults: 1000}))).events ?? []
    expect(events.filter((e) => e.type === 'ExecutionRedriven')).toHaveLength(1)
    const scheduled = events.filter((e) => e.type === 'LambdaFunctionScheduled' || e.type === 'TaskScheduled')
    expect(scheduled.map((e) => e.lambdaFunctionScheduledEventDetails?.resource ?? e.taskScheduledEventDetails?.resource)).toEqual([
      fn('echo'),
      fn('flaky'),
      fn('flaky'),
    ])
    // And the same client token answers with the same redrive instead of a second one
    const again = await redrive(arn, 'token-1')
    expect(again.redriveDate).toEqual(redriveDate)
    expect((await sfn.client.send(new DescribeExecutionCommand({executionArn: arn}))).redriveCount).toBe(1)
  })

  it('answers ExecutionDoesNotExist for an unknown execution and InvalidArn for a malformed one', async () => {
    await run('ok', PASS)
    expect((await rejection(redrive('arn:aws:states:us-east-1:123456789012:execution:ok:nope'))).name).toBe('ExecutionDoesNotExist')
    expect((await rejection(redrive('nope'))).name).toBe('InvalidArn')
  })
})
