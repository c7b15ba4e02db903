import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListRulesCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {ACCOUNT, type EventsFixture, rejection, startEvents} from './serve.js'

let f: EventsFixture
beforeEach(async () => {
  f = await startEvents()
})
afterEach(async () => {
  await f.close()
})

describe('EventBridge rules on the local endpoint', () => {
  it('creates a schedule rule and describes it with every member AWS returns', async () => {
    // Given a new schedule rule
    const put = await f.client.send(
      new PutRuleCommand({
        Name: 'ae-saturday',
        ScheduleExpression: 'cron(0 9 ? * SAT *)',
        Description: 'Saturday pipeline',
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/events`,
      }),
    )
    // When it is described
    const rule = await f.client.send(new DescribeRuleCommand({Name: 'ae-saturday'}))
    // Then it carries its ARN, the default bus, ENABLED by default, and its creator's account
    expect(put.RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/ae-saturday`)
    expect(rule).toMatchObject({
      Name: 'ae-saturday',
      Arn: put.RuleArn,
      ScheduleExpression: 'cron(0 9 ? * SAT *)',
      State: 'ENABLED',
      Description: 'Saturday pipeline',
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/events`,
      EventBusName: 'default',
      CreatedBy: ACCOUNT,
    })
    expect(rule.EventPattern).toBeUndefined()
  })

  it('replaces the whole rule on PutRule: State back to ENABLED and Description cleared when omitted', async () => {
    // Given a DISABLED rule with a description and a target
    await f.client.send(
      new PutRuleCommand({Name: 'shell', ScheduleExpression: 'cron(30 21 ? * FRI *)', State: 'DISABLED', Description: 'Friday shell'}),
    )
    await f.client.send(new PutTargetsCommand({Rule: 'shell', Targets: [{Id: 'sfn', Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:weekday'}]}))
    // When PutRule is sent again with only a new schedule
    await f.client.send(new PutRuleCommand({Name: 'shell', ScheduleExpression: 'cron(0 22 ? * FRI *)'}))
    // Then the rule is ENABLED, has no description, the new schedule, and keeps its target
    const rule = await f.client.send(new DescribeRuleCommand({Name: 'shell'}))
    expect(rule.State).toBe('ENABLED')
    expect(rule.Description).toBeUndefined()
    expect(rule.ScheduleExpression).toBe('cron(0 22 ? * FRI *)')
    expect(f.store.get('shell')?.targets.map((t) => t.id)).toEqual(['sfn'])
  })

  it('keeps the creation time when PutRule replaces a rule', async () => {
    await f.client.send(new PutRuleCommand({Name: 'r', ScheduleExpression: 'rate(5 minutes)'}))
    f.clock.set('2026-03-05T00:00:00Z')
    await f.client.send(new PutRuleCommand({Name: 'r', ScheduleExpression: 'rate(10 minutes)'}))
    expect(f.store.get('r')?.createdAt).toBe('2026-03-02T00:00:00.000Z')
  })

  it('disables and re-enables a rule', async () => {
    await f.client.send(new PutRuleCommand({Name: 'weekday', ScheduleExpression: 'cron(0 12 ? * MON-FRI *)'}))
    await f.client.send(new DisableRuleCommand({Name: 'weekday'}))
    expect((await f.client.send(new DescribeRuleCommand({Name: 'weekday'}))).State).toBe('DISABLED')
    await f.client.send(new EnableRuleCommand({Name: 'weekday'}))
    expect((await f.client.send(new DescribeRuleCommand({Name: 'weekday'}))).State).toBe('ENABLED')
  })

  it('lists rules by NamePrefix, sorted by name', async () => {
    for (const name of ['ae-b', 'other', 'ae-a', 'ae-c']) {
      await f.client.send(new PutRuleCommand({Name: name, ScheduleExpression: 'rate(1 day)'}))
    }
    const listed = await f.client.send(new ListRulesCommand({NamePrefix: 'ae-'}))
    expect(listed.Rules?.map((r) => r.Name)).toEqual(['ae-a', 'ae-b', 'ae-c'])
    expect(listed.NextToken).toBeUndefined()
    expect(listed.Rules?.[0]).toMatchObject({State: 'ENABLED', ScheduleExpression: 'rate(1 day)', EventBusName: 'default'})
  })

  it('pages 120 rules in pages of 50, 50 and 20', async () => {
    // Given 120 rules
    const names = Array.from({length: 120}, (_, i) => `bulk-${String(i).padStart(3, '0')}`)
    for (const name of names) await f.client.send(new PutRuleCommand({Name: name, ScheduleExpression: 'rate(1 hour)'}))
    // When they are listed 50 at a time
    const pages: string[][] = []
    let token: string | undefined
    do {
      const page = await f.client.send(new ListRulesCommand({NamePrefix: 'bulk-', Limit: 50, NextToken: token}))
      pages.push((page.Rules ?? []).map((r) => r.Name ?? ''))
      token = page.NextToken
    } while (token !== undefined)
    // Then three pages come back holding every rule once, in order
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20])
    expect(pages.flat()).toEqual(names)
  })

  it('refuses a NextToken it did not hand out', async () => {
    const error = await rejection(f.client.send(new ListRulesCommand({NextToken: 'not-a-token'})))
    expect(error.name).toBe('ValidationException')
  })

  it('answers ResourceNotFoundException for a rule that does not exist', async () => {
    for (const command of [
      new DescribeRuleCommand({Name: 'missing'}),
      new EnableRuleCommand({Name: 'missing'}),
      new DisableRuleCommand({Name: 'missing'}),
    ]) {
      const error = await rejection(f.client.send(command as DescribeRuleCommand))
      expect(error.name).toBe('ResourceNotFoundException')
      expect(error.message).toBe('Rule missing does not exist on EventBus default.')
      expect(error.$metadata?.httpStatusCode).toBe(400)
    }
  })

  it('succeeds on DeleteRule for a rule that does not exist', async () => {
    await expect(f.client.send(new DeleteRuleCommand({Name: 'missing'}))).resolves.toBeDefined()
  })

  it('refuses DeleteRule while the rule has targets, even with Force', async () => {
    // Given a rule with a target
    await f.client.send(new PutRuleCommand({Name: 'busy', ScheduleExpression: 'rate(1 day)'}))
    await f.client.send(new PutTargetsCommand({Rule: 'busy', Targets: [{Id: 't', Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:x'}]}))
    // When it is deleted
    const error = await rejection(f.client.send(new DeleteRuleCommand({Name: 'busy', Force: true})))
    // Then AWS's ValidationException comes back and the rule stays
    expect(error.name).toBe('ValidationException')
    expect(error.message).toBe("Rule can't be deleted since it has targets.")
    expect(f.store.get('busy')).toBeDefined()
  })

  it('deletes a rule without targets', async () => {
    await f.client.send(new PutRuleCommand({Name: 'idle', ScheduleExpression: 'rate(1 day)'}))
    await f.client.send(new DeleteRuleCommand({Name: 'idle'}))
    expect(f.store.get('idle')).toBeUndefined()
  })

  it('answers ValidationException for a ScheduleExpression EventBridge would refuse', async () => {
    for (const expression of ['cron(0 9 * * * *)', 'rate(1 minutes)', 'cron(0 9 * * ?)']) {
      const error = await rejection(f.client.send(new PutRuleCommand({Name: 'bad', ScheduleExpression: expression})))
      expect(error.name).toBe('ValidationException')
      expect(error.message).toBe('Parameter ScheduleExpression is not valid.')
    }
    expect(f.store.list()).toEqual([])
  })

  it('reports every member constraint a PutRule breaks in one ValidationException', async () => {
    const error = await rejection(
      f.client.send(new PutRuleCommand({Name: 'has space', ScheduleExpression: 'rate(1 day)', State: 'PAUSED' as 'ENABLED'})),
    )
    expect(error.name).toBe('ValidationException')
    expect(error.message).toBe(
      "2 validation errors detected: Value 'has space' at 'name' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; ' +
        "Value 'PAUSED' at 'state' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]',
    )
  })

  it('refuses a rule name longer than 64 characters', async () => {
    const error = await rejection(f.client.send(new PutRuleCommand({Name: 'x'.repeat(65), ScheduleExpression: 'rate(1 day)'})))
    expect(error.message).toMatch(/at 'name' failed to satisfy constraint: Member must have length less than or equal to 64$/)
  })

  it('needs an EventPattern or a ScheduleExpression', async () => {
    const error = await rejection(f.client.send(new PutRuleCommand({Name: 'empty'})))
    expect(error.name).toBe('ValidationException')
    expect(error.message).toBe('Parameter(s) EventPattern or ScheduleExpression must be specified.')
  })

  it('accepts an event pattern rule and refuses a pattern that is not a JSON object', async () => {
    await f.client.send(new PutRuleCommand({Name: 'pattern', EventPattern: JSON.stringify({source: ['aws.states']})}))
    expect((await f.client.send(new DescribeRuleCommand({Name: 'pattern'}))).EventPattern).toBe('{"source":["aws.states"]}')
    const error = await rejection(f.client.send(new PutRuleCommand({Name: 'pattern2', EventPattern: '{not json'})))
    expect(error.name).toBe('InvalidEventPatternException')
  })

  it('accepts the default bus by name or ARN and knows no other bus', async () => {
    await f.client.send(
      new PutRuleCommand({Name: 'by-arn', ScheduleExpression: 'rate(1 day)', EventBusName: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`}),
    )
    const error = await rejection(f.client.send(new DescribeRuleCommand({Name: 'by-arn', EventBusName: 'custom'})))
    expect(error.name).toBe('ResourceNotFoundException')
    expect(error.message).toBe('Event bus custom does not exist.')
  })
})
