// `ae status`: per pipeline, is it deployed and is the live definition the shipped one, what is
// running, how the last runs went, and the shell-run rule's state and next firing.
import {DescribeRuleCommand, type EventBridgeClient} from '@aws-sdk/client-eventbridge'
import {DescribeStateMachineCommand, ListExecutionsCommand, type SFNClient} from '@aws-sdk/client-sfn'
import {isDeepStrictEqual} from 'node:util'
import {mapAwsError} from '../aws/errors.js'
import type {NamedPipeline} from '../config/load.js'
import type {StateMachineDefinition} from '../asl/types.js'
import {nextFirings, parseSchedule} from '../schedule/index.js'

export interface RuleStatus {
  name: string
  state: string | null
  scheduleExpression?: string
  nextFiring?: string | null
}

export interface PipelineStatus {
  pipeline: string
  stateMachineName: string
  deployed: boolean
  /** Live definition equals the shipped one, rendered with the config's substitutions. */
  definitionMatches: boolean | null
  running: Array<{name: string; executionArn: string; startDate?: string}>
  recent: Array<{name: string; status: string; startDate?: string; durationMs?: number}>
  shellRunRule: RuleStatus | null
}

export async function pipelineStatus(clients: {sfn: SFNClient; events: EventBridgeClient}, pipeline: NamedPipeline, stateMachineArn: string, shipped: StateMachineDefinition, now: Date): Promise<PipelineStatus> {
  const base = {pipeline: pipeline.name, stateMachineName: pipeline.stateMachineName}
  let live: StateMachineDefinition
  try {
    const sm = await clients.sfn.send(new DescribeStateMachineCommand({stateMachineArn}))
    live = JSON.parse(sm.definition ?? '{}') as StateMachineDefinition
  } catch (error) {
    const mapped = mapAwsError(error, 'DescribeStateMachine')
    if (mapped.exitCode !== 4) throw mapped
    return {...base, deployed: false, definitionMatches: null, running: [], recent: [], shellRunRule: await ruleStatus(clients.events, pipeline.shellRunRule, now)}
  }
  const [running, recent] = await Promise.all([
    clients.sfn.send(new ListExecutionsCommand({stateMachineArn, statusFilter: 'RUNNING', maxResults: 100})),
    clients.sfn.send(new ListExecutionsCommand({stateMachineArn, maxResults: 5})),
  ])
  return {
    ...base,
    deployed: true,
    definitionMatches: isDeepStrictEqual(live, shipped),
    running: (running.executions ?? []).map((e) => ({name: e.name ?? '', executionArn: e.executionArn ?? '', startDate: e.startDate?.toISOString()})),
    recent: (recent.executions ?? []).map((e) => ({
      name: e.name ?? '',
      status: e.status ?? '',
      startDate: e.startDate?.toISOString(),
      ...(e.startDate && e.stopDate ? {durationMs: e.stopDate.getTime() - e.startDate.getTime()} : {}),
    })),
    shellRunRule: await ruleStatus(clients.events, pipeline.shellRunRule, now),
  }
}

async function ruleStatus(events: EventBridgeClient, name: string | undefined, now: Date): Promise<RuleStatus | null> {
  if (!name) return null
  try {
    const r = await events.send(new DescribeRuleCommand({Name: name}))
    const schedule = r.ScheduleExpression
    let next: string | null = null
    if (schedule && r.State === 'ENABLED') {
      const parsed = parseSchedule(schedule)
      next = parsed.kind === 'cron' ? (nextFirings(parsed, now, 1)[0]?.toISOString() ?? null) : null
    }
    return {name, state: r.State ?? null, scheduleExpression: schedule, nextFiring: next}
  } catch (error) {
    const mapped = mapAwsError(error, 'DescribeRule')
    if (mapped.exitCode !== 4) throw mapped
    return {name, state: null}
  }
}
