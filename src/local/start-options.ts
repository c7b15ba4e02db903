// What `ae local start` is asked for, checked and turned into endpoint options. Every bad value is
// a usage error (exit 2) on one line, found before anything listens: a runbook that starts the
// endpoint with a typo must fail at once, not serve something else.
import {accessSync, constants, statSync} from 'node:fs'
import {resolve} from 'node:path'
import type {LoadedConfig} from '../config/types.js'
import {isAeError, usageError} from '../errors.js'
import {configBuckets} from './config-buckets.js'
import type {LocalEndpointOptions} from './endpoint.js'
import {loadScenarioFile} from './scenarios/index.js'

/** The flags as the command parsed them: numbers that oclif cannot type (fractions) arrive as text. */
export interface LocalStartRequest {
  port: number
  dataDir?: string
  scenarios?: string
  timeScale?: string
  throttleRate?: string
  errorRate?: string
  latencyMs?: number
  seed?: number
  region?: string
}

export const DEFAULT_LOCAL_PORT = 4566

const HELP = 'See `ae local start --help` for the flags.'

export function localStartOptions(request: LocalStartRequest, loaded: LoadedConfig, cwd = process.cwd()): LocalEndpointOptions {
  if (!Number.isInteger(request.port) || request.port < 0 || request.port > 65535) {
    throw usageError('INVALID_PORT', `--port must be an integer from 0 to 65535 (0: any free port), not ${request.port}`, HELP)
  }
  const timeScale = numberFlag('--time-scale', request.timeScale, 0, Number.POSITIVE_INFINITY) ?? 0
  const throttleRate = numberFlag('--throttle-rate', request.throttleRate, 0, 1)
  const errorRate = numberFlag('--error-rate', request.errorRate, 0, 1)
  if ((throttleRate ?? 0) + (errorRate ?? 0) > 1) {
    throw usageError('INVALID_FAULT_RATES', `--throttle-rate plus --error-rate is ${(throttleRate ?? 0) + (errorRate ?? 0)}; together they can fail at most every request (1)`, HELP)
  }
  if (request.latencyMs !== undefined && (!Number.isInteger(request.latencyMs) || request.latencyMs < 0)) {
    throw usageError('INVALID_LATENCY', `--latency-ms must be a whole number of milliseconds, 0 or more, not ${request.latencyMs}`, HELP)
  }
  const scenariosFile = request.scenarios === undefined ? undefined : checkScenarios(resolve(cwd, request.scenarios))
  const dataDir = request.dataDir === undefined ? undefined : checkDataDir(resolve(cwd, request.dataDir))
  const faults = {
    ...(throttleRate === undefined ? {} : {throttleRate}),
    ...(errorRate === undefined ? {} : {errorRate}),
    ...(request.latencyMs === undefined ? {} : {latencyMs: request.latencyMs}),
    ...(request.seed === undefined ? {} : {seed: request.seed}),
  }
  return {
    port: request.port,
    timeScale,
    buckets: configBuckets(loaded),
    ...(request.region === undefined ? {} : {region: request.region}),
    ...(dataDir === undefined ? {} : {dataDir}),
    ...(scenariosFile === undefined ? {} : {scenariosFile}),
    ...(Object.keys(faults).length === 0 ? {} : {faults}),
  }
}

function numberFlag(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const value = text.trim() === '' ? Number.NaN : Number(text)
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `a number, ${min} or more` : `a number from ${min} to ${max}`
    throw usageError('INVALID_FLAG_VALUE', `${flag} must be ${range}, not ${JSON.stringify(text)}`, HELP)
  }
  return value
}

/** A scenario file that cannot be read is one line and exit 2; one that reads but is wrong lists its problems. */
function checkScenarios(path: string): string {
  try {
    loadScenarioFile(path)
  } catch (error) {
    if (isAeError(error) && error.code !== 'SCENARIO_FILE_NOT_FOUND' && error.code !== 'SCENARIO_FILE_UNREADABLE') throw error
    const why = isAeError(error) && error.code === 'SCENARIO_FILE_NOT_FOUND' ? 'it does not exist' : firstLine(error).replace(`cannot read ${path}: `, '')
    throw usageError('SCENARIO_FILE_UNREADABLE', `--scenarios ${path}: cannot read it: ${why}`, 'Check the path, or leave --scenarios out to use the scenarios ae ships.')
  }
  return path
}

/** A data dir may not exist yet (the endpoint creates it), but a file in its place is a mistake. */
function checkDataDir(path: string): string {
  let isDir: boolean
  try {
    isDir = statSync(path).isDirectory()
  } catch {
    return path
  }
  if (!isDir) throw usageError('INVALID_DATA_DIR', `--data-dir ${path} is a file, not a directory`, 'Name a directory (it is created when missing).')
  try {
    accessSync(path, constants.W_OK)
  } catch {
    throw usageError('INVALID_DATA_DIR', `--data-dir ${path} is not writable`, 'Name a directory you can write to.')
  }
  return path
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
