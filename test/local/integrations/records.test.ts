import {describe, expect, it} from 'vitest'
import type {JsonObject} from '../../../src/asl/types.js'
import {EXECUTION_ARN, failureOf, harness, LAMBDA_INVOKE, scenario, STATE_MACHINE_ARN} from './task-harness.js'

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:alpha-engine-alerts'

describe('sns:publish', () => {
  it('records the message with its topic, subject, time and execution, and answers with a MessageId', async () => {
    const h = harness()
    await h.clock.sleep(90_000)
    const {output} = await h.call('arn:aws:states:::sns:publish', {TopicArn: TOPIC, Subject: 'alpha-engine Saturday pipeline FAILED', Message: 'run failed'}, {stateName: 'HandleFailure'})

    expect(h.records.sns).toHaveLength(1)
    const [record] = h.records.sns
    expect(record).toMatchObject({topicArn: TOPIC, subject: 'alpha-engine Saturday pipeline FAILED', message: 'run failed', executionArn: EXECUTION_ARN, stateName: 'HandleFailure'})
    expect(record?.at.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-05-16T06:01:30Z'))
    const o = output as JsonObject
    expect(o.MessageId).toBe(record?.messageId)
    expect(o.SdkHttpMetadata).toMatchObject({HttpStatusCode: 200})
  })

  it('publishes a JSON Message as its JSON text', async () => {
    const h = harness()
    await h.call('arn:aws:states:::sns:publish', {TopicArn: TOPIC, Message: {run_date: '2026-05-16'}})
    expect(h.records.sns[0]?.message).toBe('{"run_date":"2026-05-16"}')
  })

  it('fails without a topic', async () => {
    const h = harness()
    expect((await failureOf(h.call('arn:aws:states:::sns:publish', {Message: 'x'}))).error).toBe('SNS.InvalidParameterException')
  })
})

describe('events:putEvents', () => {
  it('records each entry with the state machine and execution as resources', async () => {
    const h = harness()
    const {output} = await h.call('arn:aws:states:::events:putEvents', {
      Entries: [{Source: 'alpha-engine.pipeline', DetailType: 'RecoveryStarted', Detail: {run_date: '2026-05-16'}}],
    })
    const o = output as JsonObject
    expect(o.FailedEntryCount).toBe(0)
    expect(o.Entries).toEqual([{EventId: h.records.events[0]?.eventId}])
    expect(h.records.events[0]).toMatchObject({
      source: 'alpha-engine.pipeline',
      detailType: 'RecoveryStarted',
      detail: {run_date: '2026-05-16'},
      eventBusName: 'default',
      resources: [STATE_MACHINE_ARN, EXECUTION_ARN],
    })
  })

  it('fails with EventBridge.FailedEntry when an entry has no Source', async () => {
    const h = harness()
    const failure = await failureOf(h.call('arn:aws:states:::events:putEvents', {Entries: [{DetailType: 'X', Detail: {}}]}))
    expect(failure.error).toBe('EventBridge.FailedEntry')
    expect(JSON.parse(failure.cause)).toMatchObject({FailedEntryCount: 1, Entries: [{ErrorCode: 'InvalidArgument'}]})
  })
})

describe('createIntegrations', () => {
  it('resolves an unknown Resource to undefined, so the engine fails the task naming it', () => {
    const h = harness()
    expect(h.integrations.resolve('arn:aws:states:::aws-sdk:ec2:describeInstances')).toBeUndefined()
    expect(h.integrations.resolve('arn:aws:states:::lambda:invoke')).toBeDefined()
  })

  it('honours the abort signal: a task stopped mid-run neither finishes nor writes', async () => {
    // Given a 10-minute Research that would write a key whatever happens
    const h = harness({
      scenario: scenario({durations: {Research: 600_000}, s3: {Research: [{bucket: 'alpha-engine-research', key: 'k', body: 'x', when: 'always'}]}}),
    })
    const controller = new AbortController()
    const running = h.call(LAMBDA_INVOKE, {FunctionName: 'f', Payload: {}}, {stateName: 'Research', signal: controller.signal})

    // When the execution is stopped after a minute
    await h.clock.sleep(60_000)
    controller.abort(new Error('stopped'))

    // Then the task rejects with the abort reason and nothing was written
    await expect(running).rejects.toThrow('stopped')
    expect(h.s3Store.headBucket('alpha-engine-research')).toBeUndefined()
  })

  it('refuses to start a task whose signal is already aborted', async () => {
    const h = harness()
    const controller = new AbortController()
    controller.abort(new Error('gone'))
    await expect(h.call(LAMBDA_INVOKE, {FunctionName: 'f'}, {signal: controller.signal})).rejects.toThrow('gone')
  })
})
