// Rerun with skip flags, or native RedriveExecution? Redrive restarts the failed states in place and
// reruns only failed Parallel branches, so it can re-run less than any flag set; but when the
// failure went through a Catch or a Choice into a Fail state, redrive restarts at the Fail state
// and only fails again, so it is never offered then.
import type {Timeline} from '../executions/timeline.js'
import type {Decision} from './decide.js'

export type Strategy = 'rerun' | 'redrive'

export interface RedriveOption {
  eligible: boolean
  reason: string
  /** Workloads a redrive would run: the source's failed and never-reached ones. */
  reruns: string[]
}

export function redriveOption(source: {redriveStatus?: string; redriveStatusReason?: string; timeline: Timeline}): RedriveOption {
  const t = source.timeline
  const reruns = t.workloads.filter((r) => r.outcome === 'failed' || r.outcome === 'not-run').map((r) => r.workload)
  if (source.redriveStatus !== 'REDRIVABLE') return {eligible: false, reason: `not redrivable${source.redriveStatusReason ? `: ${source.redriveStatusReason}` : ''}`, reruns}
  const last = t.log.visits.at(-1)
  if (last?.type === 'Fail') return {eligible: false, reason: `the failure ended in the Fail state ${last.name}; a redrive would restart there and fail again`, reruns}
  return {eligible: true, reason: `the failure at ${t.failure?.state ?? last?.name ?? 'the failed state'} was not caught`, reruns}
}

export function chooseStrategy(requested: 'auto' | Strategy, redrive: RedriveOption, decisions: Map<string, Decision>): {strategy: Strategy; reason: string} {
  const rerunSet = new Set([...decisions.values()].filter((d) => d.decision === 'run').map((d) => d.workload))
  const strictlyLess = redrive.reruns.every((w) => rerunSet.has(w)) && redrive.reruns.length < rerunSet.size
  if (requested === 'rerun') return {strategy: 'rerun', reason: 'requested with --strategy rerun'}
  if (requested === 'redrive') return {strategy: 'redrive', reason: 'requested with --strategy redrive'}
  if (redrive.eligible && strictlyLess) return {strategy: 'redrive', reason: `redrive re-runs ${redrive.reruns.length} workload(s) against ${rerunSet.size} for a rerun`}
  return {strategy: 'rerun', reason: redrive.eligible ? 'redrive would not re-run less than the skip flags' : `redrive not offered: ${redrive.reason}`}
}
