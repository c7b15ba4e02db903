// DynamoDB ConditionExpressions, the part the local tables need: attribute_exists(path),
// attribute_not_exists(path), comparisons (=, <>, <, <=, >, >=) between paths and :values, AND,
// OR, NOT and parentheses, with #name and :value placeholders. Anything else is a
// ValidationException, as an expression DynamoDB cannot parse is.
import type {JsonObject, JsonValue} from '../../asl/types.js'

export type AttributeValue = JsonObject
export type Item = Record<string, AttributeValue>

export class DynamoError extends Error {
  constructor(
    readonly code: 'ValidationException' | 'ConditionalCheckFailedException' | 'ResourceNotFoundException',
    message: string,
  ) {
    super(message)
    this.name = code
  }
}

const invalid = (message: string) => new DynamoError('ValidationException', message)

export interface ConditionInput {
  expression: string
  names?: Record<string, string>
  values?: Record<string, AttributeValue>
}

type Token = {kind: 'word' | 'name' | 'value' | 'op' | 'punct'; text: string}
type Node =
  | {type: 'and' | 'or'; left: Node; right: Node}
  | {type: 'not'; operand: Node}
  | {type: 'exists' | 'not_exists'; path: string[]}
  | {type: 'compare'; op: string; left: Operand; right: Operand}
type Operand = {kind: 'path'; path: string[]} | {kind: 'value'; value: AttributeValue}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  const re = /\s*(?:(<>|<=|>=|[=<>])|([(),.])|(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_]*))/y
  let at = 0
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break
    re.lastIndex = at
    const m = re.exec(text)
    if (m === null) throw invalid(`Invalid ConditionExpression: Syntax error; token: "${text.slice(at).trim().split(/\s/)[0]}", near: "${text.slice(at).trim().slice(0, 20)}"`)
    at = re.lastIndex
    if (m[1] !== undefined) tokens.push({kind: 'op', text: m[1]})
    else if (m[2] !== undefined) tokens.push({kind: 'punct', text: m[2]})
    else if (m[3] !== undefined) tokens.push({kind: 'name', text: m[3]})
    else if (m[4] !== undefined) tokens.push({kind: 'value', text: m[4]})
    else tokens.push({kind: 'word', text: m[5] as string})
  }
  return tokens
}

class Parser {
  private at = 0
  readonly usedNames = new Set<string>()
  readonly usedValues = new Set<string>()

  constructor(
    private readonly tokens: Token[],
    private readonly input: ConditionInput,
  ) {}

  parse(): Node {
    if (this.tokens.length === 0) throw invalid('Invalid ConditionExpression: The expression can not be empty;')
    const node = this.or()
    const rest = this.tokens[this.at]
    if (rest !== undefined) throw invalid(`Invalid ConditionExpression: Syntax error; token: "${rest.text}"`)
    return node
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.at]
    return t?.kind === 'word' && t.text.toUpperCase() === word
  }

  private expect(text: string): void {
    const t = this.tokens[this.at]
    if (t?.text !== text) throw invalid(`Invalid ConditionExpression: Syntax error; expected "${text}", token: "${t?.text ?? '<EOF>'}"`)
    this.at++
  }

  private or(): Node {
    let left = this.and()
    while (this.peekWord('OR')) {
      this.at++
      left = {type: 'or', left, right: this.and()}
    }
    return left
  }

  private and(): Node {
    let left = this.not()
    while (this.peekWord('AND')) {
      this.at++
      left = {type: 'and', left, right: this.not()}
    }
    return left
  }

  private not(): Node {
    if (this.peekWord('NOT')) {
      this.at++
      return {type: 'not', operand: this.not()}
    }
    return this.primary()
  }

  private primary(): Node {
    const t = this.tokens[this.at]
    if (t?.text === '(') {
      this.at++
      const inner = this.or()
      this.expect(')')
      return inner
    }
    if (t?.kind === 'word' && (t.text === 'attribute_exists' || t.text === 'attribute_not_exists')) {
      this.at++
      this.expect('(')
      const path = this.path()
      this.expect(')')
      return {type: t.text === 'attribute_exists' ? 'exists' : 'not_exists', path}
    }
    if (t?.kind === 'word' && this.tokens[this.at + 1]?.text === '(') {
      throw invalid(`Invalid ConditionExpression: the function ${t.text} is not supported by the local endpoint (only attribute_exists and attribute_not_exists)`)
    }
    const left = this.operand()
    const op = this.tokens[this.at]
    if (op?.kind !== 'op') throw invalid(`Invalid ConditionExpression: Syntax error; token: "${op?.text ?? '<EOF>'}"`)
    this.at++
    return {type: 'compare', op: op.text, left, right: this.operand()}
  }

  private operand(): Operand {
    const t = this.tokens[this.at]
    if (t?.kind === 'value') {
      this.at++
      const value = this.input.values?.[t.text]
      if (value === undefined) throw invalid(`Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: ${t.text}`)
      this.usedValues.add(t.text)
      return {kind: 'value', value}
    }
    return {kind: 'path', path: this.path()}
  }

  private path(): string[] {
    const parts = [this.pathPart()]
    while (this.tokens[this.at]?.text === '.') {
      this.at++
      parts.push(this.pathPart())
    }
    return parts
  }

  private pathPart(): string {
    const t = this.tokens[this.at]
    this.at++
    if (t?.kind === 'word') return t.text
    if (t?.kind === 'name') {
      const name = this.input.names?.[t.text]
      if (name === undefined) throw invalid(`Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: ${t.text}`)
      this.usedNames.add(t.text)
      return name
    }
    throw invalid(`Invalid ConditionExpression: Syntax error; token: "${t?.text ?? '<EOF>'}"`)
  }
}

function lookup(item: Item | undefined, path: string[]): AttributeValue | undefined {
  let current: AttributeValue | undefined = item?.[path[0] as string]
  for (const part of path.slice(1)) {
    const map = current?.M
    current = typeof map === 'object' && map !== null && !Array.isArray(map) ? (map[part] as AttributeValue | undefined) : undefined
  }
  return current
}

function scalar(v: AttributeValue): {type: 'N'; n: number} | {type: 'S' | 'B'; s: string} | undefined {
  if (typeof v.N === 'string') return {type: 'N', n: Number(v.N)}
  if (typeof v.S === 'string') return {type: 'S', s: v.S}
  if (typeof v.B === 'string') return {type: 'B', s: v.B}
  return undefined
}

const canonical = (v: JsonValue): string =>
  Array.isArray(v) ? `[${v.map(canonical).join(',')}]` : v !== null && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k] as JsonValue)}`).join(',')}}` : JSON.stringify(v)

export function attributeEquals(a: AttributeValue, b: AttributeValue): boolean {
  const x = scalar(a)
  const y = scalar(b)
  if (x?.type === 'N' && y?.type === 'N') return x.n === y.n
  return canonical(a) === canonical(b)
}

function compare(op: string, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (a === undefined || b === undefined) return false
  if (op === '=') return attributeEquals(a, b)
  if (op === '<>') return !attributeEquals(a, b)
  const x = scalar(a)
  const y = scalar(b)
  if (x === undefined || y === undefined || x.type !== y.type) return false
  const order = x.type === 'N' ? Math.sign(x.n - (y as {n: number}).n) : x.s < (y as {s: string}).s ? -1 : x.s > (y as {s: string}).s ? 1 : 0
  return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0
}

function evaluate(node: Node, item: Item | undefined): boolean {
  switch (node.type) {
    case 'and':
      return evaluate(node.left, item) && evaluate(node.right, item)
    case 'or':
      return evaluate(node.left, item) || evaluate(node.right, item)
    case 'not':
      return !evaluate(node.operand, item)
    case 'exists':
      return lookup(item, node.path) !== undefined
    case 'not_exists':
      return lookup(item, node.path) === undefined
    case 'compare': {
      const side = (o: Operand) => (o.kind === 'value' ? o.value : lookup(item, o.path))
      return compare(node.op, side(node.left), side(node.right))
    }
  }
}

/** Whether the condition holds for the item as it is now (undefined: no such item). */
export function conditionHolds(input: ConditionInput, item: Item | undefined): boolean {
  const parser = new Parser(tokenize(input.expression), input)
  const tree = parser.parse()
  const unusedNames = Object.keys(input.names ?? {}).filter((n) => !parser.usedNames.has(n))
  if (unusedNames.length > 0) throw invalid(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`)
  const unusedValues = Object.keys(input.values ?? {}).filter((v) => !parser.usedValues.has(v))
  if (unusedValues.length > 0) throw invalid(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`)
  return evaluate(tree, item)
}
