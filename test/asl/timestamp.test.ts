import {describe, expect, it} from 'vitest'
import {compareInstants, isTimestamp, parseTimestamp} from '../../src/asl/timestamp.js'

describe('parseTimestamp', () => {
  it.each<[string, number, number]>([
    ['1970-01-01T00:00:00Z', 0, 0],
    ['2016-03-14T01:59:00Z', 1457920740, 0], // the spec's Wait example
    ['2026-01-01T00:00:00+01:00', 1767222000, 0],
    ['2025-12-31T23:00:00Z', 1767222000, 0],
    ['2026-01-01T00:00:00-05:30', 1767245400, 0],
    ['2026-01-01T00:00:00.5Z', 1767225600, 500_000_000],
    ['2026-01-01T00:00:00.123456789Z', 1767225600, 123_456_789],
    ['2024-02-29T12:00:00Z', 1709208000, 0], // a leap day
    ['0099-01-01T00:00:00Z', -59042995200, 0], // a two-digit year is not taken as 1999
  ])('reads %s as %i seconds and %i nanoseconds since the epoch', (text, seconds, nanos) => {
    expect(parseTimestamp(text)).toEqual({seconds, nanos})
  })

  it.each([
    '2026-01-01',
    '2026-01-01T00:00:00', // no zone
    '2026-01-01t00:00:00Z', // lowercase t
    '2026-01-01T00:00:00z', // lowercase z
    '2026-01-01 00:00:00Z',
    '2026-01-01T00:00Z',
    '2026-01-01T00:00:00.Z',
    '2026-01-01T00:00:00.1234567890Z', // more than nanoseconds
    '2026-01-01T00:00:00+0100',
    '2026-00-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2025-02-29T00:00:00Z', // 2025 is not a leap year
    '1900-02-29T00:00:00Z', // nor is 1900
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:60:00Z',
    '2026-01-01T00:00:60Z',
    '2026-01-01T00:00:00+24:00',
    ' 2026-01-01T00:00:00Z',
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined()
    expect(isTimestamp(text)).toBe(false)
  })

  it('orders instants by seconds, then nanoseconds', () => {
    const a = parseTimestamp('2026-01-01T00:00:00.000000001Z')
    const b = parseTimestamp('2026-01-01T00:00:00.000000002Z')
    const c = parseTimestamp('2026-01-01T01:00:00.000000001+01:00')
    if (a === undefined || b === undefined || c === undefined) throw new Error('unparsed')
    expect(compareInstants(a, b)).toBeLessThan(0)
    expect(compareInstants(b, a)).toBeGreaterThan(0)
    expect(compareInstants(a, c)).toBe(0)
  })

  it('answers false for non-strings', () => {
    expect(isTimestamp(1767225600)).toBe(false)
    expect(isTimestamp(null)).toBe(false)
  })
})
