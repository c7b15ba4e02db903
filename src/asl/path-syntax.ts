// The syntax of JSONPath paths as the States Language uses them: which data a path reads (`$` the
// input, `$$` the Context object, `$name` a variable), and, for a definite path, the steps to walk.
// Parsing happens once per distinct path string; the engine evaluates the same few hundred paths
// over and over, so the parsed form is cached.
import {StatesError} from './states-error.js'

export type PathRoot = 'input' | 'context' | 'variable'

/** One step of a definite path: an object field or an array index (negative counts from the end). */
export type PathStep = string | number

export interface ParsedPath {
  readonly source: string
  readonly root: PathRoot
  /** The variable name when root is 'variable'. */
  readonly variable?: string
  /**
   * The steps of a definite path (one that can only identify a single node, what the spec calls a
   * Reference Path); undefined for an indefinite path (wildcard, filter, slice, union, `..`).
   */
  readonly steps?: readonly PathStep[]
  /** An indefinite path rewritten relative to its root value (always starts with `$`), for jsonpath-plus. */
  readonly query?: string
}

const CACHE_LIMIT = 4096
const cache = new Map<string, ParsedPath>()

/** Parses a path once and caches it; throws StatesError('States.Runtime') when the path is malformed. */
export function parsePath(path: string): ParsedPath {
  const hit = cache.get(path)
  if (hit !== undefined) return hit
  const parsed = parseUncached(path)
  // Definitions hold a bounded set of paths; the limit only guards against callers that build paths
  // from data, which would otherwise grow the cache forever.
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(path, parsed)
  return parsed
}

export function malformed(path: string, why: string): StatesError {
  return new StatesError('States.Runtime', `The path '${path}' is not a valid JSONPath: ${why}`)
}

// A variable name as Assign accepts it: a letter or underscore, then letters, digits, underscores.
const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*/u

function parseUncached(path: string): ParsedPath {
  if (typeof path !== 'string' || !path.startsWith('$')) {
    throw malformed(String(path), "a path must begin with '$'")
  }
  if (path.startsWith('$$')) return parseSteps(path, 'context', undefined, 2)
  const name = VARIABLE_NAME.exec(path.slice(1))
  if (name !== null) return parseSteps(path, 'variable', name[0], 1 + name[0].length)
  return parseSteps(path, 'input', undefined, 1)
}

// Characters that make a path indefinite or are JSONPath operators; in a dot-notation field name
// they must be escaped with a backslash (the spec's `$.foo\@bar.baz\[\[.\?pretty`).
const SPECIAL_IN_NAME = new Set(['@', ',', ':', '?', '*', '(', ')', "'", '"', ' ', '\t', '\n', '\r'])

function parseSteps(source: string, root: PathRoot, variable: string | undefined, start: number): ParsedPath {
  const steps: PathStep[] = []
  let i = start
  const indefinite = (): ParsedPath => ({source, root, variable, query: '$' + source.slice(start)})
  while (i < source.length) {
    const c = source[i]
    if (c === '.') {
      if (source[i + 1] === '.') return indefinite()
      if (source[i + 1] === '*') return indefinite()
      const [name, next] = readDotName(source, i + 1)
      steps.push(name)
      i = next
    } else if (c === '[') {
      const bracket = readBracket(source, i + 1)
      if (bracket === 'indefinite') return indefinite()
      steps.push(bracket.step)
      i = bracket.next
    } else {
      throw malformed(source, `unexpected '${c}' at position ${i}; use '.field', ['field'] or [index]`)
    }
  }
  return {source, root, variable, steps}
}

function readDotName(source: string, start: number): [string, number] {
  let name = ''
  let i = start
  while (i < source.length) {
    const c = source[i] as string
    if (c === '.' || c === '[') break
    if (c === '\\') {
      const escaped = source[i + 1]
      if (escaped === undefined) throw malformed(source, 'it ends with an open escape backslash')
      name += escaped
      i += 2
      continue
    }
    if (SPECIAL_IN_NAME.has(c)) {
      const what = c === '(' || c === ')' ? 'functions are not supported' : `'${c}' must be escaped in a field name`
      throw malformed(source, what)
    }
    name += c
    i++
  }
  if (name === '') throw malformed(source, `empty field name at position ${start}`)
  return [name, i]
}

type Bracket = {step: PathStep; next: number} | 'indefinite'

function readBracket(source: string, start: number): Bracket {
  let i = skipSpaces(source, start)
  const c = source[i]
  if (c === "'" || c === '"') {
    const [name, afterQuote] = readQuoted(source, i, c)
    i = skipSpaces(source, afterQuote)
    if (source[i] === ',') return 'indefinite'
    return {step: name, next: expectClose(source, i)}
  }
  if (c === '*' || c === '?' || c === '(' || c === ':') return 'indefinite'
  const digits = /^-?\d+/.exec(source.slice(i))
  if (digits === null) throw malformed(source, `expected a quoted field name or an index at position ${i}`)
  i = skipSpaces(source, i + digits[0].length)
  if (source[i] === ',' || source[i] === ':') return 'indefinite'
  return {step: Number(digits[0]), next: expectClose(source, i)}
}

function readQuoted(source: string, open: number, quote: string): [string, number] {
  let name = ''
  let i = open + 1
  while (i < source.length) {
    const c = source[i] as string
    if (c === '\\') {
      const escaped = source[i + 1]
      if (escaped === undefined) break
      name += escaped
      i += 2
      continue
    }
    if (c === quote) return [name, i + 1]
    name += c
    i++
  }
  throw malformed(source, `unterminated quoted field name at position ${open}`)
}

function expectClose(source: string, i: number): number {
  if (source[i] !== ']') throw malformed(source, `expected ']' at position ${i}`)
  return i + 1
}

function skipSpaces(source: string, i: number): number {
  while (source[i] === ' ') i++
  return i
}
