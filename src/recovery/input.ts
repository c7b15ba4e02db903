// The recovery execution's input and name. The input is the source's input with its old skip flags
// and recovery marker removed, the run date pinned, the plan's flags, the lineage marker and any
// configured extra input. The name comes from a template, so two operators racing start one.
import type {JsonObject, JsonValue} from '../asl/types.js'
import type {RecoveryMarker} from '../executions/lineage.js'

export interface InputParts {
  sourceInput: JsonValue
  runDate: string
  runDateField: string
  /** Every gate flag of the pipeline: stale ones from an earlier recovery are dropped. */
  gateFlags: readonly string[]
  skipFlags: Record<string, true>
  marker: RecoveryMarker & {requestId: string}
  extraInput: JsonObject
}

export function buildRecoveryInput(p: InputParts): JsonObject {
  const base: JsonObject = p.sourceInput && typeof p.sourceInput === 'object' && !Array.isArray(p.sourceInput) ? {...p.sourceInput} : {}
  for (const flag of p.gateFlags) delete base[flag]
  delete base.ae_recovery
  return {
    ...base,
    [p.runDateField]: p.runDate,
    ...p.skipFlags,
    ...p.extraInput,
    ae_recovery: {of: p.marker.of, root: p.marker.root, attempt: p.marker.attempt, requestId: p.marker.requestId},
  }
}

export function recoveryName(template: string, runDate: string, attempt: number): string {
  return template.replaceAll('{run_date}', runDate).replaceAll('{attempt}', String(attempt)).replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80)
}
