// The Context object ($$ in JSONPath, $states.context in JSONata) as Step Functions builds it:
// the same Execution and StateMachine everywhere, State for the state being run (inside a Parallel
// branch or Map iteration, the inner state), Task.Token for callback tasks, Map.Item while a Map
// state selects each item.
import type {JsonObject, JsonValue} from '../../asl/types.js'

export interface ExecutionIdentity {
  executionArn: string
  name: string
  input: JsonValue
  startTime: Date
  roleArn: string
  stateMachineArn: string
  stateMachineName: string
  redriveCount: number
  redriveTime?: Date
}

export interface StateIdentity {
  name: string
  enteredTime: Date
  /** Task, Parallel and Map states count their retries; the others have no RetryCount. */
  retryCount?: number
}

export function contextObject(
  execution: ExecutionIdentity,
  state: StateIdentity,
  extra: {taskToken?: string; mapItem?: {index: number; value: JsonValue}} = {},
): JsonObject {
  const exec: JsonObject = {
    Id: execution.executionArn,
    Input: execution.input,
    StartTime: execution.startTime.toISOString(),
    Name: execution.name,
    RoleArn: execution.roleArn,
    RedriveCount: execution.redriveCount,
  }
  if (execution.redriveTime !== undefined) exec.RedriveTime = execution.redriveTime.toISOString()
  const stateObject: JsonObject = {Name: state.name, EnteredTime: state.enteredTime.toISOString()}
  if (state.retryCount !== undefined) stateObject.RetryCount = state.retryCount
  const context: JsonObject = {
    Execution: exec,
    StateMachine: {Id: execution.stateMachineArn, Name: execution.stateMachineName},
    State: stateObject,
  }
  if (extra.taskToken !== undefined) context.Task = {Token: extra.taskToken}
  if (extra.mapItem !== undefined) context.Map = {Item: {Index: extra.mapItem.index, Value: extra.mapItem.value}}
  return context
}
