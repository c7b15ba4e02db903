// State machine operations through the real SFNClient: create (idempotent, validated), update with
// published versions, describe, list, delete, tags, and ValidateStateMachineDefinition.
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {fn, json, PASS, rejection, ROLE, smArn, startSfn, type SfnFixture, taskMachine} from './serve.js'

let sfn: SfnFixture
beforeEach(async () => {
  sfn = await startSfn()
})
afterEach(async () => {
  await sfn.close()
})

const create = (name: string, definition = json(PASS), extra: Record<string, unknown> = {}) =>
  sfn.client.send(new CreateStateMachineCommand({name, definition, roleArn: ROLE, ...extra}))

describe('CreateStateMachine', () => {
  it('creates a STANDARD state machine that DescribeStateMachine reports as ACTIVE', async () => {
    // Given a definition and a role
    // When the state machine is created
    const created = await create('orders', json(PASS), {tags: [{key: 'team', value: 'ops'}]})
    // Then its ARN is built from the region, account and name, and describe shows what was sent
    expect(created.stateMachineArn).toBe(smArn('orders'))
    expect(created.creationDate).toEqual(new Date('2026-03-02T00:00:00Z'))
    expect(created.stateMachineVersionArn).toBeUndefined()
    const described = await sfn.client.send(new DescribeStateMachineCommand({stateMachineArn: created.stateMachineArn}))
    expect(described).toMatchObject({name: 'orders', status: 'ACTIVE', type: 'STANDARD', definition: json(PASS), roleArn: ROLE})
    expect(described.creationDate).toEqual(created.creationDate)
    expect(described.revisionId).toBeUndefined()
  })

  it('returns the existing state machine when the same request is repeated, ignoring a different role', async () => {
    const first = await create('orders')
    const again = await create('orders', json(PASS), {roleArn: `arn:aws:iam::123456789012:role/Other`})
    expect(again.stateMachineArn).toBe(first.stateMachineArn)
    expect(again.creationDate).toEqual(first.creationDate)
    const described = await sfn.client.send(new DescribeStateMachineCommand({stateMachineArn: first.stateMachineArn}))
    expect(described.roleArn).toBe(ROLE)
  })

  it('refuses the same name with another definition: StateMachineAlreadyExists', async () => {
    await create('orders')
    const error = await rejection(create('orders', json(taskMachine(fn('echo')))))
    expect(error.name).toBe('StateMachineAlreadyExists')
    expect(error.message).toBe(`State Machine Already Exists: '${smArn('orders')}'`)
    expect(error.$metadata?.httpStatusCode).toBe(400)
  })

  it('publishes version 1 with its description when publish is set', async () => {
    const created = await create('orders', json(PASS), {publish: true, versionDescription: 'sha abc'})
    expect(created.stateMachineVersionArn).toBe(`${smArn('orders')}:1`)
    const version = await sfn.client.send(new DescribeStateMachineCommand({stateMachineArn: created.stateMachineVersionArn}))
    expect(version).toMatchObject({stateMachineArn: `${smArn('orders')}:1`, name: 'orders', description: 'sha abc', definition: json(PASS)})
  })

  it('refuses a versionDescription without publish, a bad name, a bad role and a bad definition', async () => {
    expect((await rejection(create('orders', json(PASS), {versionDescription: 'x'}))).name).toBe('ValidationException')
    const badName = await rejection(create('has space'))
    expect(badName.name).toBe('InvalidName')
    expect(badName.message).toBe("Invalid Name: 'has space'")
    const longName = await rejection(create('n'.repeat(81)))
    expect(longName.name).toBe('ValidationException')
    expect(longName.message).toContain("at 'name' failed to satisfy constraint: Member must have length less than or equal to 80")
    const badRole = await rejection(sfn.client.send(new CreateStateMachineCommand({name: 'orders', definition: json(PASS), roleArn: 'not-an-arn'})))
    expect(badRole.name).toBe('InvalidArn')
    expect((await rejection(create('orders', '{"StartAt": "Nowhere", "States": {}}'))).name).toBe('InvalidDefinition')
    const notJson = await rejection(create('orders', '{not json'))
    expect(notJson.name).toBe('InvalidDefinition')
    expect(notJson.message).toMatch(/^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: /)
    expect((await rejection(create('orders', json(PASS), {type: 'EXPRESS'}))).name).toBe('ValidationException')
    // And nothing was created
    expect(sfn.store.machines()).toEqual([])
  })
})

describe('UpdateStateMachine', () => {
  it('changes the definition, sets a new revisionId each time and publishes numbered versions', async () => {
    // Given a state machine
    const {stateMachineArn} = await create('orders', json(PASS), {publish: true})
    await sfn.clock.sleep(60_000)
    // When it is updated twice, publishing each time
    const first = await sfn.client.send(
      new UpdateStateMachineCommand({stateMachineArn, definition: json(taskMachine(fn('echo'))), publish: true, versionDescription: 'v2'}),
    )
    const second = await sfn.client.send(new UpdateStateMachineCommand({stateMachineArn, roleArn: `arn:aws:iam::123456789012:role/New`, publish: true}))
    // Then each update has its own revision and version, and describe shows the latest
    expect(first.updateDate).toEqual(new Date('2026-03-02T00:01:00Z'))
    expect(first.revisionId).toBeTruthy()
    expect(second.revisionId).toBeTruthy()
    expect(second.revisionId).not.toBe(first.revisionId)
    expect(first.stateMachineVersionArn).toBe(`${stateMachineArn}:2`)
    expect(second.stateMachineVersionArn).toBe(`${stateMachineArn}:3`)
    const described = await sfn.client.send(new DescribeStateMachineCommand({stateMachineArn}))
    expect(described).toMatchObject({definition: json(taskMachine(fn('echo'))), roleArn: 'arn:aws:iam::123456789012:role/New', revisionId: second.revisionId})
    const v2 = await sfn.client.send(new DescribeStateMachineCommand({stateMachineArn: `${stateMachineArn}:2`}))
    expect(v2).toMatchObject({description: 'v2', revisionId: first.revisionId, roleArn: ROLE})
    // And without publish there is no version ARN
    const quiet = await sfn.client.send(new UpdateStateMachineCommand({stateMachineArn, definition: json(PASS)}))
    expect(quiet.stateMachineVersionArn).toBeUndefined()
  })

  it('refuses an update with nothing to change, an invalid definition, or an unknown state machine', async () => {
    const {stateMachineArn} = await create('orders')
    expect((await rejection(sfn.client.send(new UpdateStateMachineCommand({stateMachineArn})))).name).toBe('MissingRequiredParameter')
    const invalid = await rejection(sfn.client.send(new UpdateStateMachineCommand({stateMachineArn, definition: '{"StartAt":"A","States":{"A":{"Type":"Pass"}}}'})))
    expect(invalid.name).toBe('InvalidDefinition')
    const missing = await rejection(sfn.client.send(new UpdateStateMachineCommand({stateMachineArn: smArn('missing'), definition: json(PASS)})))
    expect(missing.name).toBe('StateMachineDoesNotExist')
    expect(missing.message).toBe(`State Machine Does Not Exist: '${smArn('missing')}'`)
    // And the state machine is unchanged
    const described = await sfn.client.send(new DescribeStateMachineCommand({stateMachineArn}))
    expect(described.definition).toBe(json(PASS))
    expect(described.revisionId).toBeUndefined()
  })
})

describe('ListStateMachineVersions', () => {
  it('lists versions newest first, page by page', async () => {
    const {stateMachineArn} = await create('orders', json(PASS), {publish: true})
    for (let i = 0; i < 4; i++) await sfn.client.send(new UpdateStateMachineCommand({stateMachineArn, definition: json(PASS), publish: true}))
    const first = await sfn.client.send(new ListStateMachineVersionsCommand({stateMachineArn, maxResults: 3}))
    const second = await sfn.client.send(new ListStateMachineVersionsCommand({stateMachineArn, maxResults: 3, nextToken: first.nextToken}))
    const numbers = [...(first.stateMachineVersions ?? []), ...(second.stateMachineVersions ?? [])].map((v) => Number(v.stateMachineVersionArn?.split(':').pop()))
    expect(numbers).toEqual([5, 4, 3, 2, 1])
    expect(second.nextToken).toBeUndefined()
  })
})

describe('ListStateMachines and DeleteStateMachine', () => {
  it('pages through state machines and forgets a deleted one', async () => {
    for (const name of ['a', 'b', 'c']) await create(name)
    const page1 = await sfn.client.send(new ListStateMachinesCommand({maxResults: 2}))
    const page2 = await sfn.client.send(new ListStateMachinesCommand({maxResults: 2, nextToken: page1.nextToken}))
    expect([...(page1.stateMachines ?? []), ...(page2.stateMachines ?? [])].map((s) => s.name)).toEqual(['a', 'b', 'c'])
    expect(page1.stateMachines?.[0]).toMatchObject({stateMachineArn: smArn('a'), type: 'STANDARD'})
    expect(page2.nextToken).toBeUndefined()

    await sfn.client.send(new DeleteStateMachineCommand({stateMachineArn: smArn('b')}))
    const after = await sfn.client.send(new ListStateMachinesCommand({}))
    expect(after.stateMachines?.map((s) => s.name)).toEqual(['a', 'c'])
    expect((await rejection(sfn.client.send(new DescribeStateMachineCommand({stateMachineArn: smArn('b')})))).name).toBe('StateMachineDoesNotExist')
    // Deleting again succeeds, as the service's delete does
    await sfn.client.send(new DeleteStateMachineCommand({stateMachineArn: smArn('b')}))
  })

  it('refuses a token from another listing and malformed ARNs', async () => {
    await create('a')
    expect((await rejection(sfn.client.send(new ListStateMachinesCommand({nextToken: 'garbage'})))).name).toBe('InvalidToken')
    const prefix = await rejection(sfn.client.send(new DescribeStateMachineCommand({stateMachineArn: 'orders'})))
    expect(prefix.name).toBe('InvalidArn')
    expect(prefix.message).toBe("Invalid Arn: 'Invalid ARN prefix: orders'")
    const wrongType = await rejection(
      sfn.client.send(new DescribeStateMachineCommand({stateMachineArn: 'arn:aws:states:us-east-1:123456789012:execution:a:run'})),
    )
    expect(wrongType.name).toBe('InvalidArn')
    expect(wrongType.message).toBe("Invalid Arn: 'Resource type not valid in this context: execution'")
  })
})

describe('tags', () => {
  it('adds, replaces, lists and removes tags on a state machine', async () => {
    const {stateMachineArn} = await create('orders', json(PASS), {tags: [{key: 'team', value: 'ops'}]})
    await sfn.client.send(new TagResourceCommand({resourceArn: stateMachineArn, tags: [{key: 'team', value: 'data'}, {key: 'sha', value: 'abc'}]}))
    const listed = await sfn.client.send(new ListTagsForResourceCommand({resourceArn: stateMachineArn}))
    expect(listed.tags).toEqual([{key: 'team', value: 'data'}, {key: 'sha', value: 'abc'}])
    await sfn.client.send(new UntagResourceCommand({resourceArn: stateMachineArn, tagKeys: ['team']}))
    expect((await sfn.client.send(new ListTagsForResourceCommand({resourceArn: stateMachineArn}))).tags).toEqual([{key: 'sha', value: 'abc'}])
  })

  it('answers ResourceNotFound for an unknown state machine and TooManyTags past 50', async () => {
    expect((await rejection(sfn.client.send(new ListTagsForResourceCommand({resourceArn: smArn('nope')})))).name).toBe('ResourceNotFound')
    const {stateMachineArn} = await create('orders')
    const tags = Array.from({length: 51}, (_, i) => ({key: `k${i}`, value: 'v'}))
    expect((await rejection(sfn.client.send(new TagResourceCommand({resourceArn: stateMachineArn, tags})))).name).toBe('TooManyTags')
    expect((await sfn.client.send(new ListTagsForResourceCommand({resourceArn: stateMachineArn}))).tags).toEqual([])
  })
})

describe('ValidateStateMachineDefinition', () => {
  it('answers OK with no diagnostics for a valid definition', async () => {
    const out = await sfn.client.send(new ValidateStateMachineDefinitionCommand({definition: json(PASS)}))
    expect(out).toMatchObject({result: 'OK', diagnostics: [], truncated: false})
  })

  it('answers FAIL with ERROR diagnostics, never an exception, for a broken definition', async () => {
    const broken = {StartAt: 'A', States: {A: {Type: 'Pass', Next: 'Missing'}}}
    const out = await sfn.client.send(new ValidateStateMachineDefinitionCommand({definition: json(broken)}))
    expect(out.result).toBe('FAIL')
    expect(out.diagnostics?.length).toBeGreaterThan(0)
    expect(out.diagnostics?.every((d) => d.severity === 'ERROR' && d.code && d.message)).toBe(true)
  })

  it('reports malformed JSON as one ERROR diagnostic', async () => {
    const out = await sfn.client.send(new ValidateStateMachineDefinitionCommand({definition: '{"StartAt":'}))
    expect(out.result).toBe('FAIL')
    expect(out.diagnostics).toEqual([expect.objectContaining({severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION'})])
  })

  it("adds ae's lint findings as WARNINGs only when asked for, and truncates to maxResults", async () => {
    // A Task without Catch or TimeoutSeconds: valid for AWS, but ae's lint has something to say
    const definition = json(taskMachine(fn('echo')))
    const errorsOnly = await sfn.client.send(new ValidateStateMachineDefinitionCommand({definition}))
    expect(errorsOnly).toMatchObject({result: 'OK', diagnostics: []})
    const withWarnings = await sfn.client.send(new ValidateStateMachineDefinitionCommand({definition, severity: 'WARNING'}))
    expect(withWarnings.result).toBe('OK')
    expect(withWarnings.diagnostics?.length).toBeGreaterThan(0)
    expect(withWarnings.diagnostics?.every((d) => d.severity === 'WARNING')).toBe(true)
    expect(withWarnings.diagnostics?.[0]?.location).toBe('/States/Work')
    const one = await sfn.client.send(new ValidateStateMachineDefinitionCommand({definition, severity: 'WARNING', maxResults: 1}))
    expect(one.diagnostics).toHaveLength(1)
    expect(one.truncated).toBe(withWarnings.diagnostics!.length > 1)
  })
})

describe('call log', () => {
  it('records each operation the handler served', async () => {
    await create('orders')
    await sfn.client.send(new DescribeStateMachineCommand({stateMachineArn: smArn('orders')}))
    expect(sfn.store.calls).toEqual(['CreateStateMachine', 'DescribeStateMachine'])
    expect(sfn.store.callCount('DescribeStateMachine')).toBe(1)
  })
})
