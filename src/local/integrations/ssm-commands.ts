// Simulated SSM Run Command invocations. A command's status is a function of time on the engine
// clock: not visible for its first seconds (GetCommandInvocation answers InvocationDoesNotExist,
// as AWS does right after SendCommand), then Pending, then InProgress for its run time, then its
// final status. Nothing polls or ticks: every read computes the status at the instant it is asked.
import {randomUUID} from 'node:crypto'
import type {JsonObject, JsonValue} from '../../asl/types.js'
import type {CommandOutcome, CommandStatus} from '../scenarios/types.js'

/** GetCommandInvocation fails with InvocationDoesNotExist for this long after SendCommand. */
export const INVISIBLE_MS = 2_000
/** The command sits in Pending (delivery to the agent) until this long after SendCommand. */
export const PENDING_MS = 3_000

export interface CommandSpec {
  documentName: string
  instanceIds: string[]
  comment?: string
  parameters?: JsonValue
  /** SendCommand's TimeoutSeconds: delivery timeout (default 3600). */
  timeoutSeconds?: number
  /** The document's executionTimeout in seconds, when the Parameters give one. */
  executionTimeoutSeconds?: number
  /** Simulated run time, from InProgress to the end. */
  runMs: number
  outcome: CommandOutcome
  executionArn?: string
  stateName?: string
  /** Use this id instead of a fresh one (a mocked SendCommand response names it). */
  commandId?: string
}

export interface SimulatedCommand extends CommandSpec {
  commandId: string
  requestedAt: number
  startedAt: number
  endedAt: number
  /** The status it ends with: the scenario's, or TimedOut when the run outlasts executionTimeout. */
  final: Required<Omit<CommandOutcome, 'stdout' | 'stderr'>> & {statusDetails: string; stdout: string; stderr: string}
}

export type InvocationStatus = 'Pending' | 'InProgress' | CommandStatus

const DEFAULT_RESPONSE_CODE: Record<CommandStatus, number> = {Success: 0, Failed: 1, TimedOut: 137, Cancelled: -1}
const FINAL_DETAILS: Record<CommandStatus, string> = {Success: 'Success', Failed: 'Failed', TimedOut: 'ExecutionTimedOut', Cancelled: 'Cancelled'}

export class SsmCommandStore {
  private readonly commands = new Map<string, SimulatedCommand>()

  send(spec: CommandSpec, now: number): SimulatedCommand {
    const commandId = spec.commandId ?? randomUUID()
    const startedAt = now + PENDING_MS
    const limitMs = spec.executionTimeoutSeconds === undefined ? Infinity : spec.executionTimeoutSeconds * 1000
    const outlasts = spec.runMs > limitMs
    const status: CommandStatus = outlasts ? 'TimedOut' : spec.outcome.status
    const command: SimulatedCommand = {
      ...spec,
      commandId,
      requestedAt: now,
      startedAt,
      endedAt: startedAt + Math.min(spec.runMs, limitMs),
      final: {
        status,
        statusDetails: FINAL_DETAILS[status],
        responseCode: outlasts ? DEFAULT_RESPONSE_CODE.TimedOut : (spec.outcome.responseCode ?? DEFAULT_RESPONSE_CODE[status]),
        stdout: spec.outcome.stdout ?? '',
        stderr: outlasts && spec.outcome.stderr === undefined ? `failed to run commands: command timed out after ${spec.executionTimeoutSeconds} seconds` : (spec.outcome.stderr ?? ''),
      },
    }
    this.commands.set(commandId, command)
    return command
  }

  get(commandId: string): SimulatedCommand | undefined {
    return this.commands.get(commandId)
  }

  /** Every command sent, oldest first. */
  list(): SimulatedCommand[] {
    return [...this.commands.values()]
  }
}

export function statusAt(command: SimulatedCommand, now: number): InvocationStatus {
  if (now < command.startedAt) return 'Pending'
  if (now < command.endedAt) return 'InProgress'
  return command.final.status
}

/** Whether GetCommandInvocation can see the command on this instance yet. */
export const isVisible = (command: SimulatedCommand, instanceId: string, now: number): boolean =>
  command.instanceIds.includes(instanceId) && now >= command.requestedAt + INVISIBLE_MS

/** SendCommand's response `Command`, at the moment it was sent. */
export function commandView(command: SimulatedCommand): JsonObject {
  const requested = new Date(command.requestedAt)
  const timeout = command.timeoutSeconds ?? 3600
  return {
    CommandId: command.commandId,
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    Comment: command.comment ?? '',
    ExpiresAfter: new Date(command.requestedAt + timeout * 1000).toISOString(),
    Parameters: (command.parameters ?? {}) as JsonValue,
    InstanceIds: [...command.instanceIds],
    Targets: [],
    RequestedDateTime: requested.toISOString(),
    Status: 'Pending',
    StatusDetails: 'Pending',
    OutputS3Region: '',
    OutputS3BucketName: '',
    OutputS3KeyPrefix: '',
    MaxConcurrency: '50',
    MaxErrors: '0',
    TargetCount: command.instanceIds.length,
    CompletedCount: 0,
    ErrorCount: 0,
    DeliveryTimedOutCount: 0,
    ServiceRole: '',
    NotificationConfig: {NotificationArn: '', NotificationEvents: [], NotificationType: ''},
    CloudWatchOutputConfig: {CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false},
    TimeoutSeconds: timeout,
    TriggeredAlarms: [],
  }
}

/** GetCommandInvocation's response at `now` (the caller checked visibility). */
export function invocationView(command: SimulatedCommand, instanceId: string, now: number): JsonObject {
  const status = statusAt(command, now)
  const started = status !== 'Pending'
  const ended = started && status !== 'InProgress'
  const elapsed = started ? (ended ? command.endedAt : now) - command.startedAt : 0
  const iso = (ms: number) => new Date(ms).toISOString()
  return {
    CommandId: command.commandId,
    InstanceId: instanceId,
    Comment: command.comment ?? '',
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    PluginName: 'aws:runShellScript',
    ResponseCode: ended ? command.final.responseCode : -1,
    ExecutionStartDateTime: started ? iso(command.startedAt) : '',
    ExecutionElapsedTime: started ? isoDuration(elapsed) : '',
    ExecutionEndDateTime: ended ? iso(command.endedAt) : '',
    Status: status,
    StatusDetails: ended ? command.final.statusDetails : status,
    StandardOutputContent: ended ? command.final.stdout : '',
    StandardOutputUrl: '',
    StandardErrorContent: ended ? command.final.stderr : '',
    StandardErrorUrl: '',
    CloudWatchOutputConfig: {CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false},
  }
}

/** SSM writes elapsed time as an ISO 8601 duration: "PT1H0.271S", "PT28M", "PT0.045S". */
export function isoDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor((ms % 3_600_000) / 60_000)
  const s = (ms % 60_000) / 1000
  const parts = `${h > 0 ? `${h}H` : ''}${m > 0 ? `${m}M` : ''}${s > 0 || (h === 0 && m === 0) ? `${Number(s.toFixed(3))}S` : ''}`
  return `PT${parts}`
}
