// Reading scenario files from disk: a user's file, or the one ae ships (loaded by default).
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {notFoundError, usageError} from '../../errors.js'
import {packageRoot} from '../../util/package-root.js'
import {parseJsonText} from '../../util/json-parse.js'
import {parseScenarioFile} from './parse.js'
import type {ScenarioFile} from './types.js'

export const SHIPPED_SCENARIOS = join(packageRoot, 'src', 'local', 'scenarios', 'shipped.json')

export function loadScenarioFile(path: string): ScenarioFile {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw notFoundError('SCENARIO_FILE_NOT_FOUND', `scenario file ${path} does not exist`, 'Check the path, or leave it out to use the scenarios ae ships.')
    }
    throw usageError('SCENARIO_FILE_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`, 'Check the file permissions.')
  }
  return parseScenarioFile(parseJsonText(text, path), path)
}

let shipped: ScenarioFile | undefined

/** The scenarios shipped with ae (parsed once per process). */
export function loadShippedScenarios(): ScenarioFile {
  shipped ??= loadScenarioFile(SHIPPED_SCENARIOS)
  return shipped
}
