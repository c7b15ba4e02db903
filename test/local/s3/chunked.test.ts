import {describe, expect, it} from 'vitest'
import {computeChecksum} from '../../../src/local/s3/checksum.js'
import {decodeAwsChunked} from '../../../src/local/s3/chunked.js'

const SIG = 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648'

describe('decodeAwsChunked', () => {
  it('decodes unsigned chunks and a checksum trailer, as the SDK sends them', () => {
    const raw = Buffer.from('6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n')
    const decoded = decodeAwsChunked(raw)
    expect(decoded).toEqual({
      ok: true,
      payload: Buffer.from('hello world'),
      trailers: new Map([['x-amz-checksum-crc32', 'DUoRhQ==']]),
    })
  })

  it('decodes signed chunks and ignores their signatures and the trailer signature', () => {
    const raw = Buffer.from(
      `400;chunk-signature=${SIG}\r\n${'a'.repeat(1024)}\r\n1;chunk-signature=${SIG}\r\nb\r\n` +
        `0;chunk-signature=${SIG}\r\nx-amz-checksum-sha256:abc=\r\nx-amz-trailer-signature:${SIG}\r\n\r\n`,
    )
    const decoded = decodeAwsChunked(raw)
    expect(decoded.ok && decoded.payload.toString()).toBe(`${'a'.repeat(1024)}b`)
    expect(decoded.ok && decoded.trailers.get('x-amz-checksum-sha256')).toBe('abc=')
  })

  it('keeps binary chunk data, CRLFs inside it included', () => {
    const data = Buffer.from([13, 10, 0, 255, 13, 10])
    const raw = Buffer.concat([Buffer.from('6\r\n'), data, Buffer.from('\r\n0\r\n\r\n')])
    const decoded = decodeAwsChunked(raw)
    expect(decoded.ok && decoded.payload).toEqual(data)
  })

  it('decodes an empty body', () => {
    expect(decodeAwsChunked(Buffer.from('0\r\n\r\n'))).toMatchObject({ok: true, payload: Buffer.alloc(0)})
  })

  it.each([
    ['no final chunk', '5\r\nhello\r\n'],
    ['data shorter than declared', 'a\r\nhello\r\n0\r\n\r\n'],
    ['data longer than declared', '3\r\nhello\r\n0\r\n\r\n'],
    ['a size that is not hex', 'zz\r\nhello\r\n0\r\n\r\n'],
    ['an absurd size', `${'f'.repeat(40)}\r\n`],
    ['no header terminator', '5'],
    ['a trailer without a colon', '0\r\nbogus\r\n\r\n'],
    ['data after the end', '0\r\n\r\nmore'],
    ['an empty body', ''],
  ])('rejects %s', (_name, text) => {
    expect(decodeAwsChunked(Buffer.from(text)).ok).toBe(false)
  })
})

describe('computeChecksum', () => {
  it('matches the published check values for "123456789"', () => {
    const data = Buffer.from('123456789')
    const hex = (algorithm: Parameters<typeof computeChecksum>[0]) =>
      Buffer.from(computeChecksum(algorithm, data), 'base64').toString('hex')
    expect(hex('CRC32')).toBe('cbf43926')
    expect(hex('CRC32C')).toBe('e3069283')
    expect(hex('CRC64NVME')).toBe('ae8b14860a799888')
  })
})
