// Execution input for `ae run`: inline JSON or `@file`, always a JSON object, and every `skip_*`
// key checked against the pipeline's gates. A misspelt skip flag is the expensive mistake: the
// gate never sees it, and the workload the operator meant to skip runs (and is paid for) again.
import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import type {JsonObject} from '../asl/types.js'
import {notFoundError, usageError} from '../errors.js'
import {parseJsonText} from '../util/json-parse.js'
import {suggest} from '../util/suggest.js'

export function parseRunInput(text: string | undefined, cwd = process.cwd()): JsonObject {
  if (text === undefined) return {}
  let source = '--input'
  let body = text
  if (text.startsWith('@')) {
    const file = resolve(cwd, text.slice(1))
    source = text.slice(1)
    try {
      body = readFileSync(file, 'utf8')
    } catch {
      throw notFoundError('INPUT_FILE_NOT_FOUND', `input file ${source} cannot be read`, 'Check the path after @, e.g. --input @input.json.')
    }
  }
  const value = parseJsonText(body, source)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw usageError('INPUT_NOT_OBJECT', `${source} must be a JSON object, e.g. {"skip_research": true}`, 'Wrap the input in {...}.')
  }
  return value as JsonObject
}

/** Every `skip_*` key must name a gate's flag; exit 2 with a suggestion otherwise. */
export function checkSkipKeys(input: JsonObject, gateFlags: readonly string[], pipeline: string): void {
  for (const key of Object.keys(input)) {
    if (!key.startsWith('skip_') || gateFlags.includes(key)) continue
    const guess = suggest(key, gateFlags)
    throw usageError(
      'UNKNOWN_SKIP_FLAG',
      `${key} is not a skip gate of ${pipeline}${guess ? `; did you mean ${guess}?` : ''}`,
      `See \`ae pipelines show ${pipeline}\` for its gates and flags.`,
    )
  }
}
