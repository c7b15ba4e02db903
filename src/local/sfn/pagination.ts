// NextToken handling. A token is opaque to the client; ours names the listing it belongs to (the
// operation and the arguments that shape the result, hashed) and a cursor into it, so a token
// handed to another listing, or to the same one with other arguments, is InvalidToken as the
// service says it is.
import {createHash} from 'node:crypto'
import {invalidToken} from './errors.js'

/** maxResults as every Step Functions list takes it: 0 or absent means the default of 100. */
export const pageSize = (maxResults: number | undefined): number => (maxResults === undefined || maxResults === 0 ? 100 : maxResults)

export function listingKey(...parts: Array<string | number | boolean | undefined>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)
}

export function issueToken(listing: string, cursor: number): string {
  return Buffer.from(JSON.stringify({l: listing, c: cursor})).toString('base64url')
}

/** The cursor a token carries; refuses a token from another listing or one that was never issued. */
export function readToken(token: string, listing: string): number {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    decoded = undefined
  }
  if (decoded === null || typeof decoded !== 'object') throw invalidToken(token)
  const {l, c} = decoded as {l?: unknown; c?: unknown}
  if (l !== listing || typeof c !== 'number' || !Number.isSafeInteger(c) || c < 0) throw invalidToken(token)
  return c
}
