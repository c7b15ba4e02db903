// The Step Functions part of the embedded endpoint: routes `AWSStepFunctions.<Operation>` requests
// to the operations and answers in the JSON 1.0 protocol. Every call is recorded in the store by
// operation name (tests check which actions a command used). Anything an operation throws that is
// not an SfnError is a bug here, answered as the service answers its own: a 500 InternalFailure.
import type {LocalHandler} from '../http.js'
import type {SfnContext} from './context.js'
import {internalFailure, SfnError} from './errors.js'
import {describeExecution, describeStateMachineForExecution, startExecution, stopExecution} from './executions.js'
import {getExecutionHistory} from './history.js'
import {listExecutions} from './list-executions.js'
import type {Input} from './members.js'
import {bodyOf, errorResponse, okResponse, operationOf} from './protocol.js'
import {redriveExecution} from './redrive.js'
import {createStateMachine, deleteStateMachine, describeStateMachine, listStateMachines, updateStateMachine} from './state-machines.js'
import {listTagsForResource, tagResource, untagResource} from './tags.js'
import {validateStateMachineDefinition} from './validation.js'
import {listStateMachineVersions} from './versions.js'

export type SfnHandlerDeps = SfnContext

type Operation = (ctx: SfnContext, input: Input) => unknown

const OPERATIONS: Record<string, Operation> = {
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

export function createSfnHandler(deps: SfnHandlerDeps): LocalHandler {
  return async (req) => {
    try {
      const name = operationOf(req)
      deps.store.recordCall(name)
      const operation = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined
      if (operation === undefined) {
        throw new SfnError('UnknownOperationException', `The local Step Functions endpoint does not support the operation ${name}.`)
      }
      return okResponse(await operation(deps, bodyOf(req)))
    } catch (e) {
      if (e instanceof SfnError) return errorResponse(e)
      return errorResponse(internalFailure(e instanceof Error ? e.message : String(e)))
    }
  }
}
