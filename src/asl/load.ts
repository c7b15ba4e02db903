import {readFileSync} from 'node:fs'
import {notFoundError, usageError} from '../errors.js'
import {parseJsonText} from '../util/json-parse.js'
import type {JsonValue, StateMachineDefinition} from './types.js'

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

export interface LoadedDefinition {
  file: string
  /** The definition with every ${Var} replaced. */
  definition: StateMachineDefinition
  /** The variables the file uses, in order of first use. */
  variables: string[]
}

export function readDefinitionFile(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw notFoundError('DEFINITION_NOT_FOUND', `definition file ${file} does not exist`, 'Check the path, or run `ae validate` with no arguments for the shipped definitions.')
    throw usageError('DEFINITION_UNREADABLE', `cannot read ${file}: ${(error as Error).message}`, 'Check the file permissions.')
  }
}

/**
 * Loads a definition and renders its `${Var}` substitutions (inside JSON strings, as CloudFormation's
 * DefinitionSubstitutions and the CDK do for ARNs). An unresolved variable is an error: deploying
 * a literal "${ResearchFunctionArn}" would fail only when the state runs, hours in.
 */
export function loadDefinition(file: string, substitutions: Record<string, string> = {}): LoadedDefinition {
  return renderDefinitionText(readDefinitionFile(file), file, substitutions)
}

export function renderDefinitionText(text: string, file: string, substitutions: Record<string, string> = {}): LoadedDefinition {
  const parsed = parseJsonText(text, file)
  assertAslShape(parsed, file)
  const variables: string[] = []
  const missing: string[] = []
  const rendered = mapStrings(parsed as unknown as JsonValue, (s) =>
    s.replace(PLACEHOLDER, (whole, name: string) => {
      if (!variables.includes(name)) variables.push(name)
      const value = substitutions[name]
      if (value === undefined) {
        if (!missing.includes(name)) missing.push(name)
        return whole
      }
      return value
    }),
  )
  if (missing.length > 0) {
    const names = missing.map((n) => '${' + n + '}').join(', ')
    throw usageError(
      'UNRESOLVED_VARIABLE',
      `${file}: unresolved substitution ${names}`,
      `Add ${missing.length === 1 ? 'it' : 'them'} to the pipeline's "substitutions" in the config, or pass --var ${missing[0]}=VALUE.`,
    )
  }
  return {file, definition: rendered as unknown as StateMachineDefinition, variables}
}

/** Variables a definition text uses, without rendering (for `ae diff` and lint of raw files). */
export function definitionVariables(value: JsonValue): string[] {
  const found = new Set<string>()
  mapStrings(value, (s) => {
    for (const m of s.matchAll(PLACEHOLDER)) found.add(m[1]!)
    return s
  })
  return [...found]
}

function mapStrings(value: JsonValue, f: (s: string) => string): JsonValue {
  if (typeof value === 'string') return f(value)
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f))
  if (value && typeof value === 'object') {
    const out: Record<string, JsonValue> = {}
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f)
    return out
  }
  return value
}

function assertAslShape(doc: unknown, file: string): asserts doc is StateMachineDefinition {
  const d = doc as Record<string, unknown> | null
  const ok = d !== null && typeof d === 'object' && !Array.isArray(d) && typeof d.StartAt === 'string' && d.States !== null && typeof d.States === 'object' && !Array.isArray(d.States)
  if (!ok) {
    throw usageError('NOT_ASL', `${file}: not an Amazon States Language definition (it needs a "StartAt" string and a "States" object)`, 'Pass a state machine definition file (*.asl.json).')
  }
}
