import {describe, expect, it} from 'vitest'
import {
  compareUtf8,
  decodeContinuationToken,
  encodeContinuationToken,
  listPage,
} from '../../../src/local/s3/listing.js'

/** A small seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('compareUtf8', () => {
  it('orders strings exactly as their UTF-8 bytes do', () => {
    // Given strings over an alphabet that mixes ASCII, Latin-1, the top of the BMP and astral characters
    const alphabet = ['a', 'b', '/', ' ', 'é', 'ÿ', '\uD7FF', '\uE000', '\uFFFD', '😀', '𝄞', '\u{10FFFF}']
    const next = random(7)
    const word = (): string =>
      Array.from({length: Math.floor(next() * 5)}, () => alphabet[Math.floor(next() * alphabet.length)]).join('')
    // Then every pair compares as Buffer.compare does
    for (let i = 0; i < 5000; i++) {
      const [a, b] = [word(), word()]
      expect(Math.sign(compareUtf8(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(
        Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))),
      )
    }
  })
})

describe('listPage', () => {
  const keys = ['a/1', 'a/2', 'a/', 'b', 'c/x/1'].sort(compareUtf8)

  it('continues after a common prefix without returning it again', () => {
    const page = listPage(keys, {prefix: '', delimiter: '/', maxKeys: 10, after: 'a/'})
    expect(page).toEqual({keys: ['b'], commonPrefixes: ['c/'], isTruncated: false, last: 'c/'})
  })

  it('continues after a key that ends in the delimiter without skipping the keys below it', () => {
    // Under prefix a/, the key "a/" itself is a key, and "a/1" and "a/2" follow it
    const page = listPage(keys, {prefix: 'a/', delimiter: '/', maxKeys: 10, after: 'a/'})
    expect(page.keys).toEqual(['a/1', 'a/2'])
  })

  it('stops at maxKeys and says the listing is truncated', () => {
    const page = listPage(keys, {prefix: '', delimiter: '', maxKeys: 2})
    expect(page).toEqual({keys: ['a/', 'a/1'], commonPrefixes: [], isTruncated: true, last: 'a/1'})
  })
})

describe('continuation tokens', () => {
  it('round-trip any key, unicode included', () => {
    for (const key of ['', 'a/b c', '😀\u0000', 'x'.repeat(1024)]) {
      expect(decodeContinuationToken(encodeContinuationToken(key))).toBe(key)
    }
  })

  it('reject tokens this endpoint did not issue', () => {
    for (const token of ['', 'abc', '!!!', Buffer.from('v2:a').toString('base64url'), `${encodeContinuationToken('a')}=`]) {
      expect(() => decodeContinuationToken(token)).toThrow(/continuation token/)
    }
  })
})
