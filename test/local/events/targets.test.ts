import {
  DeleteRuleCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {type EventsFixture, rejection, startEvents} from './serve.js'

const SFN = 'arn:aws:states:us-east-1:123456789012:stateMachine:saturday'
const ROLE = 'arn:aws:iam::123456789012:role/events-start-sfn'

let f: EventsFixture
beforeEach(async () => {
  f = await startEvents()
  await f.client.send(new PutRuleCommand({Name: 'ae-saturday', ScheduleExpression: 'cron(0 9 ? * SAT *)'}))
})
afterEach(async () => {
  await f.close()
})

describe('EventBridge targets on the local endpoint', () => {
  it('adds, lists and removes targets', async () => {
    // Given two targets put on a rule
    const put = await f.client.send(
      new PutTargetsCommand({
        Rule: 'ae-saturday',
        Targets: [
          {Id: 'pipeline', Arn: SFN, RoleArn: ROLE, Input: '{"run_date":"auto"}'},
          {Id: 'by-path', Arn: SFN, RoleArn: ROLE, InputPath: '$.detail'},
        ],
      }),
    )
    expect(put).toMatchObject({FailedEntryCount: 0, FailedEntries: []})
    // When they are listed
    const listed = await f.client.send(new ListTargetsByRuleCommand({Rule: 'ae-saturday'}))
    // Then both come back with every member that was given
    expect(listed.Targets).toEqual([
      {Id: 'pipeline', Arn: SFN, RoleArn: ROLE, Input: '{"run_date":"auto"}'},
      {Id: 'by-path', Arn: SFN, RoleArn: ROLE, InputPath: '$.detail'},
    ])
    // And when one is removed, only the other stays
    const removed = await f.client.send(new RemoveTargetsCommand({Rule: 'ae-saturday', Ids: ['pipeline']}))
    expect(removed).toMatchObject({FailedEntryCount: 0, FailedEntries: []})
    const after = await f.client.send(new ListTargetsByRuleCommand({Rule: 'ae-saturday'}))
    expect(after.Targets?.map((t) => t.Id)).toEqual(['by-path'])
  })

  it('replaces a target with the same Id as a whole, in place', async () => {
    await f.client.send(new PutTargetsCommand({Rule: 'ae-saturday', Targets: [{Id: 'a', Arn: SFN, Input: '{}'}, {Id: 'b', Arn: SFN}]}))
    await f.client.send(new PutTargetsCommand({Rule: 'ae-saturday', Targets: [{Id: 'a', Arn: SFN, InputPath: '$.x'}]}))
    const listed = await f.client.send(new ListTargetsByRuleCommand({Rule: 'ae-saturday'}))
    expect(listed.Targets).toEqual([
      {Id: 'a', Arn: SFN, InputPath: '$.x'},
      {Id: 'b', Arn: SFN},
    ])
  })

  it('pages targets with Limit and NextToken', async () => {
    await f.client.send(
      new PutTargetsCommand({Rule: 'ae-saturday', Targets: ['t0', 't1', 't2', 't3', 't4'].map((Id) => ({Id, Arn: SFN}))}),
    )
    const first = await f.client.send(new ListTargetsByRuleCommand({Rule: 'ae-saturday', Limit: 3}))
    const second = await f.client.send(new ListTargetsByRuleCommand({Rule: 'ae-saturday', NextToken: first.NextToken}))
    expect(first.Targets?.map((t) => t.Id)).toEqual(['t0', 't1', 't2'])
    expect(second.Targets?.map((t) => t.Id)).toEqual(['t3', 't4'])
    expect(second.NextToken).toBeUndefined()
  })

  it('reports a target whose Arn is not an ARN in FailedEntries and stores the rest', async () => {
    const put = await f.client.send(
      new PutTargetsCommand({Rule: 'ae-saturday', Targets: [{Id: 'good', Arn: SFN}, {Id: 'bad', Arn: 'saturday'}]}),
    )
    expect(put.FailedEntryCount).toBe(1)
    expect(put.FailedEntries).toEqual([
      {TargetId: 'bad', ErrorCode: 'ValidationException', ErrorMessage: 'Parameter saturday is not valid. Reason: Provided Arn is not in correct format.'},
    ])
    expect(f.store.get('ae-saturday')?.targets.map((t) => t.id)).toEqual(['good'])
  })

  it('refuses a sixth target on a rule with LimitExceededException', async () => {
    await f.client.send(new PutTargetsCommand({Rule: 'ae-saturday', Targets: ['1', '2', '3', '4', '5'].map((Id) => ({Id, Arn: SFN}))}))
    const error = await rejection(f.client.send(new PutTargetsCommand({Rule: 'ae-saturday', Targets: [{Id: '6', Arn: SFN}]})))
    expect(error.name).toBe('LimitExceededException')
    expect(error.message).toBe('The requested resource exceeds the maximum number allowed.')
    expect(f.store.get('ae-saturday')?.targets).toHaveLength(5)
  })

  it('refuses more than ten targets in one call as a constraint violation', async () => {
    const targets = Array.from({length: 11}, (_, i) => ({Id: `t${i}`, Arn: SFN}))
    const error = await rejection(f.client.send(new PutTargetsCommand({Rule: 'ae-saturday', Targets: targets})))
    expect(error.name).toBe('ValidationException')
    expect(error.message).toMatch(/^1 validation error detected: Value '.*' at 'targets' failed to satisfy constraint: Member must have length less than or equal to 10$/)
  })

  it('refuses a target Id outside the pattern, naming its place in the list', async () => {
    const error = await rejection(
      f.client.send(new PutTargetsCommand({Rule: 'ae-saturday', Targets: [{Id: 'ok', Arn: SFN}, {Id: '!@#', Arn: SFN}]})),
    )
    expect(error.message).toBe(
      "1 validation error detected: Value '!@#' at 'targets.2.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    )
    expect(f.store.get('ae-saturday')?.targets).toEqual([])
  })

  it('refuses Input and InputPath together, as AWS does', async () => {
    const error = await rejection(
      f.client.send(new PutTargetsCommand({Rule: 'ae-saturday', Targets: [{Id: 'both', Arn: SFN, Input: '{}', InputPath: '$'}]})),
    )
    expect(error.name).toBe('ValidationException')
    expect(error.message).toBe('Only one of Input, InputPath, or InputTransformer must be provided for target both.')
  })

  it('refuses an Input that is not JSON', async () => {
    const error = await rejection(f.client.send(new PutTargetsCommand({Rule: 'ae-saturday', Targets: [{Id: 'x', Arn: SFN, Input: '{oops'}]})))
    expect(error.name).toBe('ValidationException')
  })

  it('answers ResourceNotFoundException for targets of a rule that does not exist', async () => {
    for (const command of [
      new PutTargetsCommand({Rule: 'missing', Targets: [{Id: 'x', Arn: SFN}]}),
      new ListTargetsByRuleCommand({Rule: 'missing'}),
      new RemoveTargetsCommand({Rule: 'missing', Ids: ['x']}),
    ]) {
      const error = await rejection(f.client.send(command as PutTargetsCommand))
      expect(error.name).toBe('ResourceNotFoundException')
      expect(error.message).toBe('Rule missing does not exist on EventBus default.')
    }
  })

  it('lets DeleteRule through once RemoveTargets has emptied the rule', async () => {
    // Given a rule with a target, which DeleteRule refuses
    await f.client.send(new PutTargetsCommand({Rule: 'ae-saturday', Targets: [{Id: 'pipeline', Arn: SFN}]}))
    expect((await rejection(f.client.send(new DeleteRuleCommand({Name: 'ae-saturday'})))).name).toBe('ValidationException')
    // When the target is removed (an unknown Id alongside it is passed over)
    const removed = await f.client.send(new RemoveTargetsCommand({Rule: 'ae-saturday', Ids: ['pipeline', 'never-there'], Force: true}))
    expect(removed.FailedEntryCount).toBe(0)
    // Then the rule can be deleted
    await f.client.send(new DeleteRuleCommand({Name: 'ae-saturday'}))
    expect(f.store.list()).toEqual([])
  })
})
