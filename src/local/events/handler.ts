// The EventBridge part of the embedded endpoint: routes `AWSEvents.<Operation>` requests to the
// operations and answers in the JSON 1.1 protocol. A bug here is answered as AWS answers its own:
// a 500 InternalException.
import {AwsJsonError, createJsonHandler, JSON_11, type JsonService, type Operation, requirePost, targetOperation, unknownOperation} from '../aws-json/index.js'
import type {LocalHandler, LocalRequest} from '../http.js'
import type {EventsDeps} from './context.js'
import {deleteRule, describeRule, disableRule, enableRule, listRules, putRule} from './rules.js'
import {listTargetsByRule, putTargets, removeTargets} from './targets.js'

export type {EventsDeps} from './context.js'

const OPERATIONS: Record<string, Operation<EventsDeps>> = {
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

const EVENTBRIDGE: JsonService<EventsDeps> = {
  name: 'EventBridge',
  contentType: JSON_11,
  operations: OPERATIONS,
  operationOf,
  internalError: (e) => new AwsJsonError('InternalException', `Service encountered unexpected problem: ${String(e)}`, 500),
}

export function createEventsHandler(deps: EventsDeps): LocalHandler {
  return createJsonHandler(EVENTBRIDGE, deps)
}

/** The operation the target names; the method is checked before the target. */
function operationOf(req: LocalRequest): string {
  requirePost(req, 'EventBridge')
  const operation = targetOperation(req, 'AWSEvents.')
  if (operation === undefined) {
    const target = req.headers['x-amz-target']
    throw unknownOperation(
      typeof target !== 'string' || target === '' ? 'The request has no X-Amz-Target header naming the operation.' : `Unknown operation ${target}.`,
    )
  }
  return operation
}
