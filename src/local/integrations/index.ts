// The local endpoint's task integrations: every Task Resource the shipped pipelines use (and a few
// they might), served against local stores and records under the execution's scenario. Nothing
// here ever calls AWS. An unknown Resource resolves to undefined, and the engine then fails the
// task with States.TaskFailed naming it.
import type {Integrations} from '../engine/api.js'
import {DynamoTables} from './dynamodb-store.js'
import {dynamoService, type DynamoOperation} from './dynamodb.js'
import {EVENTS_PUT_EVENTS, eventsPutEvents} from './events.js'
import {isFunctionArn, LAMBDA_INVOKE, lambdaFunction, lambdaInvoke} from './lambda.js'
import {s3DeleteObject, s3GetObject, s3HeadObject, s3PutObject} from './s3.js'
import {scenarioTask, type LocalService} from './scenario-task.js'
import {SNS_PUBLISH, snsPublish} from './sns.js'
import {ssmGetCommandInvocation, ssmSendCommand} from './ssm.js'
import {defaultRunDate, InvocationCounter, type IntegrationDeps, type TaskEnv} from './task-env.js'

const DYNAMO_OPERATIONS: readonly DynamoOperation[] = ['putItem', 'getItem', 'deleteItem']

/** Resource ARN -> service, for the integrations that take no request-response suffix variants. */
function serviceTable(): Map<string, LocalService> {
  const table = new Map<string, LocalService>([
    [LAMBDA_INVOKE, lambdaInvoke],
    ['arn:aws:states:::aws-sdk:ssm:sendCommand', ssmSendCommand],
    ['arn:aws:states:::aws-sdk:ssm:getCommandInvocation', ssmGetCommandInvocation],
    [SNS_PUBLISH, snsPublish],
    [EVENTS_PUT_EVENTS, eventsPutEvents],
    ['arn:aws:states:::aws-sdk:s3:putObject', s3PutObject],
    ['arn:aws:states:::aws-sdk:s3:getObject', s3GetObject],
    ['arn:aws:states:::aws-sdk:s3:headObject', s3HeadObject],
    ['arn:aws:states:::aws-sdk:s3:deleteObject', s3DeleteObject],
  ])
  for (const op of DYNAMO_OPERATIONS) {
    table.set(`arn:aws:states:::dynamodb:${op}`, dynamoService(op, 'optimized'))
    table.set(`arn:aws:states:::aws-sdk:dynamodb:${op}`, dynamoService(op, 'sdk'))
  }
  return table
}

/** The Resource with an ARN partition other than `aws` (aws-cn, aws-us-gov) read as `aws`. */
const normalized = (resource: string): string => resource.replace(/^arn:aws-[a-z-]+:states:::/, 'arn:aws:states:::')

export function createIntegrations(deps: IntegrationDeps): Integrations {
  const env: TaskEnv = {
    clock: deps.clock,
    s3Store: deps.s3Store,
    records: deps.records,
    scenario: deps.scenario,
    runDateOf: deps.runDateOf ?? defaultRunDate,
    dynamo: deps.dynamo ?? new DynamoTables(),
    invocations: new InvocationCounter(),
  }
  const services = serviceTable()
  return {
    resolve(resource) {
      const service = services.get(normalized(resource)) ?? (isFunctionArn(resource) ? lambdaFunction(resource) : undefined)
      return service === undefined ? undefined : scenarioTask(service, env)
    },
  }
}

export {createRecords, type EventRecord, type IntegrationRecords, type SnsRecord} from './records.js'
export {DynamoTables, type TableDefinition} from './dynamodb-store.js'
export {defaultRunDate, type IntegrationDeps} from './task-env.js'
export {SsmCommandStore, type SimulatedCommand} from './ssm-commands.js'
