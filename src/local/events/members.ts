// Reads request members the way AWS's front end does before an operation runs: a member of the
// wrong JSON type is a SerializationException; constraint violations (required, length, pattern,
// enum, range) are collected and reported together as one ValidationException, worded as AWS
// words them: "2 validation errors detected: Value 'x y' at 'name' failed to satisfy constraint:
// Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+; ...". A JSON null counts as
// an absent member.
import {serializationError, validationError} from './protocol.js'

export interface StringRule {
  required?: boolean
  min?: number
  max?: number
  /** The pattern as the API model writes it; it must match the whole value. */
  pattern?: string
  enum?: readonly string[]
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

export class Members {
  private constructor(
    private readonly input: Record<string, unknown>,
    /** Where these members sit, in AWS's notation: '' at the top, 'targets.1.member' inside. */
    private readonly path: string,
    private readonly problems: string[],
  ) {}

  static of(input: Record<string, unknown>): Members {
    return new Members(input, '', [])
  }

  string(name: string, rule: StringRule = {}): string | undefined {
    const value = this.present(name, rule.required)
    if (value === undefined) return undefined
    if (typeof value !== 'string') throw wrongType(name, 'a string', value)
    this.checkString(value, this.at(name), rule)
    return value
  }

  integer(name: string, rule: NumberRule = {}): number | undefined {
    const value = this.present(name, rule.required)
    if (value === undefined) return undefined
    if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(name, 'a whole number', value)
    if (rule.min !== undefined && value < rule.min) {
      this.problem(value, this.at(name), `Member must have value greater than or equal to ${rule.min}`)
    }
    if (rule.max !== undefined && value > rule.max) {
      this.problem(value, this.at(name), `Member must have value less than or equal to ${rule.max}`)
    }
    return value
  }

  boolean(name: string): boolean | undefined {
    const value = this.present(name, false)
    if (value === undefined) return undefined
    if (typeof value !== 'boolean') throw wrongType(name, 'true or false', value)
    return value
  }

  list(name: string, rule: ListRule = {}): unknown[] | undefined {
    const value = this.present(name, rule.required)
    if (value === undefined) return undefined
    if (!Array.isArray(value)) throw wrongType(name, 'a list', value)
    if (rule.min !== undefined && value.length < rule.min) {
      this.problem(value, this.at(name), `Member must have length greater than or equal to ${rule.min}`)
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.problem(value, this.at(name), `Member must have length less than or equal to ${rule.max}`)
    }
    return value
  }

  /** The members of the `index`-th (0-based) structure in list `name`, sharing this report. */
  structureIn(name: string, index: number, value: unknown): Members {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw wrongType(`${name}[${index}]`, 'a structure', value)
    }
    return new Members(value as Record<string, unknown>, `${this.at(name)}.${index + 1}.member`, this.problems)
  }

  /** The `index`-th (0-based) string in list `name`. */
  stringIn(name: string, index: number, value: unknown, rule: StringRule = {}): string | undefined {
    if (value === null || value === undefined) {
      if (rule.required) this.problems.push(`Value null at '${this.at(name)}.${index + 1}.member' failed to satisfy constraint: Member must not be null`)
      return undefined
    }
    if (typeof value !== 'string') throw wrongType(`${name}[${index}]`, 'a string', value)
    this.checkString(value, `${this.at(name)}.${index + 1}.member`, rule)
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
    if (rule.enum && !rule.enum.includes(value)) {
      this.problem(value, at, `Member must satisfy enum value set: [${rule.enum.join(', ')}]`)
    }
    if (rule.pattern !== undefined && !new RegExp(`^(?:${rule.pattern})$`, 's').test(value)) {
      this.problem(value, at, `Member must satisfy regular expression pattern: ${rule.pattern}`)
    }
    if (rule.min !== undefined && value.length < rule.min) {
      this.problem(value, at, `Member must have length greater than or equal to ${rule.min}`)
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.problem(value, at, `Member must have length less than or equal to ${rule.max}`)
    }
  }

  private problem(value: unknown, at: string, constraint: string): void {
    this.problems.push(`Value '${render(value)}' at '${at}' failed to satisfy constraint: ${constraint}`)
  }

  /** AWS names members in lower camel case in these messages: Name -> name, Targets -> targets. */
  private at(name: string): string {
    const member = name.charAt(0).toLowerCase() + name.slice(1)
    return this.path === '' ? member : `${this.path}.${member}`
  }
}

function render(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function wrongType(name: string, expected: string, value: unknown) {
  const actual = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`
  return serializationError(`${name} must be ${expected}, not ${actual}.`)
}
