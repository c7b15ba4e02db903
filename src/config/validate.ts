import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv, type ErrorObject} from 'ajv'
import {usageError} from '../errors.js'
import {packageRoot} from '../util/package-root.js'
import type {AeConfig} from './types.js'

let validator: ReturnType<Ajv['compile']> | undefined

function compile() {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(packageRoot, 'schemas', 'ae-config.schema.json'), 'utf8')) as object
    validator = new Ajv({allErrors: true, strict: false}).compile(schema)
  }
  return validator
}

/** Validates a parsed config against the shipped JSON Schema; the error names the field and what it expects. */
export function validateConfigDocument(doc: unknown, path: string): AeConfig {
  const validate = compile()
  if (validate(doc)) return doc as AeConfig
  const first = (validate.errors ?? [])[0]
  const detail = first ? describe(first) : 'does not match the schema'
  const more = (validate.errors?.length ?? 0) > 1 ? ` (and ${validate.errors!.length - 1} more)` : ''
  throw usageError('CONFIG_INVALID', `${path}: ${detail}${more}`, 'Fix the config; its schema is schemas/ae-config.schema.json in the ae package.')
}

function describe(e: ErrorObject): string {
  const field = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : '(root)'
  switch (e.keyword) {
    case 'additionalProperties':
      return `${field}: unknown field "${(e.params as {additionalProperty: string}).additionalProperty}"`
    case 'required':
      return `${field}: missing required field "${(e.params as {missingProperty: string}).missingProperty}"`
    case 'enum':
      return `${field}: expected one of ${(e.params as {allowedValues: unknown[]}).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
    case 'type':
      return `${field}: expected ${(e.params as {type: string}).type}`
    default:
      return `${field}: ${e.message ?? 'is invalid'}`
  }
}
