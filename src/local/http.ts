// The shape every protocol handler of the embedded endpoint takes and returns. The server reads
// the whole body once and routes by protocol; handlers never touch node:http themselves, so they
// can be tested as functions.
import type {IncomingHttpHeaders} from 'node:http'

export interface LocalRequest {
  method: string
  url: URL
  /** Lower-cased header names, as node:http gives them. */
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface LocalResponse {
  status: number
  headers?: Record<string, string>
  body?: string | Buffer
}

export type LocalHandler = (req: LocalRequest) => Promise<LocalResponse>
