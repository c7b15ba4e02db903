// The flexible checksums S3 accepts (x-amz-checksum-*), computed so uploads can be verified and
// the stored value echoed back to clients that validate downloads. Node has CRC32 and the SHAs;
// CRC32C and CRC64NVME are small table-driven CRCs written here.
import {createHash} from 'node:crypto'
import {crc32} from 'node:zlib'

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number]

export interface Checksum {
  algorithm: ChecksumAlgorithm
  /** Base64 of the big-endian digest, as in the x-amz-checksum-* header. */
  value: string
}

const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = {CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32}

export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`
}

export function algorithmOfHeader(name: string): ChecksumAlgorithm | undefined {
  return CHECKSUM_ALGORITHMS.find((a) => checksumHeaderName(a) === name.toLowerCase())
}

/** True when the value is base64 of exactly as many bytes as the algorithm's digest. */
export function isWellFormedChecksum(algorithm: ChecksumAlgorithm, value: string): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return false
  return Buffer.from(value, 'base64').length === DIGEST_BYTES[algorithm]
}

export function computeChecksum(algorithm: ChecksumAlgorithm, data: Buffer): string {
  switch (algorithm) {
    case 'CRC32':
      return uint32Base64(crc32(data))
    case 'CRC32C':
      return uint32Base64(crc32c(data))
    case 'CRC64NVME':
      return crc64nvme(data).toString('base64')
    case 'SHA1':
      return createHash('sha1').update(data).digest('base64')
    case 'SHA256':
      return createHash('sha256').update(data).digest('base64')
  }
}

export function md5Base64(data: Buffer): string {
  return createHash('md5').update(data).digest('base64')
}

function uint32Base64(value: number): string {
  const out = Buffer.alloc(4)
  out.writeUInt32BE(value >>> 0)
  return out.toString('base64')
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32c(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

// CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5), kept as two 32-bit halves so the
// per-byte loop stays in plain integers rather than BigInt.
const CRC64_TABLES = (() => {
  const lo = new Uint32Array(256)
  const hi = new Uint32Array(256)
  const poly = 0x9a6c9329ac4bc9b5n
  for (let n = 0; n < 256; n++) {
    let c = BigInt(n)
    for (let k = 0; k < 8; k++) c = c & 1n ? poly ^ (c >> 1n) : c >> 1n
    lo[n] = Number(c & 0xffffffffn)
    hi[n] = Number(c >> 32n)
  }
  return {lo, hi}
})()

function crc64nvme(data: Buffer): Buffer {
  let lo = 0xffffffff
  let hi = 0xffffffff
  for (const byte of data) {
    const index = (lo ^ byte) & 0xff
    const shiftedLo = ((lo >>> 8) | (hi << 24)) >>> 0
    const shiftedHi = hi >>> 8
    lo = (shiftedLo ^ (CRC64_TABLES.lo[index] as number)) >>> 0
    hi = (shiftedHi ^ (CRC64_TABLES.hi[index] as number)) >>> 0
  }
  const out = Buffer.alloc(8)
  out.writeUInt32BE((hi ^ 0xffffffff) >>> 0, 0)
  out.writeUInt32BE((lo ^ 0xffffffff) >>> 0, 4)
  return out
}
