// Conditional reads (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since) and byte
// ranges for GetObject and HeadObject, as RFC 7232/7233 and the S3 reference describe them.
import type {IncomingHttpHeaders} from 'node:http'
import {header} from './payload.js'
import {etagMatches, type ObjectInfo} from './store.js'

export type ReadCondition = {outcome: 'ok'} | {outcome: 'not-modified'} | {outcome: 'failed'; condition: string}

/**
 * S3 documents the two mixed cases: If-Match true wins over If-Unmodified-Since false (200),
 * and If-None-Match false wins over If-Modified-Since true (304). Both follow from evaluating
 * the date header only when its ETag counterpart is absent, as RFC 7232 section 6 orders it.
 */
export function evaluateReadConditions(headers: IncomingHttpHeaders, object: ObjectInfo): ReadCondition {
  const ifMatch = header(headers, 'if-match')
  const ifNoneMatch = header(headers, 'if-none-match')
  const modified = object.lastModified.getTime()
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, object.etag)) return {outcome: 'failed', condition: 'If-Match'}
  } else {
    const since = httpDate(header(headers, 'if-unmodified-since'))
    if (since !== undefined && modified > since) return {outcome: 'failed', condition: 'If-Unmodified-Since'}
  }
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, object.etag)) return {outcome: 'not-modified'}
  } else {
    const since = httpDate(header(headers, 'if-modified-since'))
    if (since !== undefined && modified <= since) return {outcome: 'not-modified'}
  }
  return {outcome: 'ok'}
}

function httpDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const time = Date.parse(text)
  return Number.isNaN(time) ? undefined : time
}

export type ByteRange = {start: number; end: number}

/**
 * The single byte range a Range header asks for; undefined when there is none or it cannot be
 * parsed (HTTP says to ignore such a header and send the whole object), 'unsatisfiable' when
 * it starts beyond the object.
 */
export function parseRange(text: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(text ?? '')
  if (match === null) return undefined
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return undefined
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return {start: Math.max(0, size - suffix), end: size - 1}
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (last !== '' && Number(last) < start) return undefined
  if (start >= size) return 'unsatisfiable'
  return {start, end}
}
