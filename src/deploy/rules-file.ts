// The EventBridge rules file (asl/rules.json): the schedule rules ae ships beside the definitions,
// each naming the pipeline it starts.
import {existsSync, readFileSync} from 'node:fs'
import {resolveConfigPath} from '../config/load.js'
import type {LoadedConfig} from '../config/types.js'
import type {JsonValue} from '../asl/types.js'
import {notFoundError, usageError} from '../errors.js'
import {parseJsonText} from '../util/json-parse.js'

export interface RuleSpec {
  name: string
  description?: string
  scheduleExpression: string
  state: 'ENABLED' | 'DISABLED'
  target: {id: string; pipeline: string; roleArn?: string; input?: JsonValue}
}

export function loadRules(loaded: LoadedConfig): RuleSpec[] {
  if (!loaded.config.rulesFile) return []
  const file = resolveConfigPath(loaded, loaded.config.rulesFile)
  if (!existsSync(file)) throw notFoundError('RULES_FILE_NOT_FOUND', `rules file ${file} does not exist`, 'Fix "rulesFile" in ae.config.json, or remove it to ship no rules.')
  const doc = parseJsonText(readFileSync(file, 'utf8'), file) as {rules?: unknown}
  if (!doc || !Array.isArray(doc.rules)) throw usageError('BAD_RULES_FILE', `${file}: expected {"rules": [...]}`, 'See asl/rules.json for the shape.')
  return doc.rules.map((r, i) => checkRule(r, `${file}: rules[${i}]`))
}

function checkRule(raw: unknown, at: string): RuleSpec {
  const r = raw as Partial<RuleSpec> | null
  const bad = (what: string) => usageError('BAD_RULES_FILE', `${at}: ${what}`, 'Each rule needs name, scheduleExpression, state (ENABLED|DISABLED) and target {id, pipeline}.')
  if (!r || typeof r !== 'object') throw bad('not an object')
  if (typeof r.name !== 'string' || !r.name) throw bad('"name" must be a string')
  if (typeof r.scheduleExpression !== 'string') throw bad('"scheduleExpression" must be a string')
  if (r.state !== 'ENABLED' && r.state !== 'DISABLED') throw bad('"state" must be ENABLED or DISABLED')
  const t = r.target
  if (!t || typeof t !== 'object' || typeof t.id !== 'string' || typeof t.pipeline !== 'string') throw bad('"target" needs "id" and "pipeline" strings')
  return r as RuleSpec
}

export const rulesOfPipeline = (rules: RuleSpec[], pipeline: string) => rules.filter((r) => r.target.pipeline === pipeline)
