// The buckets a config names (the holds bucket, every resume-key bucket). In AWS they exist before
// ae runs; the local endpoint creates them at start so the CLI finds the account as it would.
import type {LoadedConfig} from '../config/types.js'

export function configBuckets(loaded: LoadedConfig): string[] {
  const {config} = loaded
  const buckets = Object.values(config.pipelines).flatMap((p) => (p.resumeKeys ?? []).map((k) => k.bucket))
  if (config.holds) buckets.push(config.holds.bucket)
  return [...new Set(buckets)]
}
