// The syntax tree of one intrinsic expression, as parse.ts produces it. Plain data, so a parsed
// expression can be cached and evaluated any number of times against different inputs.
import type {JsonValue} from '../../../asl/types.js'

/** A quoted string. `placeholders` are the offsets in `value` of each unescaped `{}` pair. */
export interface StringArgument {
  kind: 'string'
  value: string
  placeholders: number[]
}

/** A number, true, false or null written in the expression. */
export interface LiteralArgument {
  kind: 'literal'
  value: JsonValue
}

/** `$...` (state input), `$$...` (Context object) or `$name...` (a variable), read when evaluated. */
export interface PathArgument {
  kind: 'path'
  path: string
}

export interface CallArgument {
  kind: 'call'
  call: IntrinsicCall
}

export type IntrinsicArgument = StringArgument | LiteralArgument | PathArgument | CallArgument

export interface IntrinsicCall {
  /** As written, e.g. `States.Format`. */
  name: string
  args: IntrinsicArgument[]
}
