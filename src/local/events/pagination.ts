// NextToken handling for ListRules and ListTargetsByRule. A token is opaque to the client; ours
// records where the previous page ended and which listing it belongs to, so a token from one
// listing is refused by another.
import {validationError} from '../aws-json/index.js'

export interface Page<T> {
  items: T[]
  nextToken?: string
}

/** Up to `limit` items starting where `token` left off. */
export function paginate<T>(items: T[], limit: number, token: string | undefined, listing: string): Page<T> {
  const start = token === undefined ? 0 : offsetOf(token, listing)
  const end = start + limit
  const page: Page<T> = {items: items.slice(start, end)}
  if (end < items.length) page.nextToken = Buffer.from(JSON.stringify({l: listing, o: end})).toString('base64url')
  return page
}

function offsetOf(token: string, listing: string): number {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    decoded = undefined
  }
  const ok =
    decoded !== null &&
    typeof decoded === 'object' &&
    (decoded as {l?: unknown}).l === listing &&
    Number.isInteger((decoded as {o?: unknown}).o) &&
    ((decoded as {o: number}).o) >= 0
  if (!ok) throw validationError('The NextToken is not valid.')
  return (decoded as {o: number}).o
}
