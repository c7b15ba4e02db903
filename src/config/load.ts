import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {notFoundError, usageError} from '../errors.js'
import {packageRoot} from '../util/package-root.js'
import {parseJsonText} from '../util/json-parse.js'
import type {AeConfig, ConfigSource, LoadedConfig, PipelineConfig} from './types.js'
import {validateConfigDocument} from './validate.js'

export const SHIPPED_CONFIG = join(packageRoot, 'src', 'config', 'default-config.json')

export interface ConfigLookup {
  flag?: string
  env?: NodeJS.ProcessEnv
  cwd?: string
}

/** Lookup order: --config, AE_CONFIG, ./ae.config.json, then the config shipped with ae. */
export function locateConfig({flag, env = process.env, cwd = process.cwd()}: ConfigLookup): {path: string; source: ConfigSource} {
  if (flag) {
    const path = resolve(cwd, flag)
    if (!existsSync(path)) throw usageError('CONFIG_NOT_FOUND', `config file ${flag} does not exist`, 'Check the --config path, or drop --config to use ./ae.config.json or the shipped config.')
    return {path, source: 'flag'}
  }
  if (env.AE_CONFIG) {
    const path = resolve(cwd, env.AE_CONFIG)
    if (!existsSync(path)) throw usageError('CONFIG_NOT_FOUND', `config file ${env.AE_CONFIG} (from AE_CONFIG) does not exist`, 'Fix or unset AE_CONFIG.')
    return {path, source: 'env'}
  }
  const local = join(cwd, 'ae.config.json')
  if (existsSync(local)) return {path: local, source: 'cwd'}
  return {path: SHIPPED_CONFIG, source: 'shipped'}
}

export function loadConfig(lookup: ConfigLookup = {}): LoadedConfig {
  const {path, source} = locateConfig(lookup)
  const doc = parseJsonText(readFileSync(path, 'utf8'), path)
  const config = withDefaults(validateConfigDocument(doc, path))
  // The shipped config names files inside the package; a user's config names files next to it.
  const baseDir = source === 'shipped' ? packageRoot : dirname(path)
  return {config, path, baseDir, source}
}

function withDefaults(raw: AeConfig): AeConfig {
  const recovery = (raw.recovery ?? {}) as Partial<AeConfig['recovery']>
  return {
    ...raw,
    allowedAccountIds: raw.allowedAccountIds ?? [],
    holds: raw.holds && {
      ...raw.holds,
      prefix: raw.holds.prefix ?? 'ae/holds/',
      lockKey: raw.holds.lockKey ?? 'ae/locks/deploy.json',
      lockTtlMinutes: raw.holds.lockTtlMinutes ?? 30,
      otherRunningExecutions: raw.holds.otherRunningExecutions ?? 'block',
      freezeMinutes: raw.holds.freezeMinutes ?? 30,
    },
    recovery: {
      nameTemplate: recovery.nameTemplate ?? 'recover-{run_date}-{attempt}',
      extraInput: recovery.extraInput ?? {},
      quarantineMarker: recovery.quarantineMarker ?? '[DRY-RUN',
      evidenceConcurrency: recovery.evidenceConcurrency ?? 32,
    },
  }
}

export interface NamedPipeline extends PipelineConfig {
  name: string
}

export function getPipeline(loaded: LoadedConfig, name: string): NamedPipeline {
  const pipeline = loaded.config.pipelines[name]
  if (!pipeline) {
    const known = Object.keys(loaded.config.pipelines)
    throw notFoundError('PIPELINE_NOT_FOUND', `no pipeline named ${name} in ${loaded.path}`, `Known pipelines: ${known.join(', ')}. See \`ae pipelines list\`.`)
  }
  return {name, ...pipeline}
}

export const listPipelines = (loaded: LoadedConfig): NamedPipeline[] =>
  Object.entries(loaded.config.pipelines).map(([name, p]) => ({name, ...p}))

export const resolveConfigPath = (loaded: LoadedConfig, relative: string) => resolve(loaded.baseDir, relative)
