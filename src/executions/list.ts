// `ae executions list`: executions of the configured pipelines, newest first, paged until the
// limit or the --since horizon is reached (ListExecutions is newest first, so paging stops early).
import {ListExecutionsCommand, type ExecutionStatus, type SFNClient} from '@aws-sdk/client-sfn'
import {mapAwsError} from '../aws/errors.js'
import type {NamedPipeline} from '../config/load.js'
import {usageError} from '../errors.js'

export interface ListedExecution {
  pipeline: string
  name: string
  executionArn: string
  status: string
  startDate?: string
  stopDate?: string
  durationMs?: number
  redriveCount?: number
}

export const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const

/** "7d", "12h", "30m" -> milliseconds. */
export function parseSince(since: string): number {
  const m = /^(\d+)\s*(m|h|d|w)$/.exec(since.trim())
  if (!m) throw usageError('BAD_SINCE', `--since ${since} is not a duration like 30m, 12h, 7d or 2w`, 'Use a number followed by m, h, d or w.')
  return Number(m[1]) * {m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000}[m[2] as 'm' | 'h' | 'd' | 'w']
}

export async function listExecutions(
  sfn: SFNClient,
  pipelines: Array<{pipeline: NamedPipeline; stateMachineArn: string}>,
  options: {status?: string; sinceMs?: number; limit: number; now?: Date},
): Promise<{executions: ListedExecution[]; notDeployed: string[]}> {
  const horizon = options.sinceMs !== undefined ? (options.now ?? new Date()).getTime() - options.sinceMs : -Infinity
  const out: ListedExecution[] = []
  const notDeployed: string[] = []
  for (const {pipeline, stateMachineArn} of pipelines) {
    let token: string | undefined
    let count = 0
    do {
      let page
      try {
        page = await sfn.send(new ListExecutionsCommand({stateMachineArn, maxResults: Math.min(1000, options.limit), nextToken: token, ...(options.status ? {statusFilter: options.status as ExecutionStatus} : {})}))
      } catch (error) {
        const mapped = mapAwsError(error, `ListExecutions ${pipeline.name}`)
        if (mapped.exitCode === 4) {
          notDeployed.push(pipeline.name)
          break
        }
        throw mapped
      }
      let pastHorizon = false
      for (const e of page.executions ?? []) {
        if ((e.startDate?.getTime() ?? 0) < horizon) {
          pastHorizon = true
          break
        }
        out.push({
          pipeline: pipeline.name,
          name: e.name ?? '',
          executionArn: e.executionArn ?? '',
          status: e.status ?? 'UNKNOWN',
          startDate: e.startDate?.toISOString(),
          stopDate: e.stopDate?.toISOString(),
          ...(e.startDate && e.stopDate ? {durationMs: e.stopDate.getTime() - e.startDate.getTime()} : {}),
          ...(e.redriveCount ? {redriveCount: e.redriveCount} : {}),
        })
        if (++count >= options.limit) break
      }
      token = pastHorizon || count >= options.limit ? undefined : page.nextToken
    } while (token)
  }
  out.sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''))
  return {executions: out.slice(0, options.limit), notDeployed}
}
