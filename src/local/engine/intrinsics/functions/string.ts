// States.Format, States.StringSplit and States.UUID.
import {randomUUID} from 'node:crypto'
import type {JsonValue} from '../../../../asl/types.js'
import type {IntrinsicArgument} from '../ast.js'
import {IntrinsicError} from '../errors.js'
import {isObject, stringArg} from '../values.js'

/**
 * `{}` placeholders are taken from the template as written: in a quoted template, `\{` and `\}`
 * were escapes and are literal braces; a template read from a path has no escapes, so every `{}`
 * in it is a placeholder.
 */
export function format(args: JsonValue[], written: readonly IntrinsicArgument[]): JsonValue {
  const fn = 'States.Format'
  const template = stringArg(fn, args, 0)
  const first = written[0]
  const placeholders = first?.kind === 'string' ? first.placeholders : placeholderOffsets(template)
  const values = args.slice(1)
  if (placeholders.length !== values.length) {
    throw new IntrinsicError(
      `${fn} has ${placeholders.length} placeholder(s) '{}' in its template but ${values.length} value argument(s)`,
    )
  }
  let result = ''
  let from = 0
  placeholders.forEach((offset, i) => {
    result += template.slice(from, offset) + formatValue(values[i] as JsonValue)
    from = offset + 2
  })
  return result + template.slice(from)
}

function placeholderOffsets(template: string): number[] {
  const offsets: number[] = []
  for (let at = template.indexOf('{}'); at !== -1; at = template.indexOf('{}', at + 2)) offsets.push(at)
  return offsets
}

/**
 * How the service renders a value inside States.Format. Strings go in raw. Objects and arrays
 * are NOT written as JSON: results recorded from Step Functions show Java's collection
 * rendering, `{"Arg1": 1, "Arg2": []}` becoming `{Arg1=1, Arg2=[]}` and the Context object's
 * StateMachine becoming `{Id=arn:..., Name=...}`.
 */
export function formatValue(value: JsonValue): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`
  if (isObject(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}=${formatValue(item)}`)
      .join(', ')}}`
  }
  return JSON.stringify(value)
}

/**
 * Splits on every character of the delimiter and drops empty pieces, as the service does:
 * `",,,,"` split on `","` is `[]`, `"This.is+a,test=string"` split on `".+,="` is five words.
 */
export function stringSplit(args: JsonValue[]): JsonValue {
  const fn = 'States.StringSplit'
  const text = stringArg(fn, args, 0)
  const delimiters = new Set(stringArg(fn, args, 1))
  const pieces: string[] = []
  let piece = ''
  for (const char of text) {
    if (delimiters.has(char)) {
      if (piece !== '') pieces.push(piece)
      piece = ''
    } else {
      piece += char
    }
  }
  if (piece !== '') pieces.push(piece)
  return pieces
}

export function uuid(): JsonValue {
  return randomUUID()
}
