// Reading a request of an AWS JSON protocol: the operation named in `x-amz-target:
// <Prefix>.<Operation>`, the POST-only rule, and the body, a JSON object.
import type {LocalRequest} from '../http.js'
import {serializationError, unknownOperation} from './errors.js'

/** A request's members as the body carries them. */
export type Input = Record<string, unknown>

export function isObject(value: unknown): value is Input {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * The operation the target header names after `prefix` (`AWSEvents.PutRule` -> `PutRule`), or
 * undefined when the header is missing, has another prefix or names nothing after it. The
 * services word that refusal differently, so each says it itself.
 */
export function targetOperation(req: LocalRequest, prefix: string): string | undefined {
  const target = req.headers['x-amz-target']
  if (typeof target !== 'string' || !target.startsWith(prefix) || target.length === prefix.length) return undefined
  return target.slice(prefix.length)
}

/** The JSON protocols take POST only; any other method names no operation. */
export function requirePost(req: LocalRequest, service: string): void {
  if (req.method !== 'POST') throw unknownOperation(`${service} takes POST requests, not ${req.method}.`)
}

/** The request body as a JSON object; an empty body stands for `{}`, as the services take it. */
export function bodyOf(req: LocalRequest): Input {
  const text = req.body.toString('utf8')
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw serializationError('The request body is not valid JSON.')
  }
  if (!isObject(parsed)) throw serializationError('The request body must be a JSON object.')
  return parsed
}
