// Reads request members the way the service's front end does before an operation runs. A member
// of the wrong JSON type is a SerializationException. Constraint violations from the API model
// (required, length, range, enum) are collected and reported together as one ValidationException
// in AWS's words: "1 validation error detected: Value 'x' at 'name' failed to satisfy constraint:
// Member must have length less than or equal to 80". Sensitive members (definitions, inputs,
// causes) never echo their value. A JSON null counts as an absent member.
import {serializationError, validationError} from './errors.js'

export interface StringRule {
  required?: boolean
  min?: number
  max?: number
  enum?: readonly string[]
  sensitive?: boolean
  /** Length counted in UTF-8 bytes, as the model says for payloads. */
  bytes?: boolean
}

export interface NumberRule {
  required?: boolean
  min?: number
  max?: number
}

export type Input = Record<string, unknown>

export class Members {
  private constructor(
    private readonly input: Input,
    private readonly path: string,
    private readonly problems: string[],
  ) {}

  static of(input: Input): Members {
    return new Members(input, '', [])
  }

  string(name: string, rule: StringRule = {}): string | undefined {
    const value = this.present(name, rule.required)
    if (value === undefined) return undefined
    if (typeof value !== 'string') throw wrongType(this.at(name), 'a string', value)
    this.checkString(value, this.at(name), rule)
    return value
  }

  integer(name: string, rule: NumberRule = {}): number | undefined {
    const value = this.present(name, rule.required)
    if (value === undefined) return undefined
    if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(this.at(name), 'a whole number', value)
    if (rule.min !== undefined && value < rule.min) this.problem(value, this.at(name), `Member must have value greater than or equal to ${rule.min}`)
    if (rule.max !== undefined && value > rule.max) this.problem(value, this.at(name), `Member must have value less than or equal to ${rule.max}`)
    return value
  }

  boolean(name: string): boolean | undefined {
    const value = this.present(name, false)
    if (value === undefined) return undefined
    if (typeof value !== 'boolean') throw wrongType(this.at(name), 'true or false', value)
    return value
  }

  list(name: string, rule: {required?: boolean; max?: number} = {}): unknown[] | undefined {
    const value = this.present(name, rule.required)
    if (value === undefined) return undefined
    if (!Array.isArray(value)) throw wrongType(this.at(name), 'a list', value)
    if (rule.max !== undefined && value.length > rule.max) {
      this.problems.push(`Value at '${this.at(name)}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`)
    }
    return value
  }

  /** A structure member, read as a whole and kept as given (logging and tracing configuration). */
  structure(name: string): Input | undefined {
    const value = this.present(name, false)
    if (value === undefined) return undefined
    if (!isObject(value)) throw wrongType(this.at(name), 'a structure', value)
    return value
  }

  /** The members of the `index`-th (0-based) structure in list `name`, sharing this report. */
  structureIn(name: string, index: number, value: unknown): Members {
    if (!isObject(value)) throw wrongType(`${this.at(name)}.${index + 1}`, 'a structure', value)
    return new Members(value, `${this.at(name)}.${index + 1}.member`, this.problems)
  }

  /** The `index`-th (0-based) string in list `name`. */
  stringIn(name: string, index: number, value: unknown, rule: StringRule = {}): string | undefined {
    const at = `${this.at(name)}.${index + 1}.member`
    if (value === null || value === undefined) {
      if (rule.required) this.problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`)
      return undefined
    }
    if (typeof value !== 'string') throw wrongType(at, 'a string', value)
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
    const shown = rule.sensitive ? undefined : value
    if (rule.enum && !rule.enum.includes(value)) this.problem(shown, at, `Member must satisfy enum value set: [${rule.enum.join(', ')}]`)
    const length = rule.bytes ? Buffer.byteLength(value, 'utf8') : value.length
    if (rule.min !== undefined && length < rule.min) this.problem(shown, at, `Member must have length greater than or equal to ${rule.min}`)
    if (rule.max !== undefined && length > rule.max) this.problem(shown, at, `Member must have length less than or equal to ${rule.max}`)
  }

  private problem(value: unknown, at: string, constraint: string): void {
    const shown = value === undefined ? '' : ` '${clip(String(value))}'`
    this.problems.push(`Value${shown} at '${at}' failed to satisfy constraint: ${constraint}`)
  }

  private at(name: string): string {
    return this.path === '' ? name : `${this.path}.${name}`
  }
}

export function isObject(value: unknown): value is Input {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

// Long values would make the message unreadable (and could be huge); AWS shows them whole, but a
// local endpoint gains nothing from echoing a megabyte back.
const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}...` : s)

function wrongType(at: string, expected: string, value: unknown) {
  const actual = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`
  return serializationError(`${at} must be ${expected}, not ${actual}.`)
}
