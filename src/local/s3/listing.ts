// Key ordering and paging for ListObjects, as pure functions over a sorted key list.
import {S3Error} from './errors.js'

export const MAX_LIST_KEYS = 1000

/**
 * Orders strings as S3 does: by their UTF-8 bytes, which is code point order. JavaScript's `<`
 * compares UTF-16 code units, which disagrees only when a surrogate (a character above U+FFFF)
 * meets a BMP character at U+E000 or above; shifting both ranges fixes that case.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    if (x >= 0xd800 && y >= 0xd800) return codeUnitRank(x) - codeUnitRank(y)
    return x - y
  }
  return a.length - b.length
}

function codeUnitRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000
}

export interface ListQuery {
  prefix: string
  /** Empty means no delimiter. */
  delimiter: string
  maxKeys: number
  /** List only entries (keys or common prefixes) that sort after this one. */
  after?: string
}

export interface ListPage {
  keys: string[]
  commonPrefixes: string[]
  isTruncated: boolean
  /** The last entry returned, from which the next page continues. */
  last?: string
}

/**
 * One page of a listing. An entry is a key, or the common prefix the key rolls up into; entries
 * come in key order, and keys under one common prefix are contiguous, so "continue after the
 * last entry" never repeats or skips one, whether that entry was a key or a prefix.
 */
export function listPage(sorted: readonly string[], query: ListQuery): ListPage {
  const {prefix, delimiter, after} = query
  const maxKeys = Math.max(0, Math.min(MAX_LIST_KEYS, query.maxKeys))
  const rollUp = (key: string): string | undefined => {
    if (delimiter === '') return undefined
    const at = key.indexOf(delimiter, prefix.length)
    return at < 0 ? undefined : key.slice(0, at + delimiter.length)
  }
  const page: ListPage = {keys: [], commonPrefixes: [], isTruncated: false}
  let i = firstIndexAtLeast(sorted, prefix)
  if (after !== undefined) i = Math.max(i, firstIndexAbove(sorted, after))
  while (i < sorted.length) {
    const key = sorted[i] as string
    if (!key.startsWith(prefix)) break
    const group = rollUp(key)
    const entry = group ?? key
    const next = group === undefined ? i + 1 : indexPastGroup(sorted, i, group)
    if (after !== undefined && compareUtf8(entry, after) <= 0) {
      i = next
      continue
    }
    if (page.keys.length + page.commonPrefixes.length >= maxKeys) {
      // A page of zero keys says "not truncated" rather than inviting a client to loop forever.
      page.isTruncated = maxKeys > 0
      break
    }
    if (group === undefined) page.keys.push(key)
    else page.commonPrefixes.push(group)
    page.last = entry
    i = next
  }
  return page
}

function firstIndexAtLeast(sorted: readonly string[], value: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareUtf8(sorted[mid] as string, value) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

function firstIndexAbove(sorted: readonly string[], value: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareUtf8(sorted[mid] as string, value) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

function indexPastGroup(sorted: readonly string[], from: number, group: string): number {
  let i = from
  while (i < sorted.length && (sorted[i] as string).startsWith(group)) i++
  return i
}

// Continuation tokens are opaque to clients; ours carry the last entry, so they stay valid
// across restarts and snapshot restores.
const TOKEN_VERSION = 'v1:'

export function encodeContinuationToken(last: string): string {
  return Buffer.from(TOKEN_VERSION + last, 'utf8').toString('base64url')
}

export function decodeContinuationToken(token: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : ''
  const valid = text.startsWith(TOKEN_VERSION) && encodeContinuationToken(text.slice(TOKEN_VERSION.length)) === token
  if (!valid) {
    throw new S3Error('InvalidArgument', {
      message: 'The continuation token provided is incorrect',
      fields: {ArgumentName: 'continuation-token', ArgumentValue: token},
    })
  }
  return text.slice(TOKEN_VERSION.length)
}
