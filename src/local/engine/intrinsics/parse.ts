// Tokenizer and recursive-descent parser for intrinsic expressions (States Language spec,
// "Intrinsic Functions"): a name, then arguments in parentheses separated by commas. Arguments are
// 'quoted strings' (escapes \' \{ \} \\ only), numbers, true, false, null, paths and nested calls.
// Which names exist and how many arguments they take is checked later, against the function table.
import type {CallArgument, IntrinsicArgument, IntrinsicCall, StringArgument} from './ast.js'
import {IntrinsicError} from './errors.js'

type Token =
  | {type: '(' | ')' | ',' | 'end'; at: number}
  | {type: 'name'; text: string; at: number}
  | {type: 'string'; arg: StringArgument; at: number}
  | {type: 'number'; value: number; at: number}
  | {type: 'path'; text: string; at: number}

const NAME = /[A-Za-z_][A-Za-z0-9_.]*/y
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
const ESCAPABLE = new Set(["'", '{', '}', '\\'])

export function parseIntrinsic(expression: string): IntrinsicCall {
  const parser = new Parser(tokenize(expression))
  const call = parser.call()
  parser.expectEnd()
  return call
}

class Parser {
  private index = 0

  constructor(private readonly tokens: Token[]) {}

  call(): IntrinsicCall {
    const name = this.next()
    if (name.type !== 'name') throw unexpected(name, 'a function name')
    this.expect('(')
    const args: IntrinsicArgument[] = []
    if (this.peek().type === ')') {
      this.next()
      return {name: name.text, args}
    }
    for (;;) {
      args.push(this.argument())
      const separator = this.next()
      if (separator.type === ')') return {name: name.text, args}
      if (separator.type !== ',') throw unexpected(separator, "',' or ')'")
    }
  }

  expectEnd(): void {
    const token = this.next()
    if (token.type !== 'end') throw unexpected(token, 'the end of the expression')
  }

  private argument(): IntrinsicArgument {
    const token = this.peek()
    switch (token.type) {
      case 'string':
        this.next()
        return token.arg
      case 'number':
        this.next()
        return {kind: 'literal', value: token.value}
      case 'path':
        this.next()
        return {kind: 'path', path: token.text}
      case 'name':
        if (token.text === 'true' || token.text === 'false') {
          this.next()
          return {kind: 'literal', value: token.text === 'true'}
        }
        if (token.text === 'null') {
          this.next()
          return {kind: 'literal', value: null}
        }
        return {kind: 'call', call: this.call()} satisfies CallArgument
      default:
        throw unexpected(token, 'an argument')
    }
  }

  private expect(type: '(' | ')' | ','): void {
    const token = this.next()
    if (token.type !== type) throw unexpected(token, `'${type}'`)
  }

  private peek(): Token {
    // The token list always ends with an 'end' token, which is never consumed past.
    return this.tokens[Math.min(this.index, this.tokens.length - 1)] as Token
  }

  private next(): Token {
    const token = this.peek()
    if (token.type !== 'end') this.index++
    return token
  }
}

function unexpected(token: Token, wanted: string): IntrinsicError {
  const found = token.type === 'end' ? 'the end of the expression' : describe(token)
  return new IntrinsicError(`expected ${wanted} at position ${token.at} but found ${found}`)
}

function describe(token: Token): string {
  switch (token.type) {
    case 'name':
      return `'${token.text}'`
    case 'string':
      return 'a string'
    case 'number':
      return `the number ${token.value}`
    case 'path':
      return `the path '${token.text}'`
    default:
      return `'${token.type}'`
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  while (at < source.length) {
    const char = source[at] as string
    if (/\s/.test(char)) {
      at++
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({type: char, at})
      at++
    } else if (char === "'") {
      const {arg, end} = readString(source, at)
      tokens.push({type: 'string', arg, at})
      at = end
    } else if (char === '$') {
      const {text, end} = readPath(source, at)
      tokens.push({type: 'path', text, at})
      at = end
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      const text = match(NUMBER, source, at)
      if (text === undefined) throw new IntrinsicError(`invalid number at position ${at}`)
      tokens.push({type: 'number', value: Number(text) + 0, at})
      at += text.length
    } else {
      const text = match(NAME, source, at)
      if (text === undefined) throw new IntrinsicError(`unexpected character '${char}' at position ${at}`)
      tokens.push({type: 'name', text, at})
      at += text.length
    }
  }
  tokens.push({type: 'end', at: source.length})
  return tokens
}

function match(pattern: RegExp, source: string, at: number): string | undefined {
  pattern.lastIndex = at
  return pattern.exec(source)?.[0]
}

/** Reads 'text' starting at the opening quote; returns the argument and the offset after the closing quote. */
function readString(source: string, start: number): {arg: StringArgument; end: number} {
  let value = ''
  const placeholders: number[] = []
  let at = start + 1
  while (at < source.length) {
    const char = source[at] as string
    if (char === "'") return {arg: {kind: 'string', value, placeholders}, end: at + 1}
    if (char === '\\') {
      const escaped = source[at + 1]
      if (escaped === undefined || !ESCAPABLE.has(escaped)) {
        throw new IntrinsicError(`open escape '\\' at position ${at}: only \\' \\{ \\} and \\\\ are allowed`)
      }
      value += escaped
      at += 2
    } else if (char === '{' && source[at + 1] === '}') {
      placeholders.push(value.length)
      value += '{}'
      at += 2
    } else {
      value += char
      at++
    }
  }
  throw new IntrinsicError(`unterminated string starting at position ${start}`)
}

/**
 * A path runs until a ',' or ')' or whitespace outside brackets, so `$['a, b']`, `$[0]` and
 * filters such as `$[?(@.x == 1)]` stay one token; paths.ts decides whether it is a valid path.
 * The developer guide writes bracketed steps of intrinsic arguments with a dot before them
 * (`$.abc.['def ghi']`); JSONPath has no dot there, so it is dropped (a `..` is left alone).
 */
function readPath(source: string, start: number): {text: string; end: number} {
  let text = ''
  let depth = 0
  let quote: string | undefined
  let at = start
  for (; at < source.length; at++) {
    const char = source[at] as string
    if (quote !== undefined) {
      if (char === '\\') {
        text += char + (source[at + 1] ?? '')
        at++
        continue
      }
      if (char === quote) quote = undefined
    } else if (depth > 0 && (char === "'" || char === '"')) {
      quote = char
    } else if (char === '[') {
      depth++
    } else if (char === ']') {
      if (depth === 0) throw new IntrinsicError(`unbalanced ']' in a path at position ${at}`)
      depth--
    } else if (depth === 0 && (char === ',' || char === ')' || /\s/.test(char))) {
      break
    } else if (depth === 0 && char === '.' && source[at + 1] === '[' && source[at - 1] !== '.') {
      continue
    }
    text += char
  }
  if (depth > 0 || quote !== undefined) throw new IntrinsicError(`unterminated path starting at position ${start}`)
  return {text, end: at}
}
