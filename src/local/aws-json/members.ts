// Reads request members the way a service's front end does before an operation runs. A member of
// the wrong JSON type is a SerializationException. Constraint violations from the API model
// (required, length, range, pattern, enum) are collected and reported together as one
// ValidationException in AWS's words: "2 validation errors detected: Value 'x y' at 'name' failed
// to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+; ...".
// Members are named in lower camel case (Name -> name) and by their place in the request
// (`targets.1.member.id`). A JSON null counts as an absent member.
import {serializationError, validationError} from './errors.js'
import {type Input, isObject} from './request.js'

export interface StringRule {
  required?: boolean
  min?: number
  max?: number
  /** The pattern as the API model writes it; it must match the whole value. */
  pattern?: string
  enum?: readonly string[]
  /** Never echo the value (definitions, inputs, causes). */
  sensitive?: boolean
  /** Length counted in UTF-8 bytes, as the model says for payloads. */
  bytes?: boolean
}

export interface NumberRule {
  required?: boolean
  min?: number
  max?: number
}

export interface ListRule {
  required?: boolean
  min?: number
  max?: number
}

/** Where the Step Functions and EventBridge messages of this endpoint differ. */
export interface MemberMessages {
  /**
   * How a SerializationException names a member of the wrong type: by its `path` in the request,
   * as the validation report does (`tags.1.member.key`, `tagKeys.1.member`), or as the `request`
   * spells it (`Id`, `Targets[0]`).
   */
  typeErrorsName: 'path' | 'request'
  /** Quoted values longer than this many characters are cut short; undefined quotes them whole. */
  clipAt?: number
}

const HIDDEN = Symbol('hidden')

export class Members {
  private constructor(
    private readonly input: Input,
    /** Where these members sit, in AWS's notation: '' at the top, 'targets.1.member' inside. */
    private readonly path: string,
    private readonly problems: string[],
    private readonly messages: MemberMessages,
  ) {}

  static of(input: Input, messages: MemberMessages): Members {
    return new Members(input, '', [], messages)
  }

  string(name: string, rule: StringRule = {}): string | undefined {
    const value = this.present(name, rule.required)
    if (value === undefined) return undefined
    if (typeof value !== 'string') throw this.wrongType(this.at(name), name, 'a string', value)
    this.checkString(value, this.at(name), rule)
    return value
  }

  integer(name: string, rule: NumberRule = {}): number | undefined {
    const value = this.present(name, rule.required)
    if (value === undefined) return undefined
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.wrongType(this.at(name), name, 'a whole number', value)
    if (rule.min !== undefined && value < rule.min) this.problem(value, this.at(name), `Member must have value greater than or equal to ${rule.min}`)
    if (rule.max !== undefined && value > rule.max) this.problem(value, this.at(name), `Member must have value less than or equal to ${rule.max}`)
    return value
  }

  boolean(name: string): boolean | undefined {
    const value = this.present(name, false)
    if (value === undefined) return undefined
    if (typeof value !== 'boolean') throw this.wrongType(this.at(name), name, 'true or false', value)
    return value
  }

  list(name: string, rule: ListRule = {}): unknown[] | undefined {
    const value = this.present(name, rule.required)
    if (value === undefined) return undefined
    if (!Array.isArray(value)) throw this.wrongType(this.at(name), name, 'a list', value)
    if (rule.min !== undefined && value.length < rule.min) this.problem(value, this.at(name), `Member must have length greater than or equal to ${rule.min}`)
    if (rule.max !== undefined && value.length > rule.max) this.problem(value, this.at(name), `Member must have length less than or equal to ${rule.max}`)
    return value
  }

  /** A structure member, read as a whole and kept as given (logging and tracing configuration). */
  structure(name: string): Input | undefined {
    const value = this.present(name, false)
    if (value === undefined) return undefined
    if (!isObject(value)) throw this.wrongType(this.at(name), name, 'a structure', value)
    return value
  }

  /** The members of the `index`-th (0-based) structure in list `name`, sharing this report. */
  structureIn(name: string, index: number, value: unknown): Members {
    if (!isObject(value)) throw this.wrongType(`${this.at(name)}.${index + 1}`, `${name}[${index}]`, 'a structure', value)
    return new Members(value, this.element(name, index), this.problems, this.messages)
  }

  /** The `index`-th (0-based) string in list `name`. */
  stringIn(name: string, index: number, value: unknown, rule: StringRule = {}): string | undefined {
    const at = this.element(name, index)
    if (value === null || value === undefined) {
      if (rule.required) this.problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`)
      return undefined
    }
    if (typeof value !== 'string') throw this.wrongType(at, `${name}[${index}]`, 'a string', value)
    this.checkString(value, at, rule)
    return value
  }

  /** Throws the collected constraint violations, if any, as one ValidationException. */
  check(): void {
    const n = this.problems.length
    if (n === 0) return
    throw validationError(`${n} validation error${n === 1 ? '' : 's'} detected: ${this.problems.join('; ')}`)
  }

  private present(name: string, required: boolean | undefined): unknown {
    const value = Object.hasOwn(this.input, name) ? this.input[name] : undefined
    if (value === undefined || value === null) {
      if (required) this.problems.push(`Value null at '${this.at(name)}' failed to satisfy constraint: Member must not be null`)
      return undefined
    }
    return value
  }

  private checkString(value: string, at: string, rule: StringRule): void {
    const shown = rule.sensitive ? HIDDEN : value
    if (rule.enum && !rule.enum.includes(value)) this.problem(shown, at, `Member must satisfy enum value set: [${rule.enum.join(', ')}]`)
    if (rule.pattern !== undefined && !new RegExp(`^(?:${rule.pattern})$`, 's').test(value)) {
      this.problem(shown, at, `Member must satisfy regular expression pattern: ${rule.pattern}`)
    }
    const length = rule.bytes ? Buffer.byteLength(value, 'utf8') : value.length
    if (rule.min !== undefined && length < rule.min) this.problem(shown, at, `Member must have length greater than or equal to ${rule.min}`)
    if (rule.max !== undefined && length > rule.max) this.problem(shown, at, `Member must have length less than or equal to ${rule.max}`)
  }

  private problem(value: unknown, at: string, constraint: string): void {
    const shown = value === HIDDEN ? '' : ` '${this.quote(value)}'`
    this.problems.push(`Value${shown} at '${at}' failed to satisfy constraint: ${constraint}`)
  }

  // AWS quotes values whole; a service may clip them here (MemberMessages.clipAt).
  private quote(value: unknown): string {
    const text = render(value)
    const max = this.messages.clipAt
    return max !== undefined && text.length > max ? `${text.slice(0, max)}...` : text
  }

  /** AWS names members in lower camel case in these messages: Name -> name, Targets -> targets. */
  private at(name: string): string {
    const member = name.charAt(0).toLowerCase() + name.slice(1)
    return this.path === '' ? member : `${this.path}.${member}`
  }

  private element(name: string, index: number): string {
    return `${this.at(name)}.${index + 1}.member`
  }

  /** `path` and `request` name the same member in the two wordings of MemberMessages.typeErrorsName. */
  private wrongType(path: string, request: string, expected: string, value: unknown) {
    const where = this.messages.typeErrorsName === 'path' ? path : request
    const actual = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`
    return serializationError(`${where} must be ${expected}, not ${actual}.`)
  }
}

function render(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
