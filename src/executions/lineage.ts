// A recovery execution carries `ae_recovery: {of, root, attempt}` in its input, so a recovery of a
// recovery still knows what the first run finished. The lineage is the chain back to the root.
import type {SFNClient} from '@aws-sdk/client-sfn'
import type {JsonValue} from '../asl/types.js'
import {loadExecutionRecord, type ExecutionRecord} from './record.js'

export interface RecoveryMarker {
  of: string
  root: string
  attempt: number
}

export function recoveryMarkerOf(input: JsonValue): RecoveryMarker | undefined {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return undefined
  const m = input.ae_recovery
  if (!m || typeof m !== 'object' || Array.isArray(m)) return undefined
  const {of, root, attempt} = m
  if (typeof of !== 'string' || typeof root !== 'string' || typeof attempt !== 'number') return undefined
  return {of, root, attempt}
}

/** Oldest first, ending with the source. Ancestors are read without execution data: only outcomes matter. */
export async function loadLineage(sfn: SFNClient, source: ExecutionRecord, maxDepth = 20): Promise<{records: ExecutionRecord[]; calls: number}> {
  const records = [source]
  let calls = 0
  let marker = recoveryMarkerOf(source.input)
  const seen = new Set([source.executionArn])
  while (marker && records.length <= maxDepth && !seen.has(marker.of)) {
    seen.add(marker.of)
    const parent = await loadExecutionRecord(sfn, marker.of, 'none')
    calls += parent.calls
    records.unshift(parent.value)
    marker = recoveryMarkerOf(parent.value.input)
  }
  return {records, calls}
}
