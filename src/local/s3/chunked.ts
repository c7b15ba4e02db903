// aws-chunked bodies: the framing SigV4 streaming uploads use on top of HTTP, which the SDK sends
// by default for streamed PutObject bodies so it can append the checksum as a trailer.
//
//   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n
//   [<trailer name>:<value>\r\n ...]\r\n
//
// Signatures are not checked: the local endpoint accepts any credentials.

export type ChunkedDecoding =
  | {ok: true; payload: Buffer; trailers: Map<string, string>}
  | {ok: false; reason: string}

const CRLF = Buffer.from('\r\n')
/** 16 hex digits already exceed any body this endpoint will hold; longer is garbage. */
const MAX_SIZE_DIGITS = 16

export function decodeAwsChunked(raw: Buffer): ChunkedDecoding {
  const parts: Buffer[] = []
  let pos = 0
  for (;;) {
    const lineEnd = raw.indexOf(CRLF, pos)
    if (lineEnd < 0) return fail('chunk header is not terminated by CRLF')
    const header = raw.subarray(pos, lineEnd).toString('latin1')
    const sizeText = header.split(';', 1)[0] ?? ''
    if (!/^[0-9a-fA-F]+$/.test(sizeText) || sizeText.length > MAX_SIZE_DIGITS) {
      return fail(`invalid chunk size ${JSON.stringify(sizeText.slice(0, 20))}`)
    }
    const size = Number.parseInt(sizeText, 16)
    pos = lineEnd + CRLF.length
    if (size === 0) break
    if (pos + size + CRLF.length > raw.length) return fail('chunk data is shorter than its declared size')
    parts.push(raw.subarray(pos, pos + size))
    pos += size
    if (!raw.subarray(pos, pos + CRLF.length).equals(CRLF)) return fail('chunk data is not followed by CRLF')
    pos += CRLF.length
  }
  const trailers = parseTrailers(raw.subarray(pos).toString('latin1'))
  if (trailers === undefined) return fail('malformed trailer')
  return {ok: true, payload: Buffer.concat(parts), trailers}
}

/** Trailer lines up to the blank line that ends the body; a missing final CRLF is tolerated. */
function parseTrailers(text: string): Map<string, string> | undefined {
  const trailers = new Map<string, string>()
  const lines = text.split('\r\n')
  for (const [index, line] of lines.entries()) {
    if (line === '') {
      const rest = lines.slice(index + 1)
      return rest.every((l) => l === '') ? trailers : undefined
    }
    const colon = line.indexOf(':')
    if (colon <= 0) return undefined
    trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return trailers
}

function fail(reason: string): ChunkedDecoding {
  return {ok: false, reason}
}
