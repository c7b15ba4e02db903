// `ae executions show` for people: the status line, the failure first, then workloads and branches.
import type {ExecutionView} from '../executions/view.js'
import {formatDuration} from './duration.js'
import {renderTable} from './table.js'

export function renderExecution(v: ExecutionView): string {
  const lines = [
    `${v.name} (${v.pipeline ?? 'not a configured pipeline'}): ${v.status}`,
    `  ARN:      ${v.executionArn}`,
    `  Run date: ${v.runDate} (${v.runDateDetail})`,
    `  Started:  ${v.startDate ?? '-'}   Stopped: ${v.stopDate ?? '-'}   Took: ${formatDuration(v.durationMs)}${v.redriveCount ? `   Redriven: ${v.redriveCount}x` : ''}`,
  ]
  if (v.lineage.length > 1) lines.push(`  Lineage:  ${v.lineage.map((l) => `${l.executionArn.split(':').pop()} (${l.status})`).join(' -> ')}`)
  if (v.failure) lines.push('', `Failed at ${v.failure.state}: ${v.failure.error}`, ...(v.failure.cause ? [`  ${v.failure.cause.slice(0, 500)}`] : []))
  lines.push(
    '',
    renderTable(
      ['WORKLOAD', 'OUTCOME', 'TOOK', 'ATTEMPTS', 'DETAIL'],
      v.workloads.map((w) => [w.workload, w.outcome, formatDuration(w.durationMs), w.attempts ? String(w.attempts) : '', w.failure ? `${w.failure.state}: ${w.failure.error}` : '']),
    ),
  )
  if (v.branches.length) {
    lines.push('', renderTable(['PARALLEL', 'BRANCH', 'STARTS AT', 'ENDED IN', 'RECORDED'], v.branches.map((b) => [b.parallel, String(b.branch), b.startAt, b.terminal ?? '-', b.status])))
  }
  return lines.join('\n')
}
