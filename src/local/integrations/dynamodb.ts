// DynamoDB putItem/getItem/deleteItem in both Task forms, against the local tables. They differ the
// way AWS's do: the optimized `arn:aws:states:::dynamodb:*` names errors `DynamoDB.<Code>` (a
// validation error is DynamoDB.AmazonDynamoDBException) with the v1 SDK's cause text and adds the
// Sdk*Metadata envelope; `aws-sdk:dynamodb:*` names them `DynamoDb.<Code>` (validation:
// DynamoDb.DynamoDbException) with the v2 SDK's cause text and returns the bare response.
import {crc32} from 'node:zlib'
import {StatesError} from '../../asl/states-error.js'
import type {JsonObject} from '../../asl/types.js'
import {newRequestId, sdkEnvelope} from './aws-metadata.js'
import {DynamoError, type ConditionInput, type Item} from './dynamodb-condition.js'
import type {LocalService, ServiceCall} from './scenario-task.js'
import {asObject} from './json.js'

export type DynamoFlavor = 'optimized' | 'sdk'
export type DynamoOperation = 'putItem' | 'getItem' | 'deleteItem'

const CALL_MS = 25


function statesError(flavor: DynamoFlavor, error: DynamoError): StatesError {
  const requestId = newRequestId().replaceAll('-', '').toUpperCase().slice(0, 32)
  if (flavor === 'optimized') {
    const name = error.code === 'ValidationException' ? 'DynamoDB.AmazonDynamoDBException' : `DynamoDB.${error.code}`
    return new StatesError(name, `${error.message} (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ${error.code}; Request ID: ${requestId}; Proxy: null)`)
  }
  const name = error.code === 'ValidationException' ? 'DynamoDb.DynamoDbException' : `DynamoDb.${error.code}`
  return new StatesError(name, `${error.message} (Service: DynamoDb, Status Code: 400, Request ID: ${requestId})`)
}

function conditionOf(params: JsonObject): ConditionInput | undefined {
  if (typeof params.ConditionExpression !== 'string') return undefined
  const condition: ConditionInput = {expression: params.ConditionExpression}
  const names = asObject(params.ExpressionAttributeNames)
  if (names !== undefined) condition.names = Object.fromEntries(Object.entries(names).map(([k, v]) => [k, String(v)]))
  const values = asObject(params.ExpressionAttributeValues)
  if (values !== undefined) condition.values = values as Record<string, JsonObject>
  return condition
}

function itemParam(params: JsonObject, field: 'Item' | 'Key'): Item {
  const value = asObject(params[field])
  if (value === undefined) {
    throw new DynamoError('ValidationException', `1 validation error detected: Value null at '${field.toLowerCase()}' failed to satisfy constraint: Member must not be null`)
  }
  return value as Item
}

function run(operation: DynamoOperation, c: ServiceCall): JsonObject {
  const params = asObject(c.req.input) ?? {}
  const table = params.TableName
  if (typeof table !== 'string' || table === '') {
    throw new DynamoError('ValidationException', "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null")
  }
  const tables = c.env.dynamo
  const returnOld = params.ReturnValues === 'ALL_OLD'
  if (operation === 'getItem') {
    const item = tables.getItem(table, itemParam(params, 'Key'))
    return item === undefined ? {} : {Item: item}
  }
  const old =
    operation === 'putItem'
      ? tables.putItem(table, itemParam(params, 'Item'), conditionOf(params))
      : tables.deleteItem(table, itemParam(params, 'Key'), conditionOf(params))
  return returnOld && old !== undefined ? {Attributes: old} : {}
}

export function dynamoService(operation: DynamoOperation, flavor: DynamoFlavor): LocalService {
  return {
    defaultDurationMs: CALL_MS,
    call(c) {
      let result: JsonObject
      try {
        result = run(operation, c)
      } catch (error) {
        if (error instanceof DynamoError) throw statesError(flavor, error)
        throw error
      }
      if (flavor === 'sdk') return result
      const body = JSON.stringify(result)
      return {
        ...result,
        ...sdkEnvelope({
          date: c.req.clock.now(),
          requestId: newRequestId(),
          contentType: 'application/x-amz-json-1.0',
          contentLength: Buffer.byteLength(body),
          headers: {Connection: 'keep-alive', Server: 'Server', 'x-amz-crc32': String(crc32(body))},
        }),
      }
    },
  }
}
