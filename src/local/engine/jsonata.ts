// JSONata as Step Functions runs it: `{% expression %}` strings at any depth of a field, the
// reserved `$states` variable ({input, result, errorOutput, context}), workflow variables as `$name`,
// and the functions AWS adds ($partition, $range, $hash, $random, $uuid, $parse). A failure is
// States.QueryEvaluationError naming the field, in AWS's words.
import {createHash, randomUUID} from 'node:crypto'
import jsonata from 'jsonata'
import type {JsonObject, JsonValue} from '../../asl/types.js'
import type {Clock} from './api.js'
import {QueryEvaluationError} from './errors.js'
import {isObject} from './payload.js'

export interface StatesBinding {
  input: JsonValue
  context: JsonValue
  result?: JsonValue
  errorOutput?: JsonValue
}

export interface JsonataScope {
  states: StatesBinding
  variables: JsonObject
  clock: Clock
}

/** A field value AWS evaluates: a string that starts with `{%` and ends with `%}`. */
export const isJsonataExpression = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}')

export const expressionBody = (text: string): string => text.slice(2, -2).trim()

// Guard rails against expressions that never end (recursion, huge ranges): a depth and a time limit.
const OPTIONS = {stack: 400, timeout: 5_000, sequence: 1_000_000}
const CACHE_LIMIT = 2_000
const compiled = new Map<string, jsonata.Expression | Error>()

/** Parses (once) the body of an expression; throws the JSONata syntax error. */
export function compileExpression(body: string): jsonata.Expression {
  let hit = compiled.get(body)
  if (hit === undefined) {
    try {
      hit = jsonata(body, OPTIONS)
    } catch (error) {
      hit = error instanceof Error ? error : new Error(describeJsonataError(error))
    }
    if (compiled.size >= CACHE_LIMIT) compiled.clear()
    compiled.set(body, hit)
  }
  if (hit instanceof Error) throw hit
  return hit
}

/** Evaluates one `{% %}` string. `location` names the field for the error message (`Arguments/Payload`). */
export async function evaluateExpression(text: string, scope: JsonataScope, location: string): Promise<JsonValue> {
  const body = expressionBody(text)
  let expression: jsonata.Expression
  try {
    expression = compileExpression(body)
  } catch (error) {
    throw new QueryEvaluationError(
      `The JSONata expression '${body}' specified for the field '${location}' could not be parsed: ${describeJsonataError(error)}`,
      location,
    )
  }
  let value: unknown
  try {
    value = await expression.evaluate(scope.states.input, bindings(scope))
  } catch (error) {
    throw new QueryEvaluationError(
      `The JSONata expression '${body}' specified for the field '${location}' threw an error during evaluation: ${describeJsonataError(error)}`,
      location,
    )
  }
  if (value === undefined) {
    throw new QueryEvaluationError(`The JSONata expression '${body}' specified for the field '${location}' returned nothing (undefined).`, location)
  }
  const json = toJsonValue(value)
  if (json === undefined) {
    throw new QueryEvaluationError(
      `The JSONata expression '${body}' specified for the field '${location}' returned a value that is not JSON (a function or a non-finite number).`,
      location,
    )
  }
  return json
}

/** Evaluates every `{% %}` string in a value (objects and arrays at any depth); other values are literal. */
export async function evaluateTemplate(value: JsonValue, scope: JsonataScope, location: string): Promise<JsonValue> {
  if (isJsonataExpression(value)) return evaluateExpression(value, scope, location)
  if (Array.isArray(value)) {
    const out: JsonValue[] = []
    for (let i = 0; i < value.length; i++) out.push(await evaluateTemplate(value[i] as JsonValue, scope, `${location}[${i}]`))
    return out
  }
  if (isObject(value)) {
    const out: JsonObject = {}
    for (const [key, member] of Object.entries(value)) {
      const evaluated = await evaluateTemplate(member, scope, location === '' ? key : `${location}/${key}`)
      Object.defineProperty(out, key, {value: evaluated, enumerable: true, writable: true, configurable: true})
    }
    return out
  }
  return value
}

/** A field that must come out as a given type (Items, TimeoutSeconds, Condition...). */
export function unexpectedType(text: string, location: string, expected: string, value: JsonValue): QueryEvaluationError {
  const body = isJsonataExpression(text) ? expressionBody(text) : text
  return new QueryEvaluationError(
    `The JSONata expression '${body}' specified for the field '${location}' returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
    location,
  )
}

export function jsonTypeName(value: JsonValue): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function bindings(scope: JsonataScope): Record<string, unknown> {
  const nowMs = scope.clock.now().getTime()
  return {
    ...scope.variables,
    states: scope.states,
    partition: 'aws',
    now: (picture?: string, timezone?: string) => (picture === undefined && timezone === undefined ? new Date(nowMs).toISOString() : formatMillis(nowMs, picture, timezone)),
    millis: () => nowMs,
    range: awsRange,
    hash: awsHash,
    random: awsRandom,
    uuid: () => randomUUID(),
    parse: awsParse,
  }
}

let fromMillis: jsonata.Expression | undefined

function formatMillis(ms: number, picture?: string, timezone?: string): Promise<string> {
  fromMillis ??= jsonata('$fromMillis(ms, picture, tz)')
  return fromMillis.evaluate({}, {ms, picture, tz: timezone}) as Promise<string>
}

function awsRange(start: unknown, end: unknown, step: unknown = 1): number[] {
  if (![start, end, step].every((n) => typeof n === 'number' && Number.isInteger(n))) throw new Error('$range takes integer start, end and step')
  const [a, b, s] = [start, end, step] as [number, number, number]
  if (s === 0) throw new Error('$range step must not be 0')
  const out: number[] = []
  for (let n = a; s > 0 ? n <= b : n >= b; n += s) {
    out.push(n)
    if (out.length > 1_000_000) throw new Error('$range would produce more than 1000000 items')
  }
  return out
}

const HASHES: Record<string, string> = {MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512'}

function awsHash(data: unknown, algorithm: unknown): string {
  const alg = typeof algorithm === 'string' ? HASHES[algorithm] : undefined
  if (typeof data !== 'string') throw new Error('$hash takes a string to hash')
  if (alg === undefined) throw new Error(`$hash algorithm must be one of ${Object.keys(HASHES).join(', ')}`)
  return createHash(alg).update(data, 'utf8').digest('hex')
}

function awsRandom(seed?: unknown): number {
  if (seed === undefined) return Math.random()
  // A seeded value must repeat for the same seed: a small deterministic generator (mulberry32).
  let t = (Number(seed) | 0) + 0x6d2b79f5
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

function awsParse(text: unknown): unknown {
  if (typeof text !== 'string') throw new Error('$parse takes a JSON string')
  return JSON.parse(text)
}

/** JSONata values to JSON: sequences become arrays, undefined members vanish; functions do not convert. */
function toJsonValue(value: unknown, depth = 0): JsonValue | undefined {
  if (depth > 512) return undefined
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (Array.isArray(value)) {
    const out: JsonValue[] = []
    for (const item of value) {
      if (item === undefined) continue
      const converted = toJsonValue(item, depth + 1)
      if (converted === undefined) return undefined
      out.push(converted)
    }
    return out
  }
  if (typeof value === 'object') {
    const out: JsonObject = {}
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      if (member === undefined) continue
      const converted = toJsonValue(member, depth + 1)
      if (converted === undefined) return undefined
      Object.defineProperty(out, key, {value: converted, enumerable: true, writable: true, configurable: true})
    }
    return out
  }
  return undefined
}

function describeJsonataError(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const e = error as {code?: unknown; message?: unknown}
    const message = typeof e.message === 'string' ? e.message : JSON.stringify(error)
    return typeof e.code === 'string' ? `${e.code}: ${message}` : message
  }
  return String(error)
}
