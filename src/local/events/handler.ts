// The EventBridge part of the embedded endpoint: routes `AWSEvents.<Operation>` requests to the
// operations and answers in the JSON 1.1 protocol. Anything an operation throws that is not an
// AwsError is a bug here, answered as AWS answers its own: a 500 InternalException.
import type {LocalHandler} from '../http.js'
import type {EventsDeps} from './context.js'
import {AwsError, bodyOf, errorResponse, okResponse, operationOf} from './protocol.js'
import {deleteRule, describeRule, disableRule, enableRule, listRules, putRule} from './rules.js'
import {listTargetsByRule, putTargets, removeTargets} from './targets.js'

export type {EventsDeps} from './context.js'

type Operation = (deps: EventsDeps, input: Record<string, unknown>) => unknown

const OPERATIONS: Record<string, Operation> = {
  PutRule: putRule,
  DescribeRule: describeRule,
  ListRules: listRules,
  EnableRule: enableRule,
  DisableRule: disableRule,
  DeleteRule: deleteRule,
  PutTargets: putTargets,
  ListTargetsByRule: listTargetsByRule,
  RemoveTargets: removeTargets,
}

export function createEventsHandler(deps: EventsDeps): LocalHandler {
  return async (req) => {
    try {
      const name = operationOf(req)
      const operation = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined
      if (operation === undefined) {
        throw new AwsError('UnknownOperationException', `The local EventBridge endpoint does not support the operation ${name}.`)
      }
      return okResponse(operation(deps, bodyOf(req)))
    } catch (e) {
      if (e instanceof AwsError) return errorResponse(e)
      return errorResponse(new AwsError('InternalException', `Service encountered unexpected problem: ${String(e)}`, 500))
    }
  }
}
