// What each workload's state is across the lineage: the newest execution that actually ran it
// decides. A workload skipped by a recovery keeps the outcome of the run that did it; one that
// completed and later failed again is failed (its artifacts may be half rewritten).
import type {Outcome, WorkloadRun} from '../executions/outcomes.js'

export interface LineageRun {
  executionArn: string
  runs: WorkloadRun[]
}

export interface LineageOutcome {
  workload: string
  outcome: Outcome
  /** The execution whose run decided the outcome. */
  decidedBy?: string
  /** The workload's outcome in each execution, oldest first. */
  history: Array<{executionArn: string; outcome: Outcome}>
  /** Duration of the run that decided it (what skipping it saves). */
  durationMs?: number
  failure?: WorkloadRun['failure']
}

export function lineageOutcomes(lineage: readonly LineageRun[], workloadNames: readonly string[]): Map<string, LineageOutcome> {
  const result = new Map<string, LineageOutcome>()
  for (const name of workloadNames) {
    const entry: LineageOutcome = {workload: name, outcome: 'not-run', history: []}
    for (const execution of lineage) {
      const run = execution.runs.find((r) => r.workload === name)
      const outcome: Outcome = run?.outcome ?? 'not-run'
      entry.history.push({executionArn: execution.executionArn, outcome})
      if (outcome === 'skipped' || outcome === 'not-run') continue
      entry.outcome = outcome
      entry.decidedBy = execution.executionArn
      entry.durationMs = run?.durationMs
      entry.failure = run?.failure
    }
    result.set(name, entry)
  }
  return result
}
