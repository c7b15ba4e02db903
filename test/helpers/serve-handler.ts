// Serves one LocalHandler on 127.0.0.1, port 0, the way the combined endpoint does (read the whole
// body, build a LocalRequest, write the LocalResponse), so a test can point a real SDK client at
// one service without the rest of the endpoint.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import type {LocalHandler, LocalRequest} from '../../src/local/http.js'

export interface ServedHandler {
  url: string
  /** Every request the handler saw, in arrival order; empty unless asked for with `recordRequests`. */
  requests: LocalRequest[]
  /** Anything the handler threw (it should never throw); each is answered with a 599. */
  failures: unknown[]
  close(): Promise<void>
}

export interface ServeOptions {
  recordRequests?: boolean
}

export async function serveHandler(handler: LocalHandler, options: ServeOptions = {}): Promise<ServedHandler> {
  const requests: LocalRequest[] = []
  const failures: unknown[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => void respond(req, res, Buffer.concat(chunks)))
  })

  async function respond(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    try {
      // Concatenate rather than resolve against a base: a path such as //x must stay a path.
      const url = new URL(`http://127.0.0.1${req.url ?? '/'}`)
      const request: LocalRequest = {method: req.method ?? 'GET', url, headers: req.headers, body}
      if (options.recordRequests) requests.push(request)
      const response = await handler(request)
      res.writeHead(response.status, response.headers ?? {})
      res.end(response.body ?? '')
    } catch (error) {
      failures.push(error)
      // Not a status any AWS service sends, so a test that checks the answer's shape notices.
      if (!res.headersSent) res.writeHead(599, {'content-type': 'text/plain'})
      res.end(`handler threw: ${String(error)}`)
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failures,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((e) => (e ? reject(e) : resolve()))
      }),
  }
}

/** An SDK client's settings for a served handler: its URL, dummy credentials, and no retries to hide a failure. */
export const clientConfig = (url: string, region: string) => ({
  endpoint: url,
  region,
  credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
  maxAttempts: 1,
})

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & {$metadata?: {httpStatusCode?: number}}> {
  try {
    await promise
  } catch (e) {
    return e as Error
  }
  throw new Error('expected the call to fail, and it succeeded')
}
