// Test helper: serves one LocalHandler on 127.0.0.1, port 0, the way the combined endpoint will
// (read the whole body, build a LocalRequest, write the LocalResponse), and points a real
// S3Client at it.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {S3Client, type S3ClientConfig} from '@aws-sdk/client-s3'
import type {LocalHandler, LocalRequest} from '../../../src/local/http.js'
import {createS3Handler} from '../../../src/local/s3/handler.js'
import {S3Store} from '../../../src/local/s3/store.js'

export interface Served {
  url: string
  /** Every request the handler saw, in arrival order. */
  requests: LocalRequest[]
  /** Anything the handler threw (it should never throw). */
  failures: unknown[]
  close(): Promise<void>
}

export async function serve(handler: LocalHandler): Promise<Served> {
  const requests: LocalRequest[] = []
  const failures: unknown[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      void respond(req, res, Buffer.concat(chunks))
    })
  })

  async function respond(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    try {
      // Concatenate rather than resolve against a base: a path such as //x must stay a path.
      const url = new URL(`http://127.0.0.1${req.url ?? '/'}`)
      const request: LocalRequest = {method: req.method ?? 'GET', url, headers: req.headers, body}
      requests.push(request)
      const response = await handler(request)
      res.statusCode = response.status
      for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value)
      res.end(response.body)
    } catch (error) {
      failures.push(error)
      if (!res.headersSent) res.statusCode = 500
      res.end()
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failures,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function s3Client(url: string, config: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    endpoint: url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
    ...config,
  })
}

export interface LocalS3 {
  store: S3Store
  served: Served
  client: S3Client
  close(): Promise<void>
}

/** A fresh store behind the S3 handler, with a default client (aws-chunked uploads and all). */
export async function startLocalS3(config: Partial<S3ClientConfig> = {}): Promise<LocalS3> {
  const store = new S3Store()
  const served = await serve(createS3Handler(store))
  const client = s3Client(served.url, config)
  return {
    store,
    served,
    client,
    close: async () => {
      client.destroy()
      await served.close()
    },
  }
}
