// A tiny node:http server around one LocalHandler, on 127.0.0.1 and port 0, so the tests can
// point the real AWS SDK at it.
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

import {EventBridgeClient} from '@aws-sdk/client-eventbridge'

import type {LocalHandler, LocalRequest} from '../../../src/local/http.js'
import {EventsStore, createEventsHandler} from '../../../src/local/events/index.js'

export interface Served {
  url: string
  close(): Promise<void>
}

export async function serve(handler: LocalHandler): Promise<Served> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request: LocalRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks),
      }
      handler(request).then(
        (response) => {
          res.writeHead(response.status, response.headers ?? {})
          res.end(response.body ?? '')
        },
        (error: unknown) => {
          res.writeHead(599, {'content-type': 'text/plain'})
          res.end(`handler threw: ${String(error)}`)
        },
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  }
}

export const ACCOUNT = '123456789012'
export const REGION = 'us-east-1'

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current)
  }
  set(at: Date | string): void {
    this.current = new Date(at)
  }
}

export interface EventsFixture {
  client: EventBridgeClient
  store: EventsStore
  clock: ManualClock
  url: string
  close(): Promise<void>
}

/** The EventBridge handler with an empty store behind a server, and an SDK client pointed at it. */
export async function startEvents(now = '2026-03-02T00:00:00Z'): Promise<EventsFixture> {
  const store = new EventsStore()
  const clock = new ManualClock(new Date(now))
  const served = await serve(createEventsHandler({region: REGION, accountId: ACCOUNT, clock, store}))
  const client = new EventBridgeClient({
    endpoint: served.url,
    region: REGION,
    credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
    maxAttempts: 1,
  })
  return {
    client,
    store,
    clock,
    url: served.url,
    close: async () => {
      client.destroy()
      await served.close()
    },
  }
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & {$metadata?: {httpStatusCode?: number}}> {
  try {
    await promise
  } catch (e) {
    return e as Error
  }
  throw new Error('expected the call to fail, and it succeeded')
}
