// Human rendering of the shell-run rule: its State, schedule, target and next firings.
import type {RuleView, ShellRunStatus} from './actions.js'

export function formatRule(view: RuleView): string {
  const lines = [`${view.rule} (${view.pipeline}): ${view.state}`, `  schedule: ${view.schedule ?? '(none)'}`]
  for (const t of view.targets) lines.push(`  target ${t.id ?? '?'}: ${t.arn ?? '?'} input ${t.input ?? '(none)'}`)
  if (view.firings.length > 0) {
    lines.push(view.state === 'ENABLED' ? '  next firings:' : '  would fire (if enabled):')
    for (const f of view.firings) lines.push(`    ${f.utc}  (${f.local}, in ${f.inMinutes} min)`)
  }
  for (const w of view.warnings) lines.push(`  warning: ${w}`)
  return lines.join('\n')
}

export function formatStatus(status: ShellRunStatus): string {
  const lines = [formatRule(status)]
  const r = status.lastRun
  lines.push(r ? `  last shell run: ${r.name} ${r.status}${r.startDate ? ` (started ${r.startDate})` : ''}${r.error ? `: ${r.error}` : ''}` : '  last shell run: none found')
  for (const p of status.problems) lines.push(`  problem: ${p}`)
  return lines.join('\n')
}
