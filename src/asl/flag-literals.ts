// Which input flags a Pass state writes, read statically from the definition: literal keys of its
// Result/Parameters, and JSON text given to States.StringToJson as an intrinsic string literal
// (the `States.JsonMerge(States.StringToJson('{...}'), $, false)` defaults layering). Nothing is
// evaluated: a flag computed from a path is invisible here.
import type {JsonValue} from './types.js'

const isRecord = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v)

// Intrinsic string literals escape the reserved characters ' { } \ with a backslash.
const INTRINSIC_ESCAPABLE = new Set(["'", '{', '}', '\\'])

/**
 * The decoded string literals passed to `States.StringToJson(...)` in an intrinsic expression, in
 * order. An unterminated literal is ignored.
 */
export function stringToJsonLiterals(expression: string): string[] {
  const out: string[] = []
  const call = /States\.StringToJson\(\s*'/g
  for (let m = call.exec(expression); m !== null; m = call.exec(expression)) {
    let i = m.index + m[0].length
    let text = ''
    let closed = false
    while (i < expression.length) {
      const c = expression[i] as string
      const next = expression[i + 1]
      if (c === '\\' && next !== undefined && INTRINSIC_ESCAPABLE.has(next)) {
        text += next
        i += 2
      } else if (c === "'") {
        closed = true
        break
      } else {
        text += c
        i += 1
      }
    }
    if (closed) out.push(text)
    call.lastIndex = i + 1
  }
  return out
}

/**
 * The flags a payload writes, keyed by flag name, with the literal value written. Walks literal
 * objects at any depth, and for `.$` keys the JSON inside StringToJson literals (an unparsable
 * literal is skipped). The first value seen for a flag wins, as it would in a left-to-right
 * JsonMerge of the same literals.
 */
export function flagAssignments(payload: JsonValue | undefined, flagPattern: RegExp): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>()
  const visit = (value: JsonValue | undefined, evaluated: boolean): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, evaluated)
      return
    }
    if (typeof value === 'string' && evaluated) {
      for (const literal of stringToJsonLiterals(value)) {
        try {
          visit(JSON.parse(literal) as JsonValue, false)
        } catch {
          // A malformed literal fails at run time in AWS; nothing to read here.
        }
      }
      return
    }
    if (!isRecord(value)) return
    for (const [key, v] of Object.entries(value)) {
      if (key.endsWith('.$')) {
        visit(v, true)
        continue
      }
      if (flagPattern.test(key) && !out.has(key)) out.set(key, v)
      visit(v, false)
    }
  }
  visit(payload, false)
  return out
}
