// The shape of ae.config.json; schemas/ae-config.schema.json is the contract users validate against.
import type {JsonObject} from '../asl/types.js'

export interface ResumeKeySpec {
  workload: string
  bucket: string
  key: string
  each?: Record<string, string[]>
  role: 'completion' | 'progress'
}

export interface PipelineConfig {
  stateMachineName: string
  definition: string
  roleArn?: string
  substitutions?: Record<string, string>
  runDate?: {state?: string; field?: string}
  resumeKeys?: ResumeKeySpec[]
  rules?: string[]
  shellRunRule?: string
}

export interface HoldsConfig {
  bucket: string
  prefix: string
  lockKey: string
  lockTtlMinutes: number
  otherRunningExecutions: 'block' | 'warn'
  freezeMinutes: number
}

export interface RecoveryConfig {
  nameTemplate: string
  extraInput: JsonObject
  quarantineMarker: string
  evidenceConcurrency: number
}

export interface AeConfig {
  allowedAccountIds: string[]
  rulesFile?: string
  pipelines: Record<string, PipelineConfig>
  holds?: HoldsConfig
  recovery: RecoveryConfig
}

export type ConfigSource = 'flag' | 'env' | 'cwd' | 'shipped'

export interface LoadedConfig {
  config: AeConfig
  /** The file it came from; relative paths inside it resolve against its directory. */
  path: string
  baseDir: string
  source: ConfigSource
}
