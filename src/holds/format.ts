// Human rendering of the gate and of manual holds. Plain text: it is pasted into incident notes.
import {renderTable} from '../ui/table.js'
import type {ListedHold} from './manual-holds.js'
import type {GateResult} from './types.js'

export function formatGate(gate: Pick<GateResult, 'clear' | 'holds' | 'warnings'>, pipelines: string[]): string {
  const lines = [gate.clear ? `Deploy gate: clear for ${pipelines.join(', ')}` : `Deploy gate: HELD for ${pipelines.join(', ')} (${gate.holds.length} hold(s))`]
  for (const h of gate.holds) {
    lines.push(`  [${h.kind}]${h.id ? ` ${h.id}` : ''} (${h.pipeline}): ${h.reason}`)
    lines.push(`      lift: ${h.lift}${h.overridable ? '' : ' (not overridable)'}`)
  }
  for (const w of gate.warnings) lines.push(`  warning: ${w}`)
  return lines.join('\n')
}

export function formatHolds(holds: ListedHold[], all: boolean): string {
  if (holds.length === 0) return all ? 'No holds.' : 'No active holds.'
  const rows = holds.map((h) => {
    const release = h.records.find((r) => r.type === 'release')
    const overrides = h.records.filter((r) => r.type === 'override').length
    const note = release ? `released by ${release.by} at ${release.at}: ${release.reason}` : h.expiresAt ? `expires ${h.expiresAt}` : ''
    return [h.id, h.status, h.pipelines.join(',') || '*', h.placedBy, h.placedAt, String(overrides), `${h.reason}${note ? ` (${note})` : ''}`]
  })
  return renderTable(['ID', 'STATUS', 'PIPELINES', 'PLACED BY', 'PLACED AT', 'OVERRIDES', 'REASON'], rows)
}
