// The Step Functions part of the embedded endpoint: routes `AWSStepFunctions.<Operation>` requests
// to the operations and answers in the JSON 1.0 protocol, timestamps as epoch seconds. Every call
// is recorded in the store by operation name (tests check which actions a command used). A bug
// here is answered as the service answers its own: a 500 InternalFailure.
import {createJsonHandler, JSON_10, type JsonService, type Operation, requirePost, targetOperation, unknownOperation} from '../aws-json/index.js'
import type {LocalHandler, LocalRequest} from '../http.js'
import type {SfnContext} from './context.js'
import {internalFailure} from './errors.js'
import {describeExecution, describeStateMachineForExecution, startExecution, stopExecution} from './executions.js'
import {getExecutionHistory} from './history.js'
import {listExecutions} from './list-executions.js'
import {redriveExecution} from './redrive.js'
import {createStateMachine, deleteStateMachine, describeStateMachine, listStateMachines, updateStateMachine} from './state-machines.js'
import {listTagsForResource, tagResource, untagResource} from './tags.js'
import {validateStateMachineDefinition} from './validation.js'
import {listStateMachineVersions} from './versions.js'

export type SfnHandlerDeps = SfnContext

const OPERATIONS: Record<string, Operation<SfnContext>> = {
  CreateStateMachine: createStateMachine,
  UpdateStateMachine: updateStateMachine,
  DescribeStateMachine: describeStateMachine,
  ListStateMachines: listStateMachines,
  DeleteStateMachine: deleteStateMachine,
  ListStateMachineVersions: listStateMachineVersions,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  StartExecution: startExecution,
  DescribeExecution: describeExecution,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  ListExecutions: listExecutions,
  GetExecutionHistory: getExecutionHistory,
  StopExecution: stopExecution,
  RedriveExecution: redriveExecution,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
}

const STEP_FUNCTIONS: JsonService<SfnContext> = {
  name: 'Step Functions',
  contentType: JSON_10,
  operations: OPERATIONS,
  operationOf,
  internalError: (e) => internalFailure(e instanceof Error ? e.message : String(e)),
  onCall: (ctx, operation) => ctx.store.recordCall(operation),
}

export function createSfnHandler(deps: SfnHandlerDeps): LocalHandler {
  return createJsonHandler(STEP_FUNCTIONS, deps)
}

/** The operation the target names; the target is checked before the method. */
function operationOf(req: LocalRequest): string {
  const operation = targetOperation(req, 'AWSStepFunctions.')
  if (operation === undefined) {
    const target = req.headers['x-amz-target']
    throw unknownOperation(`The local Step Functions endpoint does not know the operation ${typeof target === 'string' ? target : '(none)'}.`)
  }
  requirePost(req, 'Step Functions')
  return operation
}
