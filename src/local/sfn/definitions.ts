// Reading and checking definitions the way the service does on CreateStateMachine,
// UpdateStateMachine and ValidateStateMachineDefinition. Problems come out as the service's
// diagnostics ({severity, code, message, location}); the engine's own validation decides what is
// an ERROR (what AWS would refuse); its warnings and ae's lint findings (what ae's deploy would
// object to) are WARNINGs.
import {buildGraph, ROOT_SCOPE, type StateGraph} from '../../asl/graph.js'
import {lintDefinition, type Diagnostic} from '../../asl/lint.js'
import type {StateMachineDefinition} from '../../asl/types.js'
import {validateDefinition} from '../engine/index.js'

export type Severity = 'ERROR' | 'WARNING'

export interface DefinitionDiagnostic {
  severity: Severity
  code: string
  message: string
  location?: string
}

export type ParsedDefinition = {ok: true; definition: StateMachineDefinition} | {ok: false; diagnostic: DefinitionDiagnostic}

/** The definition text as JSON. Unparsable text is INVALID_JSON_DESCRIPTION, as the service names it. */
export function parseDefinition(text: string): ParsedDefinition {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    return {ok: false, diagnostic: {severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: e instanceof Error ? e.message : String(e)}}
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {ok: false, diagnostic: {severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'The definition must be a JSON object.', location: '/'}}
  }
  return {ok: true, definition: parsed as StateMachineDefinition}
}

export interface CheckedDefinition {
  definition?: StateMachineDefinition
  errors: DefinitionDiagnostic[]
  /** Only when asked for, and only for a definition without errors: the engine's warnings and ae's lint findings. */
  warnings: DefinitionDiagnostic[]
}

export function checkDefinition(text: string, options: {warnings?: boolean} = {}): CheckedDefinition {
  const parsed = parseDefinition(text)
  if (!parsed.ok) return {errors: [parsed.diagnostic], warnings: []}
  const definition = parsed.definition
  const {errors, warnings} = engineFindings(definition)
  if (errors.length > 0 || !options.warnings) return {definition, errors, warnings: []}
  return {definition, errors, warnings: [...warnings, ...lintWarnings(definition, buildGraph(definition))]}
}

/** The message InvalidDefinition carries: every error as `CODE: message at location`, as AWS joins them. */
export function describeErrors(errors: readonly DefinitionDiagnostic[]): string {
  return errors.map((e) => `${e.code}: ${e.message}${e.location === undefined ? '' : ` at ${e.location}`}`).join(', ')
}

type EngineDiagnostic = ReturnType<typeof validateDefinition>[number]

/** The engine's findings: its ERRORs are what the service refuses; its WARNINGs (a DISTRIBUTED Map run inline) are advice. */
function engineFindings(definition: StateMachineDefinition): {errors: DefinitionDiagnostic[]; warnings: DefinitionDiagnostic[]} {
  let found: EngineDiagnostic[]
  try {
    found = validateDefinition(definition)
  } catch (e) {
    return {errors: [{severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: e instanceof Error ? e.message : String(e)}], warnings: []}
  }
  const errors: DefinitionDiagnostic[] = []
  const warnings: DefinitionDiagnostic[] = []
  for (const d of found) {
    const out: DefinitionDiagnostic = {severity: d.severity === 'WARNING' ? 'WARNING' : 'ERROR', code: d.code, message: d.message}
    if (d.location !== undefined) out.location = d.location
    ;(out.severity === 'ERROR' ? errors : warnings).push(out)
  }
  return {errors, warnings}
}

function lintWarnings(definition: StateMachineDefinition, graph: StateGraph): DefinitionDiagnostic[] {
  let diagnostics: Diagnostic[]
  try {
    diagnostics = lintDefinition(definition, {graph})
  } catch {
    // Lint is advice; a definition the engine accepts but lint cannot read gets no advice.
    return []
  }
  return diagnostics.map((d) => fromLint(d, graph, 'WARNING'))
}

function fromLint(d: Diagnostic, graph: StateGraph, severity: Severity): DefinitionDiagnostic {
  const out: DefinitionDiagnostic = {severity, code: d.id, message: d.message}
  const location = locationOf(graph, d.scope ?? ROOT_SCOPE, d.state)
  if (location !== undefined) out.location = location
  return out
}

/** The JSON Pointer of a state, as the service's diagnostics locate it: `/States/P/Branches/0/States/X`. */
function locationOf(graph: StateGraph, scopeId: string, state: string | undefined): string | undefined {
  const scope = scopeId === ROOT_SCOPE ? '' : scopePath(graph, scopeId)
  if (scope === undefined) return undefined
  return state === undefined ? scope || '/' : `${scope}/States/${escapePointer(state)}`
}

function scopePath(graph: StateGraph, scopeId: string): string | undefined {
  const scope = graph.scopes.get(scopeId)
  if (scope === undefined || scope.parent === null) return scopeId === ROOT_SCOPE ? '' : undefined
  const parentPath = scope.parent.scope === ROOT_SCOPE ? '' : scopePath(graph, scope.parent.scope)
  if (parentPath === undefined) return undefined
  const holder = `${parentPath}/States/${escapePointer(scope.parent.state)}`
  if (scope.kind === 'items') {
    const state = graph.scopes.get(scope.parent.scope)?.states.get(scope.parent.state)?.state as unknown as Record<string, unknown> | undefined
    return `${holder}/${state?.ItemProcessor === undefined ? 'Iterator' : 'ItemProcessor'}`
  }
  const index = /\/(\d+)(#\d+)?$/.exec(scopeId)?.[1]
  return index === undefined ? holder : `${holder}/Branches/${index}`
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')
