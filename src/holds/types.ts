// What the deploy gate reports: every reason not to deploy, each saying how it is lifted.

export type HoldKind = 'manual' | 'recovery' | 'running-execution' | 'freeze-window' | 'deploy-lock'

export interface Hold {
  kind: HoldKind
  /** The manual hold's id, the execution's name, the rule's name. */
  id?: string
  reason: string
  /** The pipeline held, or "*" for a hold on every pipeline. */
  pipeline: string
  /** How it is lifted, as an instruction to the operator. */
  lift: string
  /** Only a manual hold can be overridden (`--override-hold ID --reason TEXT`). */
  overridable: boolean
  executionArn?: string
  /** When the hold began (placed, started, acquired) and, where known, when it ends by itself. */
  since?: string
  until?: string
}

export interface GateResult {
  clear: boolean
  holds: Hold[]
  /** Things that do not block: a running execution under the "warn" policy, an overridden hold, a stale lock. */
  warnings: string[]
}
