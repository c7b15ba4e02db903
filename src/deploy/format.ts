// Human rendering of a deploy plan and its result: the diff per pipeline (like a change set), the
// rules sync, the gate. The JSON form is `planSummary`: everything but the rendered definitions.
import {formatGate} from '../holds/format.js'
import type {ApplyResult} from './deploy.js'
import {formatDiff} from './diff.js'
import type {DeployPlan, PipelinePlan} from './plan.js'

export function formatPipelinePlan(p: PipelinePlan): string {
  const lines = [formatDiff(p.diff, `${p.pipeline} (${p.stateMachineName})`)]
  for (const w of p.validationWarnings) lines.push(`  warning: ${w}`)
  for (const r of p.rules) {
    const head = `  rule ${r.name} [${r.state}]: ${r.action}`
    lines.push(r.changes.length > 0 && r.action !== 'create' ? `${head}: ${r.changes.join('; ')}` : head)
    for (const n of r.notes) lines.push(`      ${n}`)
  }
  return lines.join('\n')
}

export function formatPlan(plan: DeployPlan, options: {gate?: boolean} = {}): string {
  const parts = plan.pipelines.map(formatPipelinePlan)
  if (options.gate !== false) parts.push(formatGate(plan.gate, plan.pipelines.map((p) => p.pipeline)))
  return parts.join('\n\n')
}

export function formatResult(result: ApplyResult): string {
  const lines = result.pipelines.map((p) => `${p.pipeline}: ${p.action}${p.versionArn ? ` (${p.versionArn})` : ''}, definition sha256 ${p.definitionSha256.slice(0, 12)}, git ${p.gitSha.slice(0, 12)}`)
  if (result.overridden.length > 0) lines.push(`overrode hold(s) ${result.overridden.join(', ')} (recorded on each hold)`)
  if (result.lock.broke) lines.push(`broke a stale lock held by ${result.lock.broke.holder} since ${result.lock.broke.acquiredAt}`)
  for (const w of result.warnings) lines.push(`warning: ${w}`)
  return lines.join('\n')
}

/** The plan for --json: no definition texts, which can be hundreds of kilobytes. */
export function planSummary(plan: DeployPlan) {
  return {
    account: plan.target.account,
    region: plan.target.region,
    changes: plan.changes,
    pipelines: plan.pipelines.map((p) => ({
      pipeline: p.pipeline,
      stateMachineName: p.stateMachineName,
      stateMachineArn: p.stateMachineArn,
      action: p.action,
      definitionSha256: p.rendered.sha256,
      diff: p.diff,
      rules: p.rules.map(({rule: _rule, ...r}) => r),
      warnings: p.validationWarnings,
      lintWarnings: p.rendered.diagnostics.length,
    })),
    gate: {clear: plan.gate.clear, holds: plan.gate.holds, warnings: plan.gate.warnings},
  }
}
