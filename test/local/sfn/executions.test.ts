// Executions through the real SFNClient: StartExecution's name and input rules, DescribeExecution
// per status, StopExecution, DescribeStateMachineForExecution after an update, and the test case
// Step Functions Local selects with `#<TestCase>`.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import {startExecutionDirect} from '../../../src/local/sfn/index.js'
import {ACCOUNT, fn, json, PASS, REGION, rejection, ROLE, sfnPerTest, smArn, taskMachine} from './serve.js'

const sfn = sfnPerTest()

async function machine(name: string, definition = PASS): Promise<string> {
  const out = await sfn.client.send(new CreateStateMachineCommand({name, definition: json(definition), roleArn: ROLE}))
  return out.stateMachineArn!
}

const start = (stateMachineArn: string, name?: string, input?: string) =>
  sfn.client.send(new StartExecutionCommand({stateMachineArn, ...(name === undefined ? {} : {name}), ...(input === undefined ? {} : {input})}))

const describeExecution = (executionArn: string) => sfn.client.send(new DescribeExecutionCommand({executionArn}))

/** Lets the engine run until the gate holds a task (or the run ended). */
async function untilHeld(count = 1): Promise<void> {
  for (let i = 0; i < 100 && sfn.gate.waiting < count; i++) await new Promise((r) => setImmediate(r))
}

describe('StartExecution', () => {
  it('names an execution with a UUID when no name is given and defaults the input to {}', async () => {
    const arn = await machine('orders')
    const started = await start(arn)
    expect(started.executionArn).toMatch(new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:execution:orders:[0-9a-f-]{36}$`))
    await sfn.settle(started.executionArn!)
    const described = await describeExecution(started.executionArn!)
    expect(described.input).toBe('{}')
    expect(described.startDate).toEqual(started.startDate)
  })

  it('is idempotent for the same name and input while the execution runs', async () => {
    // Given an execution held in a task
    const arn = await machine('orders', taskMachine(fn('hold')))
    const first = await start(arn, 'run-1', '{"a":1}')
    await untilHeld()
    // When the same name and input are sent again
    const again = await start(arn, 'run-1', '{"a":1}')
    // Then the same execution answers, started once
    expect(again.executionArn).toBe(first.executionArn)
    expect(again.startDate).toEqual(first.startDate)
    expect(sfn.started).toHaveLength(1)
    // And another input under the same name is refused
    const other = await rejection(start(arn, 'run-1', '{"a":2}'))
    expect(other.name).toBe('ExecutionAlreadyExists')
    expect(other.message).toBe(`Execution Already Exists: '${first.executionArn}'`)
  })

  it('refuses a name already used by a finished execution, whatever the input', async () => {
    const arn = await machine('orders')
    const first = await start(arn, 'run-1', '{}')
    await sfn.settle(first.executionArn!)
    expect((await rejection(start(arn, 'run-1', '{}'))).name).toBe('ExecutionAlreadyExists')
    expect((await rejection(start(arn, 'run-1', '{"x":1}'))).name).toBe('ExecutionAlreadyExists')
  })

  it('refuses bad names, bad input, unknown and malformed state machines', async () => {
    const arn = await machine('orders')
    expect((await rejection(start(arn, 'a/b'))).name).toBe('InvalidName')
    expect((await rejection(start(arn, 'x'.repeat(81)))).name).toBe('ValidationException')
    const badInput = await rejection(start(arn, 'run', '{"unclosed": '))
    expect(badInput.name).toBe('InvalidExecutionInput')
    expect(badInput.message).toMatch(/^Invalid State Machine Execution Input: '/)
    const big = JSON.stringify({blob: 'x'.repeat(262_144)})
    expect((await rejection(start(arn, 'run', big))).name).toBe('ValidationException')
    expect((await rejection(start(smArn('missing')))).name).toBe('StateMachineDoesNotExist')
    expect((await rejection(start('arn:aws:states:us-east-1:123456789012:execution:orders:x'))).name).toBe('InvalidArn')
    // And no execution was started
    expect(sfn.started).toHaveLength(0)
  })

  it('strips a #TestCase from the state machine ARN and hands it to the integrations', async () => {
    const arn = await machine('orders')
    const started = await start(`${arn}#HappyPath`, 'run', '{"k":"v"}')
    expect(started.executionArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:execution:orders:run`)
    expect(sfn.integrationRequests).toEqual([{stateMachineName: 'orders', testCase: 'HappyPath', input: {k: 'v'}}])
  })

  it('runs a published version when started with its version ARN', async () => {
    // Given version 1, then an update that is not published
    const created = await sfn.client.send(new CreateStateMachineCommand({name: 'orders', definition: json(PASS), roleArn: ROLE, publish: true}))
    await sfn.client.send(new UpdateStateMachineCommand({stateMachineArn: created.stateMachineArn, definition: json(taskMachine(fn('fail')))}))
    // When version 1 is started
    const {executionArn} = await start(created.stateMachineVersionArn!, 'v1')
    await sfn.settle(executionArn!)
    // Then it ran version 1's definition, and says which version it ran
    const described = await describeExecution(executionArn!)
    expect(described).toMatchObject({status: 'SUCCEEDED', stateMachineArn: created.stateMachineArn, stateMachineVersionArn: created.stateMachineVersionArn})
    const ran = await sfn.client.send(new DescribeStateMachineForExecutionCommand({executionArn}))
    expect(ran.definition).toBe(json(PASS))
  })

  it('starts executions for callers inside the endpoint through startExecutionDirect', async () => {
    const arn = await machine('orders')
    const deps = {region: REGION, accountId: ACCOUNT, clock: sfn.clock, integrationsFor: () => ({resolve: () => undefined})}
    const started = startExecutionDirect(sfn.store, deps, {stateMachineArn: arn, name: 'scheduled', input: '{"from":"rule"}'})
    await sfn.settle(started.executionArn)
    const described = await describeExecution(started.executionArn)
    expect(described).toMatchObject({status: 'SUCCEEDED', input: '{"from":"rule"}'})
    expect(() => startExecutionDirect(sfn.store, deps, {stateMachineArn: smArn('nope')})).toThrow(/State Machine Does Not Exist/)
  })
})

describe('DescribeExecution', () => {
  it('reports a running execution without stopDate or output', async () => {
    const arn = await machine('orders', taskMachine(fn('hold')))
    const {executionArn} = await start(arn, 'run', '{"n":1}')
    await untilHeld()
    const described = await describeExecution(executionArn!)
    expect(described).toMatchObject({executionArn, stateMachineArn: arn, name: 'run', status: 'RUNNING', input: '{"n":1}', redriveCount: 0})
    expect(described.inputDetails).toEqual({included: true})
    expect(described.stopDate).toBeUndefined()
    expect(described.output).toBeUndefined()
    expect(described.redriveStatus).toBe('NOT_REDRIVABLE')
    expect(described.redriveStatusReason).toBe('Execution is RUNNING and cannot be redriven')
  })

  it('reports output and stopDate for a succeeded execution', async () => {
    const arn = await machine('orders', taskMachine(fn('echo')))
    const {executionArn} = await start(arn, 'run', '{"n":1}')
    await sfn.settle(executionArn!)
    const described = await describeExecution(executionArn!)
    expect(described).toMatchObject({status: 'SUCCEEDED', output: '{"n":1}', outputDetails: {included: true}, redriveStatus: 'NOT_REDRIVABLE'})
    expect(described.stopDate).toBeInstanceOf(Date)
    expect(described.error).toBeUndefined()
    expect(described.redriveStatusReason).toBe('Execution is SUCCEEDED and cannot be redriven')
  })

  it('reports error and cause, and no output, for a failed execution', async () => {
    const arn = await machine('orders', taskMachine(fn('fail')))
    const {executionArn} = await start(arn, 'run')
    await sfn.settle(executionArn!)
    const described = await describeExecution(executionArn!)
    expect(described).toMatchObject({status: 'FAILED', error: 'Boom', cause: 'the function failed', redriveStatus: 'REDRIVABLE'})
    expect(described.output).toBeUndefined()
    expect(described.stopDate).toBeInstanceOf(Date)
  })

  it('answers ExecutionDoesNotExist and InvalidArn in the service words', async () => {
    await machine('orders')
    const arn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:orders:nope`
    const missing = await rejection(describeExecution(arn))
    expect(missing.name).toBe('ExecutionDoesNotExist')
    expect(missing.message).toBe(`Execution Does Not Exist: '${arn}'`)
    const wrongType = await rejection(describeExecution(smArn('orders')))
    expect(wrongType.name).toBe('InvalidArn')
  })
})

describe('StopExecution', () => {
  it('aborts a running execution with the given error and cause', async () => {
    const arn = await machine('orders', taskMachine(fn('hold')))
    const {executionArn} = await start(arn, 'run')
    await untilHeld()
    const stopped = await sfn.client.send(new StopExecutionCommand({executionArn, error: 'Operator', cause: 'wrong day'}))
    expect(stopped.stopDate).toBeInstanceOf(Date)
    await sfn.settle(executionArn!)
    const described = await describeExecution(executionArn!)
    expect(described).toMatchObject({status: 'ABORTED', error: 'Operator', cause: 'wrong day', redriveStatus: 'REDRIVABLE'})
  })

  it('leaves a finished execution as it was', async () => {
    const arn = await machine('orders')
    const {executionArn} = await start(arn, 'run')
    await sfn.settle(executionArn!)
    const before = await describeExecution(executionArn!)
    const stopped = await sfn.client.send(new StopExecutionCommand({executionArn}))
    expect(stopped.stopDate).toEqual(before.stopDate)
    expect((await describeExecution(executionArn!)).status).toBe('SUCCEEDED')
  })
})

describe('DescribeStateMachineForExecution', () => {
  it('returns the definition the execution ran with, even after the state machine changed', async () => {
    // Given an execution of the first definition
    const arn = await machine('orders')
    const {executionArn} = await start(arn, 'run')
    await sfn.settle(executionArn!)
    // When the state machine is updated
    const update = await sfn.client.send(new UpdateStateMachineCommand({stateMachineArn: arn, definition: json(taskMachine(fn('echo')))}))
    // Then the execution still reports the definition and revision it ran
    const ran = await sfn.client.send(new DescribeStateMachineForExecutionCommand({executionArn}))
    expect(ran).toMatchObject({stateMachineArn: arn, name: 'orders', definition: json(PASS), roleArn: ROLE})
    expect(ran.revisionId).toBeUndefined()
    // And an execution started after the update reports the new one
    const later = await start(arn, 'later')
    const ranLater = await sfn.client.send(new DescribeStateMachineForExecutionCommand({executionArn: later.executionArn}))
    expect(ranLater.definition).toBe(json(taskMachine(fn('echo'))))
    expect(ranLater.revisionId).toBe(update.revisionId)
  })
})
