// Writes a scenario's `ae:s3` objects into the local S3 store: what a workload persists as it runs
// (Research's per-team resume keys, the predictor's weights manifest), so recovery evidence can be
// checked against the store exactly as against S3.
import type {JsonValue} from '../../asl/types.js'
import type {S3Store} from '../s3/store.js'
import type {S3Effect} from '../scenarios/types.js'

export type EffectPhase = 'success' | 'failure'

const applies = (effect: S3Effect, phase: EffectPhase): boolean =>
  effect.when === 'always' || (phase === 'success' ? effect.when === 'success' : effect.when === 'before-failure')

export const fillRunDate = (text: string, runDate: string): string => text.replaceAll('{run_date}', runDate)

function fillStrings(value: JsonValue, runDate: string): JsonValue {
  if (typeof value === 'string') return fillRunDate(value, runDate)
  if (Array.isArray(value)) return value.map((v) => fillStrings(v, runDate))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillStrings(v, runDate)]))
  }
  return value
}

/**
 * Writes the effects that apply to `phase`; returns the `bucket/key`s written. The bucket is
 * created when missing: the workload writes to a bucket that exists in its account, and a scenario
 * should not have to set up the store first.
 */
export function applyS3Effects(store: S3Store, effects: readonly S3Effect[], phase: EffectPhase, runDate: string): string[] {
  const written: string[] = []
  for (const effect of effects) {
    if (!applies(effect, phase)) continue
    const key = fillRunDate(effect.key, runDate)
    const body = fillStrings(effect.body, runDate)
    const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2)
    if (store.headBucket(effect.bucket) === undefined) store.createBucket(effect.bucket)
    store.putObject(effect.bucket, key, Buffer.from(text, 'utf8'), typeof body === 'string' ? {} : {contentType: 'application/json'})
    written.push(`${effect.bucket}/${key}`)
  }
  return written
}
