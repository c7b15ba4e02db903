// ValidateStateMachineDefinition: the service's check of a definition without creating anything.
// Problems come back as diagnostics, never as an exception: ERRORs are what CreateStateMachine
// would refuse (the engine's validation; unparsable JSON is one too), WARNINGs are ae's lint
// findings, returned only when the request asks for severity WARNING, as the service returns its
// warnings. The result is FAIL when any ERROR is found; maxResults (default and maximum 100)
// truncates the list and says so.
import type {Input} from '../aws-json/index.js'
import {DEFINITION, members, type SfnContext, STATE_MACHINE_TYPES} from './context.js'
import {checkDefinition, type DefinitionDiagnostic} from './definitions.js'

export function validateStateMachineDefinition(_ctx: SfnContext, input: Input) {
  const m = members(input)
  const definition = m.string('definition', {required: true, ...DEFINITION})
  m.string('type', {enum: STATE_MACHINE_TYPES})
  const severity = m.string('severity', {enum: ['ERROR', 'WARNING']}) ?? 'ERROR'
  const maxResults = m.integer('maxResults', {min: 0, max: 100})
  m.check()
  const checked = checkDefinition(definition!, {warnings: severity === 'WARNING'})
  const all: DefinitionDiagnostic[] = [...checked.errors, ...checked.warnings]
  const limit = maxResults === undefined || maxResults === 0 ? 100 : maxResults
  return {
    result: checked.errors.length > 0 ? 'FAIL' : 'OK',
    diagnostics: all.slice(0, limit),
    truncated: all.length > limit,
  }
}
