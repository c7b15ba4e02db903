// The EventBridge handler on 127.0.0.1 and port 0, with a real EventBridgeClient pointed at it
// and a clock the test moves by hand.
import {EventBridgeClient} from '@aws-sdk/client-eventbridge'

import {EventsStore, createEventsHandler} from '../../../src/local/events/index.js'
import {clientConfig, serveHandler} from '../../helpers/serve-handler.js'

export {rejection} from '../../helpers/serve-handler.js'

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
  const served = await serveHandler(createEventsHandler({region: REGION, accountId: ACCOUNT, clock, store}))
  const client = new EventBridgeClient(clientConfig(served.url, REGION))
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
