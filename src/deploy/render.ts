// The first deploy step: what would be shipped for a pipeline, rendered with its substitutions
// (and --var), linted, and hashed. Pure apart from reading the files.
import {lintDefinition, type Diagnostic} from '../asl/lint.js'
import {loadPipelineDefinition} from '../asl/pipeline-view.js'
import type {StateMachineDefinition} from '../asl/types.js'
import {getPipeline} from '../config/load.js'
import type {LoadedConfig} from '../config/types.js'
import {usageError} from '../errors.js'
import {rulesOfPipeline, type RuleSpec} from './rules-file.js'
import {sha256} from './version.js'

export interface RenderedRule {
  name: string
  description?: string
  scheduleExpression: string
  state: 'ENABLED' | 'DISABLED'
  target: {id: string; pipeline: string; roleArn?: string; input?: string}
}

export interface RenderedPipeline {
  pipeline: string
  stateMachineName: string
  roleArn?: string
  file: string
  definition: StateMachineDefinition
  /** The exact text sent to Step Functions; its hash is what the tags and version carry. */
  text: string
  sha256: string
  diagnostics: Diagnostic[]
  rules: RenderedRule[]
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/** `${Var}` substitution in one string (a role ARN in the config or the rules file). */
export function renderString(text: string, substitutions: Record<string, string>, where: string): string {
  const missing: string[] = []
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = substitutions[name]
    if (v === undefined) missing.push(name)
    return v ?? whole
  })
  if (missing.length > 0) {
    throw usageError('UNRESOLVED_VARIABLE', `${where}: unresolved substitution ${missing.map((n) => '${' + n + '}').join(', ')}`, `Add it to the pipeline's "substitutions" in the config, or pass --var ${missing[0]}=VALUE.`)
  }
  return out
}

export function renderPipeline(loaded: LoadedConfig, name: string, rules: RuleSpec[], vars: Record<string, string> = {}): RenderedPipeline {
  const pipeline = getPipeline(loaded, name)
  const subs = {...pipeline.substitutions, ...vars}
  const {definition, file} = loadPipelineDefinition(loaded, pipeline, vars)
  const text = JSON.stringify(definition, null, 2)
  return {
    pipeline: name,
    stateMachineName: pipeline.stateMachineName,
    ...(pipeline.roleArn ? {roleArn: renderString(pipeline.roleArn, subs, `pipeline ${name} roleArn`)} : {}),
    file,
    definition,
    text,
    sha256: sha256(text),
    diagnostics: lintDefinition(definition),
    rules: rulesOfPipeline(rules, name).map((r) => renderRule(r, subs)),
  }
}

function renderRule(rule: RuleSpec, subs: Record<string, string>): RenderedRule {
  const target: RenderedRule['target'] = {id: rule.target.id, pipeline: rule.target.pipeline}
  if (rule.target.roleArn) target.roleArn = renderString(rule.target.roleArn, subs, `rule ${rule.name} target roleArn`)
  if (rule.target.input !== undefined) target.input = JSON.stringify(rule.target.input)
  return {
    name: rule.name,
    ...(rule.description ? {description: rule.description} : {}),
    scheduleExpression: rule.scheduleExpression,
    state: rule.state,
    target,
  }
}
