// States.Base64Encode, States.Base64Decode and States.Hash. Text is encoded as UTF-8; the
// documented input limit of all three is 10,000 characters.
import {createHash} from 'node:crypto'
import type {JsonValue} from '../../../../asl/types.js'
import {IntrinsicError} from '../errors.js'
import {stringArg} from '../values.js'

export const MAX_INPUT_CHARS = 10_000

/** The documented algorithm names, mapped to node:crypto's. */
const HASH_ALGORITHMS: ReadonlyMap<string, string> = new Map([
  ['MD5', 'md5'],
  ['SHA-1', 'sha1'],
  ['SHA-256', 'sha256'],
  ['SHA-384', 'sha384'],
  ['SHA-512', 'sha512'],
])

const BASE64 = /^[A-Za-z0-9+/]*$/

export function base64Encode(args: JsonValue[]): JsonValue {
  return Buffer.from(stringArg('States.Base64Encode', args, 0, MAX_INPUT_CHARS), 'utf8').toString('base64')
}

/**
 * Node's decoder skips characters outside the alphabet silently; we reject them instead, so a
 * corrupted value fails here rather than turning into different text. Line breaks (MIME) and
 * missing padding are accepted.
 */
export function base64Decode(args: JsonValue[]): JsonValue {
  const fn = 'States.Base64Decode'
  const encoded = stringArg(fn, args, 0, MAX_INPUT_CHARS).replace(/\r?\n/g, '')
  const body = encoded.replace(/={1,2}$/, '')
  const padded = body.length !== encoded.length
  if (!BASE64.test(body) || body.length % 4 === 1 || (padded && encoded.length % 4 !== 0)) {
    throw new IntrinsicError(`${fn} expects Base64 text, but its argument is not valid Base64`)
  }
  return Buffer.from(body, 'base64').toString('utf8')
}

export function hash(args: JsonValue[]): JsonValue {
  const fn = 'States.Hash'
  const data = stringArg(fn, args, 0, MAX_INPUT_CHARS)
  const name = stringArg(fn, args, 1)
  const algorithm = HASH_ALGORITHMS.get(name)
  if (algorithm === undefined) {
    throw new IntrinsicError(
      `${fn} does not support the algorithm '${name}'; use one of ${[...HASH_ALGORITHMS.keys()].join(', ')}`,
    )
  }
  return createHash(algorithm).update(data, 'utf8').digest('hex')
}
