// One node:http server on 127.0.0.1 speaking the wire protocols the CLI uses. It reads each body
// whole, applies fault injection, routes by protocol, and answers every failure in an AWS shape:
// a handler that throws is a bug, but it must still not take the server down.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {createFaultInjector, type FaultOptions} from './faults.js'
import type {LocalHandler, LocalRequest, LocalResponse} from './http.js'
import {protocolOf, type Protocol} from './protocol.js'

export interface ServeOptions {
  port?: number
  host?: string
  handlers: Record<Protocol, LocalHandler>
  faults?: FaultOptions
  /** Called with every request after routing (the endpoint records API calls for `ae iam-policy` tests). */
  onRequest?: (protocol: Protocol, req: LocalRequest) => void
  /** Called with every request answered by an injected fault instead of its handler. */
  onFault?: (protocol: Protocol, req: LocalRequest) => void
  /** Largest body accepted; AWS's own limits are far below this. */
  maxBodyBytes?: number
}

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const faults = createFaultInjector(options.faults)
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, internalError(error)))
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req, maxBody)
    if (body === undefined) return send(res, {status: 413, body: 'request body too large'})
    const request: LocalRequest = {method: req.method ?? 'GET', url: new URL('http://127.0.0.1' + (req.url ?? '/')), headers: req.headers, body}
    const protocol = protocolOf(request)
    const {delayMs, fault} = faults.decide(request)
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs))
    if (fault) {
      options.onFault?.(protocol, request)
      return send(res, fault)
    }
    options.onRequest?.(protocol, request)
    send(res, await options.handlers[protocol](request))
  }

  // Keep-alive sockets would hold close() open for the SDK's idle connections.
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) tooLarge = true
      else chunks.push(c)
    })
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, r: LocalResponse) {
  if (res.headersSent) return void res.end()
  const body = r.body ?? ''
  res.writeHead(r.status, {'content-length': Buffer.byteLength(body), ...r.headers})
  res.end(body)
}

function internalError(error: unknown): LocalResponse {
  const message = error instanceof Error ? error.message : String(error)
  return {status: 500, headers: {'content-type': 'application/x-amz-json-1.0'}, body: JSON.stringify({__type: 'InternalFailure', message: `local endpoint error: ${message}`})}
}
