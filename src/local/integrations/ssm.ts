// SSM Run Command through the AWS SDK integrations `aws-sdk:ssm:sendCommand` and
// `aws-sdk:ssm:getCommandInvocation`. SendCommand registers a simulated command whose run time is
// the scenario's duration for the sending state and whose end is the scenario's `ae:commands`
// entry (default Success); the command writes the state's `ae:s3` objects when it ends, whether or
// not anyone is still polling, as a real job on an instance would.
import {StatesError} from '../../asl/states-error.js'
import type {JsonValue} from '../../asl/types.js'
import {sdkCause} from './aws-metadata.js'
import type {CommandOutcome} from '../scenarios/types.js'
import {applyS3Effects, fillRunDate} from './s3-effects.js'
import type {LocalService, ServiceCall} from './scenario-task.js'
import {commandView, invocationView, isVisible, type CommandSpec, type SimulatedCommand, statusAt} from './ssm-commands.js'
import {asObject} from './json.js'

/** A command's run time when the scenario gives none. */
export const SSM_DEFAULT_RUN_MS = 2 * 60_000
const SEND_MS = 400
const GET_MS = 150


const validation = (message: string) => new StatesError('Ssm.SsmException', sdkCause(message, 'Ssm', 400))

// How each command settles its S3 objects, once, whichever comes first: its end on the clock, or a
// GetCommandInvocation that sees it ended.
const settlers = new WeakMap<SimulatedCommand, () => void>()

function executionTimeoutOf(parameters: JsonValue | undefined): number | undefined {
  const value = asObject(parameters)?.executionTimeout
  const first = Array.isArray(value) ? value[0] : value
  const seconds = typeof first === 'string' || typeof first === 'number' ? Number(first) : Number.NaN
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined
}

/** `{run_date}` in a scenario's stdout/stderr reads as the run date, as in its S3 keys. */
function withRunDate(outcome: CommandOutcome, runDate: string): CommandOutcome {
  const filled: CommandOutcome = {...outcome}
  if (outcome.stderr !== undefined) filled.stderr = fillRunDate(outcome.stderr, runDate)
  if (outcome.stdout !== undefined) filled.stdout = fillRunDate(outcome.stdout, runDate)
  return filled
}

function commandSpec(c: ServiceCall): CommandSpec {
  const params = asObject(c.req.input) ?? {}
  if (typeof params.DocumentName !== 'string' || params.DocumentName === '') {
    throw validation("1 validation error detected: Value null at 'documentName' failed to satisfy constraint: Member must not be null")
  }
  const instanceIds = params.InstanceIds
  if (!Array.isArray(instanceIds) || instanceIds.length === 0 || !instanceIds.every((i) => typeof i === 'string')) {
    throw validation('InstanceIds must be a non-empty list of instance ids (Targets are not simulated locally)')
  }
  const spec: CommandSpec = {
    documentName: params.DocumentName,
    instanceIds: instanceIds as string[],
    parameters: params.Parameters ?? {},
    runMs: c.scenarioDurationMs ?? SSM_DEFAULT_RUN_MS,
    outcome: withRunDate(c.commandOutcome ?? {status: 'Success'}, c.runDate),
    executionArn: c.req.executionArn,
    stateName: c.req.stateName,
  }
  if (typeof params.Comment === 'string') spec.comment = params.Comment
  if (typeof params.TimeoutSeconds === 'number') spec.timeoutSeconds = params.TimeoutSeconds
  const executionTimeout = executionTimeoutOf(params.Parameters)
  if (executionTimeout !== undefined) spec.executionTimeoutSeconds = executionTimeout
  return spec
}

function start(spec: CommandSpec, c: ServiceCall): SimulatedCommand {
  const {env} = c
  const now = env.clock.now().getTime()
  const command = env.records.commands.send(spec, now)
  let settled = false
  const settle = () => {
    if (settled) return
    settled = true
    applyS3Effects(env.s3Store, c.s3Effects, command.final.status === 'Success' ? 'success' : 'failure', c.runDate)
  }
  settlers.set(command, settle)
  // The job outlives the task: no abort signal, a stopped execution does not stop the command.
  env.clock.sleep(command.endedAt - now).then(settle, () => undefined)
  return command
}

export const ssmSendCommand: LocalService = {
  defaultDurationMs: SEND_MS,
  startsJob: true,
  call(c) {
    return {Command: commandView(start(commandSpec(c), c))}
  },
  fromMock(value, c) {
    // A mocked response that names a CommandId still gets a command behind it, so the poll loop
    // that follows finds one.
    const commandId = asObject(asObject(value)?.Command)?.CommandId
    if (typeof commandId === 'string') start({...commandSpec(c), commandId}, c)
    return value
  },
}

export const ssmGetCommandInvocation: LocalService = {
  defaultDurationMs: GET_MS,
  call(c) {
    const params = asObject(c.req.input) ?? {}
    const {CommandId: commandId, InstanceId: instanceId} = params
    if (typeof commandId !== 'string' || typeof instanceId !== 'string') {
      throw validation('GetCommandInvocation needs CommandId and InstanceId')
    }
    const now = c.env.clock.now().getTime()
    const command = c.env.records.commands.get(commandId)
    if (command === undefined || !isVisible(command, instanceId, now)) {
      throw new StatesError('Ssm.InvocationDoesNotExistException', sdkCause('null', 'Ssm', 400))
    }
    const status = statusAt(command, now)
    if (status !== 'Pending' && status !== 'InProgress') settlers.get(command)?.()
    return invocationView(command, instanceId, now)
  },
}
