import {describe, expect, it} from 'vitest'
import type {JsonObject} from '../../../src/asl/types.js'
import {INVISIBLE_MS, isoDuration, PENDING_MS} from '../../../src/local/integrations/ssm-commands.js'
import {failureOf, GET_INVOCATION, harness, scenario, SEND_COMMAND, START} from './task-harness.js'

const INSTANCE = 'i-0a1b2c3d4e5f60718'
const sendInput = (executionTimeout = '7200') => ({
  DocumentName: 'AWS-RunShellScript',
  InstanceIds: [INSTANCE],
  Comment: 'alpha-engine saturday DataPhase1',
  TimeoutSeconds: 600,
  Parameters: {commands: ['bash infrastructure/spot_data_weekly.sh --phase1-only'], executionTimeout: [executionTimeout]},
})

async function send(h: ReturnType<typeof harness>, stateName = 'DataPhase1', input: JsonObject = sendInput()): Promise<JsonObject> {
  const {output} = await h.call(SEND_COMMAND, input, {stateName})
  return (output as {Command: JsonObject}).Command
}

const poll = async (h: ReturnType<typeof harness>, commandId: string, instanceId = INSTANCE) =>
  (await h.call(GET_INVOCATION, {CommandId: commandId, InstanceId: instanceId}, {stateName: 'WaitForDataPhase1'})).output as JsonObject

describe('ssm sendCommand', () => {
  it('returns the Command in the SDK integration shape, Pending, without waiting for the command', async () => {
    // Given a DataPhase1 command that runs 40 minutes
    const h = harness({scenario: scenario({durations: {DataPhase1: 40 * 60_000}})})

    // When the state sends it
    const command = await send(h)

    // Then the call returns in well under a second of virtual time, with the command Pending
    expect(h.elapsed()).toBeLessThan(1000)
    expect(command).toMatchObject({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [INSTANCE],
      Comment: 'alpha-engine saturday DataPhase1',
      Status: 'Pending',
      StatusDetails: 'Pending',
      TimeoutSeconds: 600,
      Parameters: sendInput().Parameters,
    })
    expect(command.CommandId).toMatch(/^[0-9a-f-]{36}$/)
    expect(command.RequestedDateTime).toBe(new Date(START + h.elapsed()).toISOString())
    expect(h.records.commands.list()).toHaveLength(1)
  })

  it('fails validation without InstanceIds, as SSM does', async () => {
    const h = harness()
    const failure = await failureOf(h.call(SEND_COMMAND, {DocumentName: 'AWS-RunShellScript'}, {stateName: 'DataPhase1'}))
    expect(failure.error).toBe('Ssm.SsmException')
  })
})

describe('ssm getCommandInvocation lifecycle on the virtual clock', () => {
  it('throws InvocationDoesNotExist right after the send, as AWS does', async () => {
    // Given a command just sent
    const h = harness({scenario: scenario({durations: {DataPhase1: 40 * 60_000}})})
    const command = await send(h)

    // When it is polled at once
    const failure = await failureOf(poll(h, command.CommandId as string))

    // Then the invocation does not exist yet
    expect(failure.error).toBe('Ssm.InvocationDoesNotExistException')
    expect(failure.cause).toContain('Service: Ssm, Status Code: 400')
  })

  it('is InProgress while it runs, with ResponseCode -1 and no end time', async () => {
    const h = harness({scenario: scenario({durations: {DataPhase1: 40 * 60_000}})})
    const command = await send(h)

    // When polled 20 virtual minutes later
    await h.clock.sleep(20 * 60_000)
    const invocation = await poll(h, command.CommandId as string)

    // Then it is running
    expect(invocation).toMatchObject({
      CommandId: command.CommandId,
      InstanceId: INSTANCE,
      Status: 'InProgress',
      StatusDetails: 'InProgress',
      ResponseCode: -1,
      ExecutionEndDateTime: '',
      StandardErrorContent: '',
    })
    expect(invocation.ExecutionStartDateTime).not.toBe('')
  })

  it('is Pending between becoming visible and starting', async () => {
    const h = harness()
    const command = await send(h)
    await h.clock.sleep(INVISIBLE_MS)
    const invocation = await poll(h, command.CommandId as string)
    expect(h.elapsed()).toBeLessThan(PENDING_MS)
    expect(invocation).toMatchObject({Status: 'Pending', ResponseCode: -1, ExecutionStartDateTime: ''})
  })

  it('ends Success when its simulated duration has elapsed', async () => {
    // Given a 28-minute command
    const h = harness({scenario: scenario({durations: {DataPhase1: 28 * 60_000}})})
    const command = await send(h)

    // When polled after it ended
    await h.clock.sleep(30 * 60_000)
    const invocation = await poll(h, command.CommandId as string)

    // Then it succeeded, and its times span exactly its duration
    expect(invocation).toMatchObject({Status: 'Success', StatusDetails: 'Success', ResponseCode: 0, ExecutionElapsedTime: 'PT28M'})
    const started = Date.parse(invocation.ExecutionStartDateTime as string)
    expect(Date.parse(invocation.ExecutionEndDateTime as string) - started).toBe(28 * 60_000)
  })

  it("ends as the scenario's ae:commands entry says, with its stderr", async () => {
    const h = harness({
      scenario: scenario({durations: {DataPhase1: 22 * 60_000}, commands: {DataPhase1: {status: 'Failed', stderr: 'phase1 collect for {run_date}: ArcticDB write failed'}}}),
    })
    const command = await send(h)
    await h.clock.sleep(10 * 60_000)
    expect((await poll(h, command.CommandId as string)).Status).toBe('InProgress')

    await h.clock.sleep(15 * 60_000)
    const invocation = await poll(h, command.CommandId as string)
    expect(invocation).toMatchObject({
      Status: 'Failed',
      StatusDetails: 'Failed',
      ResponseCode: 1,
      StandardErrorContent: 'phase1 collect for 2026-05-16: ArcticDB write failed',
    })
  })

  it('ends Cancelled when the scenario cancels it', async () => {
    const h = harness({scenario: scenario({durations: {DataPhase1: 60_000}, commands: {DataPhase1: {status: 'Cancelled', stderr: 'cancelled'}}})})
    const command = await send(h)
    await h.clock.sleep(2 * 60_000)
    expect(await poll(h, command.CommandId as string)).toMatchObject({Status: 'Cancelled', StatusDetails: 'Cancelled', ResponseCode: -1})
  })

  it('times out a command that runs past its executionTimeout', async () => {
    // Given a 2h10m run under a 7200 s executionTimeout
    const h = harness({scenario: scenario({durations: {DataPhase1: 130 * 60_000}})})
    const command = await send(h)

    await h.clock.sleep(3 * 3600_000)
    const invocation = await poll(h, command.CommandId as string)

    // Then SSM killed it at two hours
    expect(invocation).toMatchObject({Status: 'TimedOut', StatusDetails: 'ExecutionTimedOut', ExecutionElapsedTime: 'PT2H'})
    expect(invocation.StandardErrorContent).toContain('timed out after 7200 seconds')
  })

  it('does not know a command id it never sent, nor a command on another instance', async () => {
    const h = harness()
    const command = await send(h)
    await h.clock.sleep(10_000)
    expect((await failureOf(poll(h, 'not-a-command'))).error).toBe('Ssm.InvocationDoesNotExistException')
    expect((await failureOf(poll(h, command.CommandId as string, 'i-ffffffffffffffff0'))).error).toBe('Ssm.InvocationDoesNotExistException')
  })
})

describe('ssm command S3 side effects', () => {
  const manifest = {bucket: 'alpha-engine-research', key: 'predictor/weights/{run_date}/manifest.json', body: {promoted: true}, when: 'success' as const}
  const partial = {bucket: 'alpha-engine-research', key: 'predictor/checkpoints/{run_date}/fold-3.json', body: 'fold 3', when: 'before-failure' as const}

  it('writes its objects when the command ends, not when sendCommand returns', async () => {
    // Given PredictorTraining, 91 minutes, writing its weights manifest
    const h = harness({scenario: scenario({durations: {PredictorTraining: 91 * 60_000}, s3: {PredictorTraining: [manifest, partial]}})})
    await send(h, 'PredictorTraining')
    expect(h.s3Store.headBucket('alpha-engine-research')).toBeUndefined()

    // When the clock passes its end, with nobody polling
    await h.clock.sleep(92 * 60_000)

    // Then the manifest is there (templated with the run date), and the failure-only object is not
    const keys = h.s3Store.list('alpha-engine-research').objects.map((o) => o.key)
    expect(keys).toEqual(['predictor/weights/2026-05-16/manifest.json'])
    const written = h.s3Store.getObject('alpha-engine-research', 'predictor/weights/2026-05-16/manifest.json')
    expect(JSON.parse(written?.body.toString('utf8') ?? '')).toEqual({promoted: true})
  })

  it('a failed command writes only its before-failure and always objects', async () => {
    const h = harness({
      scenario: scenario({durations: {PredictorTraining: 47 * 60_000}, commands: {PredictorTraining: {status: 'Failed', stderr: 'boom'}}, s3: {PredictorTraining: [manifest, partial]}}),
    })
    await send(h, 'PredictorTraining')
    await h.clock.sleep(48 * 60_000)
    expect(h.s3Store.list('alpha-engine-research').objects.map((o) => o.key)).toEqual(['predictor/checkpoints/2026-05-16/fold-3.json'])
  })
})

describe('isoDuration', () => {
  it('writes elapsed time as SSM does', () => {
    expect(isoDuration(28 * 60_000)).toBe('PT28M')
    expect(isoDuration(3600_000 + 271)).toBe('PT1H0.271S')
    expect(isoDuration(45)).toBe('PT0.045S')
    expect(isoDuration(0)).toBe('PT0S')
  })
})
