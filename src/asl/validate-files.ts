import {resolve} from 'node:path'
import type {LoadedConfig} from '../config/types.js'
import {listPipelines, resolveConfigPath} from '../config/load.js'
import {loadDefinition} from './load.js'
import {lintDefinition} from './lint.js'

export type Diagnostic = ReturnType<typeof lintDefinition>[number]

export interface ValidationTarget {
  file: string
  pipeline: string | null
  substitutions: Record<string, string>
}

export interface FileReport {
  file: string
  pipeline: string | null
  errors: number
  warnings: number
  diagnostics: Diagnostic[]
}

/**
 * What `ae validate` checks: the named files, or every configured pipeline's definition. A file that
 * is a configured pipeline's definition is rendered with that pipeline's substitutions; `vars`
 * (from --var) win over both.
 */
export function validationTargets(loaded: LoadedConfig, files: string[], vars: Record<string, string>, cwd = process.cwd()): ValidationTarget[] {
  const pipelines = listPipelines(loaded).map((p) => ({name: p.name, file: resolveConfigPath(loaded, p.definition), substitutions: p.substitutions ?? {}}))
  if (files.length === 0) return pipelines.map((p) => ({file: p.file, pipeline: p.name, substitutions: {...p.substitutions, ...vars}}))
  return files.map((f) => {
    const file = resolve(cwd, f)
    const owner = pipelines.find((p) => p.file === file)
    return {file, pipeline: owner?.name ?? null, substitutions: {...owner?.substitutions, ...vars}}
  })
}

/** Loads, renders and lints each target. Loading errors (bad JSON, unresolved ${Var}) throw: they are bad input. */
export function validateTargets(targets: ValidationTarget[]): FileReport[] {
  return targets.map((t) => {
    const {definition} = loadDefinition(t.file, t.substitutions)
    const diagnostics = lintDefinition(definition)
    return {
      file: t.file,
      pipeline: t.pipeline,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
      diagnostics,
    }
  })
}
