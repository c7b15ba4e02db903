import type {LoadedConfig} from '../config/types.js'
import {getPipeline, listPipelines, resolveConfigPath, type NamedPipeline} from '../config/load.js'
import {loadDefinition} from './load.js'
import {deriveWorkloads} from './workloads.js'

export interface WorkloadRow {
  name: string
  gate: string
  flag: string
  skipTarget: string
  states: string[]
  parent: string | null
}

export interface PipelineView {
  pipeline: string
  stateMachineName: string
  definition: string
  workloads: WorkloadRow[]
}

export function loadPipelineDefinition(loaded: LoadedConfig, pipeline: NamedPipeline, vars: Record<string, string> = {}) {
  return loadDefinition(resolveConfigPath(loaded, pipeline.definition), {...pipeline.substitutions, ...vars})
}

/** The workloads table an operator reads to trust a recovery plan: derived from the ASL, never listed by hand. */
export function describePipeline(loaded: LoadedConfig, name: string): PipelineView {
  const pipeline = getPipeline(loaded, name)
  const {definition, file} = loadPipelineDefinition(loaded, pipeline)
  return {
    pipeline: pipeline.name,
    stateMachineName: pipeline.stateMachineName,
    definition: file,
    workloads: deriveWorkloads(definition).map((w) => ({
      name: w.name,
      gate: w.gate,
      flag: w.flag,
      skipTarget: w.skipTarget,
      states: w.states,
      parent: w.parent,
    })),
  }
}

export function describeAllPipelines(loaded: LoadedConfig) {
  return listPipelines(loaded).map((p) => {
    const view = describePipeline(loaded, p.name)
    return {name: p.name, stateMachineName: p.stateMachineName, definition: p.definition, gates: view.workloads.length, rules: p.rules ?? []}
  })
}
