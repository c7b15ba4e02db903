import {describe, expect, it} from 'vitest'
import type {JsonObject} from '../../../src/asl/types.js'
import {conditionHolds, type Item} from '../../../src/local/integrations/dynamodb-condition.js'
import {DynamoTables} from '../../../src/local/integrations/index.js'
import {failureOf, harness} from './task-harness.js'

const optimized = (op: string) => `arn:aws:states:::dynamodb:${op}`
const sdk = (op: string) => `arn:aws:states:::aws-sdk:dynamodb:${op}`
const TABLE = 'ae-locks'

const withTable = () => harness({dynamo: new DynamoTables([{name: TABLE, partitionKey: 'pk', sortKey: 'sk'}])})
const lockItem = (owner: string): Item => ({pk: {S: 'deploy'}, sk: {S: 'lock'}, owner: {S: owner}, expires: {N: '1700000000'}})
const KEY = {pk: {S: 'deploy'}, sk: {S: 'lock'}}

describe('dynamodb putItem / getItem / deleteItem', () => {
  it('puts and gets an item through the optimized integration, with the Sdk metadata envelope', async () => {
    const h = withTable()
    const put = (await h.call(optimized('putItem'), {TableName: TABLE, Item: lockItem('exec-1')})).output as JsonObject
    expect(put.SdkHttpMetadata).toMatchObject({HttpStatusCode: 200, HttpHeaders: {'Content-Type': 'application/x-amz-json-1.0'}})

    const got = (await h.call(optimized('getItem'), {TableName: TABLE, Key: KEY})).output as JsonObject
    expect(got.Item).toEqual(lockItem('exec-1'))
  })

  it('returns the bare response through the AWS SDK integration, and {} for a missing item', async () => {
    const h = withTable()
    expect((await h.call(sdk('getItem'), {TableName: TABLE, Key: KEY})).output).toEqual({})
  })

  it('takes a lock once: attribute_not_exists fails the second put with DynamoDB.ConditionalCheckFailedException', async () => {
    // Given a lock item taken by one execution
    const h = withTable()
    const take = (owner: string, resource = optimized('putItem')) =>
      h.call(resource, {TableName: TABLE, Item: lockItem(owner), ConditionExpression: 'attribute_not_exists(pk)'})
    await take('exec-1')

    // When another tries to take it, through either Task form
    const viaOptimized = await failureOf(take('exec-2'))
    const viaSdk = await failureOf(take('exec-3', sdk('putItem')))

    // Then both fail with their integration's error name, and the first owner keeps it
    expect(viaOptimized.error).toBe('DynamoDB.ConditionalCheckFailedException')
    expect(viaOptimized.cause).toContain('The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException')
    expect(viaSdk.error).toBe('DynamoDb.ConditionalCheckFailedException')
    expect(viaSdk.cause).toMatch(/^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: /)
    expect(h.dynamo.getItem(TABLE, KEY)?.owner).toEqual({S: 'exec-1'})
  })

  it('releases a lock only for its owner: = on an attribute with placeholders', async () => {
    const h = withTable()
    await h.call(optimized('putItem'), {TableName: TABLE, Item: lockItem('exec-1')})
    const release = (owner: string) =>
      h.call(optimized('deleteItem'), {
        TableName: TABLE,
        Key: KEY,
        ConditionExpression: '#o = :me AND attribute_exists(pk)',
        ExpressionAttributeNames: {'#o': 'owner'},
        ExpressionAttributeValues: {':me': {S: owner}},
        ReturnValues: 'ALL_OLD',
      })
    expect((await failureOf(release('exec-2'))).error).toBe('DynamoDB.ConditionalCheckFailedException')
    const released = (await release('exec-1')).output as JsonObject
    expect(released.Attributes).toEqual(lockItem('exec-1'))
    expect(h.dynamo.getItem(TABLE, KEY)).toBeUndefined()
  })

  it('fails on a table that does not exist with ResourceNotFoundException', async () => {
    const h = harness()
    expect((await failureOf(h.call(optimized('getItem'), {TableName: 'nope', Key: KEY}))).error).toBe('DynamoDB.ResourceNotFoundException')
    expect((await failureOf(h.call(sdk('getItem'), {TableName: 'nope', Key: KEY}))).error).toBe('DynamoDb.ResourceNotFoundException')
  })

  it('reports a key that does not match the schema as a validation error', async () => {
    const h = withTable()
    const failure = await failureOf(h.call(optimized('getItem'), {TableName: TABLE, Key: {pk: {S: 'deploy'}}}))
    expect(failure.error).toBe('DynamoDB.AmazonDynamoDBException')
    expect(failure.cause).toContain('The provided key element does not match the schema')
    expect((await failureOf(h.call(sdk('getItem'), {TableName: TABLE, Key: {pk: {S: 'deploy'}}}))).error).toBe('DynamoDb.DynamoDbException')
  })
})

describe('ConditionExpression', () => {
  const item: Item = {pk: {S: 'a'}, n: {N: '10'}, status: {S: 'RUNNING'}, meta: {M: {owner: {S: 'x'}}}}

  it('evaluates existence, comparisons, AND/OR/NOT and parentheses', () => {
    const holds = (expression: string, values: Record<string, JsonObject> = {}, names: Record<string, string> = {}) =>
      conditionHolds({expression, values, names}, item)
    expect(holds('attribute_exists(pk)')).toBe(true)
    expect(holds('attribute_not_exists(gone)')).toBe(true)
    expect(holds('n = :ten', {':ten': {N: '10.0'}})).toBe(true)
    expect(holds('n > :five AND n <= :ten', {':five': {N: '5'}, ':ten': {N: '10'}})).toBe(true)
    expect(holds('#s <> :r OR NOT (attribute_exists(pk))', {':r': {S: 'RUNNING'}}, {'#s': 'status'})).toBe(false)
    expect(holds('meta.owner = :x', {':x': {S: 'x'}})).toBe(true)
  })

  it('treats a missing item as having no attributes', () => {
    expect(conditionHolds({expression: 'attribute_not_exists(pk)'}, undefined)).toBe(true)
    expect(conditionHolds({expression: 'pk = :a', values: {':a': {S: 'a'}}}, undefined)).toBe(false)
  })

  it('rejects undefined and unused placeholders and syntax it cannot parse, as DynamoDB does', () => {
    expect(() => conditionHolds({expression: 'pk = :nope'}, item)).toThrow(/attribute value used in expression is not defined/)
    expect(() => conditionHolds({expression: 'attribute_exists(pk)', values: {':x': {S: 'x'}}}, item)).toThrow(/unused in expressions/)
    expect(() => conditionHolds({expression: 'pk = = :a', values: {':a': {S: 'a'}}}, item)).toThrow(/Syntax error/)
    expect(() => conditionHolds({expression: 'begins_with(pk, :a)', values: {':a': {S: 'a'}}}, item)).toThrow(/not supported/)
  })
})
