// Reads a scenario file (the Step Functions Local mock config plus ae's `ae:` extensions) into a
// checked ScenarioFile. Every problem is collected with the JSON path it sits at, so a broken file
// is reported once, whole, when it is loaded: not hours into a simulated run.
import {AeError, ExitCode} from '../../errors.js'
import type {JsonValue} from '../../asl/types.js'
import {bucketNameProblem} from '../s3/store.js'
import {parseDuration} from './duration.js'
import {parseMockedResponse, type Problems} from './mocked-responses.js'
import type {CommandOutcome, CommandStatus, MockedResponse, S3Effect, S3EffectWhen, ScenarioFile, StateMachineScenarios, TestCase} from './types.js'

export const AE_DURATIONS = 'ae:durations'
export const AE_S3 = 'ae:s3'
export const AE_COMMANDS = 'ae:commands'
export const AE_DEFAULTS = 'ae:defaults'

const WHEN: readonly S3EffectWhen[] = ['success', 'before-failure', 'always']
const COMMAND_STATUSES: readonly CommandStatus[] = ['Success', 'Failed', 'TimedOut', 'Cancelled']

export class ScenarioFileError extends AeError {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, 10).map((p) => `  - ${p}`)
    if (problems.length > shown.length) shown.push(`  - ... and ${problems.length - shown.length} more`)
    super(
      'SCENARIO_FILE_INVALID',
      `${source} is not a valid scenario file:\n${shown.join('\n')}`,
      ExitCode.usage,
      ['Fix the file; its format is the Step Functions Local mock config plus the ae: fields described in src/local/scenarios/README.md.'],
      {problems},
    )
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function collector(): Problems & {list: string[]} {
  const list: string[] = []
  return {list, add: (path, problem) => list.push(`${path}: ${problem}`)}
}

/** Parses an already JSON-decoded scenario file; throws ScenarioFileError listing every problem. */
export function parseScenarioFile(raw: unknown, source: string): ScenarioFile {
  const problems = collector()
  if (!isObject(raw)) throw new ScenarioFileError(source, ['the file must hold an object with StateMachines and MockedResponses'])
  const unknownTop = Object.keys(raw).filter((k) => k !== 'StateMachines' && k !== 'MockedResponses' && k !== '$comment')
  for (const k of unknownTop) problems.add(k, 'unknown top-level field (expected StateMachines and MockedResponses)')

  const mockedResponses: Record<string, MockedResponse> = {}
  const rawResponses = raw.MockedResponses ?? {}
  if (!isObject(rawResponses)) problems.add('MockedResponses', 'must be an object of named mocked responses')
  else {
    for (const [name, value] of Object.entries(rawResponses)) {
      const parsed = parseMockedResponse(name, value, `MockedResponses.${name}`, problems)
      if (parsed !== undefined) mockedResponses[name] = parsed
    }
  }

  const stateMachines: Record<string, StateMachineScenarios> = {}
  if (!isObject(raw.StateMachines)) problems.add('StateMachines', 'must be an object of state machine names')
  else {
    for (const [name, value] of Object.entries(raw.StateMachines)) {
      const path = `StateMachines.${name}`
      if (!isObject(value) || !isObject(value.TestCases)) {
        problems.add(path, 'needs a TestCases object')
        continue
      }
      for (const k of Object.keys(value).filter((k) => k !== 'TestCases' && k !== AE_DEFAULTS && k !== '$comment')) {
        problems.add(`${path}.${k}`, `unknown field (expected TestCases or ${AE_DEFAULTS})`)
      }
      const defaults = value[AE_DEFAULTS] === undefined ? emptyTestCase() : parseTestCase(value[AE_DEFAULTS], `${path}.${AE_DEFAULTS}`, rawResponses, problems)
      const testCases: Record<string, TestCase> = {}
      for (const [caseName, caseValue] of Object.entries(value.TestCases)) {
        testCases[caseName] = parseTestCase(caseValue, `${path}.TestCases.${caseName}`, rawResponses, problems)
      }
      stateMachines[name] = {defaults, testCases}
    }
  }

  if (problems.list.length > 0) throw new ScenarioFileError(source, problems.list)
  return {source, stateMachines, mockedResponses}
}

const emptyTestCase = (): TestCase => ({mocks: {}, durations: {}, s3: {}, commands: {}})

function parseTestCase(raw: unknown, path: string, rawResponses: unknown, problems: Problems): TestCase {
  const testCase = emptyTestCase()
  if (!isObject(raw)) {
    problems.add(path, 'a test case is an object of state name -> mocked response name (plus ae: fields)')
    return testCase
  }
  for (const [key, value] of Object.entries(raw)) {
    const where = `${path}.${key}`
    if (key === AE_DURATIONS) testCase.durations = parseDurations(value, where, problems)
    else if (key === AE_S3) testCase.s3 = parseS3Effects(value, where, problems)
    else if (key === AE_COMMANDS) testCase.commands = parseCommands(value, where, problems)
    else if (key === '$comment') continue
    else if (key.startsWith('ae:')) problems.add(where, `unknown ae: field (known: ${AE_DURATIONS}, ${AE_S3}, ${AE_COMMANDS})`)
    else if (typeof value !== 'string') problems.add(where, 'the value for a state is the name of an entry in MockedResponses')
    else if (!isObject(rawResponses) || !(value in rawResponses)) problems.add(where, `mocked response "${value}" is not defined in MockedResponses`)
    else testCase.mocks[key] = value
  }
  return testCase
}

function parseDurations(raw: unknown, path: string, problems: Problems): Record<string, number> {
  const out: Record<string, number> = {}
  if (!isObject(raw)) {
    problems.add(path, 'must map state names to durations, like {"MorningEnrich": "28m"}')
    return out
  }
  for (const [state, value] of Object.entries(raw)) {
    const parsed = parseDuration(value)
    if (parsed.ok) out[state] = parsed.ms
    else problems.add(`${path}.${state}`, parsed.problem)
  }
  return out
}

function parseS3Effects(raw: unknown, path: string, problems: Problems): Record<string, S3Effect[]> {
  const out: Record<string, S3Effect[]> = {}
  if (!isObject(raw)) {
    problems.add(path, 'must map state names to lists of objects, like {"Research": [{"bucket": "...", "key": "...", "body": {...}}]}')
    return out
  }
  for (const [state, list] of Object.entries(raw)) {
    if (!Array.isArray(list)) {
      problems.add(`${path}.${state}`, 'must be a list of {bucket, key, body, when}')
      continue
    }
    out[state] = list.flatMap((item, i) => {
      const effect = parseS3Effect(item, `${path}.${state}[${i}]`, problems)
      return effect === undefined ? [] : [effect]
    })
  }
  return out
}

function parseS3Effect(raw: unknown, path: string, problems: Problems): S3Effect | undefined {
  if (!isObject(raw)) {
    problems.add(path, 'must be {bucket, key, body, when}')
    return undefined
  }
  let ok = true
  for (const field of ['bucket', 'key'] as const) {
    if (typeof raw[field] !== 'string' || raw[field] === '') {
      problems.add(`${path}.${field}`, 'must be a non-empty string')
      ok = false
    }
  }
  const bucketProblem = typeof raw.bucket === 'string' && raw.bucket !== '' ? bucketNameProblem(raw.bucket) : undefined
  if (bucketProblem !== undefined) {
    problems.add(`${path}.bucket`, bucketProblem)
    ok = false
  }
  const when = raw.when ?? 'success'
  if (!WHEN.includes(when as S3EffectWhen)) {
    problems.add(`${path}.when`, `must be one of ${WHEN.map((w) => `"${w}"`).join(', ')}`)
    ok = false
  }
  for (const k of Object.keys(raw).filter((k) => !['bucket', 'key', 'body', 'when'].includes(k))) problems.add(`${path}.${k}`, 'unknown field (expected bucket, key, body, when)')
  if (!ok) return undefined
  return {bucket: raw.bucket as string, key: raw.key as string, body: (raw.body ?? '') as JsonValue, when: when as S3EffectWhen}
}

function parseCommands(raw: unknown, path: string, problems: Problems): Record<string, CommandOutcome> {
  const out: Record<string, CommandOutcome> = {}
  if (!isObject(raw)) {
    problems.add(path, 'must map sendCommand state names to {status, stderr}')
    return out
  }
  for (const [state, value] of Object.entries(raw)) {
    const where = `${path}.${state}`
    if (!isObject(value) || !COMMAND_STATUSES.includes(value.status as CommandStatus)) {
      problems.add(where, `needs "status": one of ${COMMAND_STATUSES.map((s) => `"${s}"`).join(', ')}`)
      continue
    }
    const outcome: CommandOutcome = {status: value.status as CommandStatus}
    for (const field of ['stderr', 'stdout'] as const) {
      if (value[field] === undefined) continue
      if (typeof value[field] === 'string') outcome[field] = value[field]
      else problems.add(`${where}.${field}`, 'must be a string')
    }
    if (value.responseCode !== undefined) {
      if (Number.isInteger(value.responseCode)) outcome.responseCode = value.responseCode as number
      else problems.add(`${where}.responseCode`, 'must be an integer')
    }
    for (const k of Object.keys(value).filter((k) => !['status', 'stderr', 'stdout', 'responseCode'].includes(k))) {
      problems.add(`${where}.${k}`, 'unknown field (expected status, stderr, stdout, responseCode)')
    }
    out[state] = outcome
  }
  return out
}
