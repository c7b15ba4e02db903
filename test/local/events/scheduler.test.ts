import {PutRuleCommand, PutTargetsCommand} from '@aws-sdk/client-eventbridge'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {EventsStore, dueFirings} from '../../../src/local/events/index.js'
import {type EventsFixture, startEvents} from './serve.js'

const SATURDAY = 'arn:aws:states:us-east-1:123456789012:stateMachine:saturday'
const WEEKDAY = 'arn:aws:states:us-east-1:123456789012:stateMachine:weekday'
const SHELL = 'arn:aws:states:us-east-1:123456789012:stateMachine:shell'

let f: EventsFixture
beforeEach(async () => {
  // 2026-03-02 is a Monday
  f = await startEvents('2026-03-02T00:00:00Z')
})
afterEach(async () => {
  await f.close()
})

async function scheduleRule(name: string, expression: string, state: 'ENABLED' | 'DISABLED', targets: {Id: string; Arn: string; Input?: string}[]) {
  await f.client.send(new PutRuleCommand({Name: name, ScheduleExpression: expression, State: state}))
  await f.client.send(new PutTargetsCommand({Rule: name, Targets: targets}))
}

describe('dueFirings', () => {
  it('lists a week of firings of the enabled schedule rules and none of the disabled one', async () => {
    // Given the Saturday and weekday rules ENABLED and the Friday shell rule DISABLED
    await scheduleRule('ae-saturday', 'cron(0 9 ? * SAT *)', 'ENABLED', [{Id: 'sfn', Arn: SATURDAY, Input: '{"pipeline":"saturday"}'}])
    await scheduleRule('ae-weekday', 'cron(0 12 ? * MON-FRI *)', 'ENABLED', [{Id: 'sfn', Arn: WEEKDAY}])
    await scheduleRule('ae-friday-shell', 'cron(30 21 ? * FRI *)', 'DISABLED', [{Id: 'sfn', Arn: SHELL}])
    // When the firings of the week Monday 00:00 to the next Monday 00:00 are asked for
    const due = dueFirings(f.store, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-09T00:00:00Z'))
    // Then five weekday noons and one Saturday morning come out, in time order, and no shell run
    expect(due.map((d) => [d.at.toISOString(), d.rule.name, d.target.arn])).toEqual([
      ['2026-03-02T12:00:00.000Z', 'ae-weekday', WEEKDAY],
      ['2026-03-03T12:00:00.000Z', 'ae-weekday', WEEKDAY],
      ['2026-03-04T12:00:00.000Z', 'ae-weekday', WEEKDAY],
      ['2026-03-05T12:00:00.000Z', 'ae-weekday', WEEKDAY],
      ['2026-03-06T12:00:00.000Z', 'ae-weekday', WEEKDAY],
      ['2026-03-07T09:00:00.000Z', 'ae-saturday', SATURDAY],
    ])
    // And each firing carries the target's Input for the execution it starts
    expect(due.at(-1)?.target.input).toBe('{"pipeline":"saturday"}')
  })

  it('includes a firing at `to` and excludes one at `from`', async () => {
    await scheduleRule('ae-saturday', 'cron(0 9 ? * SAT *)', 'ENABLED', [{Id: 'sfn', Arn: SATURDAY}])
    const saturday9 = new Date('2026-03-07T09:00:00Z')
    expect(dueFirings(f.store, new Date('2026-03-07T08:00:00Z'), saturday9)).toHaveLength(1)
    expect(dueFirings(f.store, saturday9, new Date('2026-03-07T10:00:00Z'))).toHaveLength(0)
  })

  it('emits one entry per target at each firing', async () => {
    await scheduleRule('ae-saturday', 'cron(0 9 ? * SAT *)', 'ENABLED', [
      {Id: 'a', Arn: SATURDAY},
      {Id: 'b', Arn: SHELL},
    ])
    const due = dueFirings(f.store, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-09T00:00:00Z'))
    expect(due.map((d) => d.target.id)).toEqual(['a', 'b'])
  })

  it('counts a rate rule from the creation time', async () => {
    // Given a rate rule created at 00:07
    f.clock.set('2026-03-02T00:07:00Z')
    await scheduleRule('every-hour', 'rate(1 hour)', 'ENABLED', [{Id: 'sfn', Arn: WEEKDAY}])
    // When three hours of firings are asked for
    const due = dueFirings(f.store, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-02T03:00:00Z'))
    // Then they fall at 01:07 and 02:07
    expect(due.map((d) => d.at.toISOString())).toEqual(['2026-03-02T01:07:00.000Z', '2026-03-02T02:07:00.000Z'])
  })

  it('does not fire a rule before it was created', async () => {
    // Given a weekday rule created on Wednesday 2026-03-04 at 13:00
    f.clock.set('2026-03-04T13:00:00Z')
    await scheduleRule('ae-weekday', 'cron(0 12 ? * MON-FRI *)', 'ENABLED', [{Id: 'sfn', Arn: WEEKDAY}])
    // When the whole week is asked for
    const due = dueFirings(f.store, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-09T00:00:00Z'))
    // Then only Thursday and Friday fire
    expect(due.map((d) => d.at.toISOString())).toEqual(['2026-03-05T12:00:00.000Z', '2026-03-06T12:00:00.000Z'])
  })

  it('skips schedule rules without targets and event pattern rules', async () => {
    await f.client.send(new PutRuleCommand({Name: 'lonely', ScheduleExpression: 'rate(1 minute)'}))
    await f.client.send(new PutRuleCommand({Name: 'pattern', EventPattern: '{"source":["aws.states"]}'}))
    await f.client.send(new PutTargetsCommand({Rule: 'pattern', Targets: [{Id: 'x', Arn: WEEKDAY}]}))
    expect(dueFirings(f.store, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-03T00:00:00Z'))).toEqual([])
  })
})

describe('EventsStore snapshots', () => {
  it('round-trips its state through JSON', async () => {
    await scheduleRule('ae-saturday', 'cron(0 9 ? * SAT *)', 'ENABLED', [{Id: 'sfn', Arn: SATURDAY, Input: '{}'}])
    await f.client.send(new PutRuleCommand({Name: 'pattern', EventPattern: '{"source":["x"]}', Description: 'd', State: 'DISABLED'}))
    const json = JSON.stringify(f.store.snapshot())
    const copy = EventsStore.fromSnapshot(JSON.parse(json))
    expect(copy.snapshot()).toEqual(f.store.snapshot())
  })

  it('hands out copies, so a caller cannot change the store behind its back', async () => {
    await scheduleRule('ae-saturday', 'cron(0 9 ? * SAT *)', 'ENABLED', [{Id: 'sfn', Arn: SATURDAY}])
    const rule = f.store.get('ae-saturday')!
    rule.state = 'DISABLED'
    rule.targets.push({id: 'sneaky', arn: SHELL})
    expect(f.store.get('ae-saturday')).toMatchObject({state: 'ENABLED', targets: [{id: 'sfn', arn: SATURDAY}]})
  })

  it('refuses a snapshot that is not one', () => {
    const store = new EventsStore()
    expect(() => store.restore({} as never)).toThrow(/not an EventBridge store snapshot/)
    const bad = {rules: [{name: 'r', arn: 'a', state: 'ON', createdAt: '2026-01-01T00:00:00Z', targets: []}]}
    expect(() => store.restore(bad as never)).toThrow(/state ON/)
    const badSchedule = {rules: [{name: 'r', arn: 'a', state: 'ENABLED', scheduleExpression: 'rate(1 minutes)', createdAt: '2026-01-01T00:00:00Z', targets: []}]}
    expect(() => store.restore(badSchedule as never)).toThrow(/invalid schedule/)
  })
})
