// S3 resume keys as evidence of what finished. Pure: key expansion and the verdict per workload;
// the S3 reads live in evidence-check.ts.
import type {ResumeKeySpec} from '../config/types.js'
import type {Outcome} from '../executions/outcomes.js'

export interface KeyProbe {
  workload: string
  bucket: string
  key: string
  role: 'completion' | 'progress'
}

export interface KeyResult extends KeyProbe {
  present: boolean
  /** Content carries the quarantine marker: a dry-run stub that must never be reused as real. */
  poisoned: boolean
  /** Present but not JSON: a re-run must not resume from it. */
  corrupt: boolean
}

export type Verdict = 'confirm' | 'contradict' | 'rescue' | 'partial' | 'poisoned' | 'none'

export interface WorkloadEvidence {
  workload: string
  verdict: Verdict
  keys: KeyResult[]
  /** e.g. "4 of 6 progress keys present". */
  summary: string
}

/** Every key to check for a run date: templates expanded over their `each` lists (cartesian). */
export function expandResumeKeys(specs: readonly ResumeKeySpec[], runDate: string): KeyProbe[] {
  const probes: KeyProbe[] = []
  for (const spec of specs) {
    let keys = [spec.key.replaceAll('{run_date}', runDate)]
    for (const [name, values] of Object.entries(spec.each ?? {})) {
      keys = keys.flatMap((k) => values.map((v) => k.replaceAll(`{${name}}`, v)))
    }
    for (const key of keys) probes.push({workload: spec.workload, bucket: spec.bucket, key, role: spec.role})
  }
  return probes
}

/**
 * Reads the keys of one workload against its outcome in the lineage. Completion keys prove the
 * work persisted; progress keys say how far a partial run got.
 */
export function judgeEvidence(workload: string, outcome: Outcome, keys: KeyResult[]): WorkloadEvidence {
  const completion = keys.filter((k) => k.role === 'completion')
  const progress = keys.filter((k) => k.role === 'progress')
  const usable = (k: KeyResult) => k.present && !k.corrupt && !k.poisoned
  const summary = [
    completion.length ? `${completion.filter(usable).length} of ${completion.length} completion keys` : '',
    progress.length ? `${progress.filter(usable).length} of ${progress.length} progress keys` : '',
  ]
    .filter(Boolean)
    .join(', ')
  const verdictOf = (): Verdict => {
    if (keys.some((k) => k.poisoned)) return 'poisoned'
    const proven = completion.length > 0 && completion.every(usable)
    const progressed = progress.filter(usable).length
    if (outcome === 'completed' || outcome === 'degraded') {
      if (completion.length > 0) return proven ? 'confirm' : 'contradict'
      return progress.length > 0 && progressed === progress.length ? 'confirm' : 'none'
    }
    if (outcome === 'failed' && proven) return 'rescue'
    return progressed > 0 ? 'partial' : 'none'
  }
  return {workload, verdict: verdictOf(), keys, summary: summary || 'no resume keys configured'}
}
