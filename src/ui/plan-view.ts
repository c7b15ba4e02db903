// The recovery plan as an operator reads it before saying yes: what is skipped and why, what runs
// and why, what is paid again, what it saves, and the exact input that will be started.
import type {RecoveryPlan} from '../recovery/plan.js'
import {formatDuration} from './duration.js'
import {renderTable} from './table.js'

export function renderPlan(plan: RecoveryPlan): string {
  const s = plan.source
  const lines = [
    `Recovery plan for ${s.pipeline}, run date ${s.runDate} (${s.runDateDetail})`,
    `Source:  ${s.executionArn} (${s.status})`,
    `Lineage: ${plan.lineage.length === 1 ? 'the original run' : plan.lineage.map((a) => a.split(':').pop()).join(' -> ')}`,
    '',
    renderTable(
      ['DECISION', 'WORKLOAD', 'FLAG', 'OUTCOME', 'TOOK', 'EVIDENCE', 'REASON'],
      plan.workloads.map((w) => [
        plan.unavoidable.some((u) => u.workload === w.name) ? 'run!' : w.decision,
        w.name,
        plan.skipFlags[w.flag] ? `${w.flag}=true` : w.flag,
        w.outcome,
        formatDuration(w.durationMs),
        w.evidenceVerdict === 'none' ? '-' : `${w.evidenceVerdict} (${w.evidenceSummary})`,
        w.reason,
      ]),
    ),
    '',
  ]
  if (plan.unavoidable.length) {
    lines.push('Unavoidable (completed, but no flag skips it alone):')
    for (const u of plan.unavoidable) lines.push(`  ${u.workload} (${formatDuration(u.durationMs)}): ${u.reason}`)
  }
  lines.push(`Strategy: ${plan.strategy} (${plan.strategyReason})`)
  lines.push(`Saves:    ${formatDuration(plan.savedMs)} of compute already done${plan.repeatedMs ? `; pays ${formatDuration(plan.repeatedMs)} again` : ''}`)
  for (const w of plan.warnings) lines.push(`Warning:  ${w}`)
  for (const b of plan.blocked) {
    lines.push(`Blocked:  ${b.message}`)
    for (const k of b.keys ?? []) lines.push(`          ${k}`)
    if (b.command) lines.push(`          delete with: ${b.command}`)
  }
  if (plan.strategy === 'rerun') {
    lines.push('', `Execution: ${plan.executionName}`, 'Input:', JSON.stringify(plan.input, null, 2))
  } else {
    lines.push('', `Redrive of ${s.executionArn}`)
  }
  return lines.join('\n')
}
