// The Step Functions handler behind a tiny node:http server on 127.0.0.1 and port 0, the real
// SFNClient pointed at it, the engine on a virtual clock at timeScale 0, and a handful of task
// integrations with a spec (no mocks): echo, fail, a flaky one the test can fix, and one that holds
// until the test releases it.
import {SFNClient} from '@aws-sdk/client-sfn'
import {afterEach, beforeEach} from 'vitest'

import {StatesError} from '../../../src/asl/states-error.js'
import type {JsonValue, StateMachineDefinition} from '../../../src/asl/types.js'
import type {Execution, Integrations, TaskHandler} from '../../../src/local/engine/api.js'
import {createVirtualClock, type VirtualClock} from '../../../src/local/engine/clock.js'
import {createSfnHandler, SfnStore} from '../../../src/local/sfn/index.js'
import {clientConfig, serveHandler} from '../../helpers/serve-handler.js'

export {rejection} from '../../helpers/serve-handler.js'

export const ACCOUNT = '123456789012'
export const REGION = 'us-east-1'
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/StepFunctionsRole`
export const fn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`
export const smArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`

/** Tasks on `hold` wait here until the test releases them (or the execution is stopped). */
export class Gate {
  private waiters: Array<() => void> = []

  wait(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      this.waiters.push(resolve)
      signal.addEventListener('abort', () => reject(signal.reason), {once: true})
    })
  }

  get waiting(): number {
    return this.waiters.length
  }

  release(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }
}

export interface Switches {
  /** While true the `flaky` function fails with Flaky.Error. */
  flakyFails: boolean
}

export function testIntegrations(gate: Gate, switches: Switches): Integrations {
  const handlers: Record<string, TaskHandler> = {
    [fn('echo')]: async (req) => ({output: req.input}),
    [fn('fail')]: async () => {
      throw new StatesError('Boom', 'the function failed')
    },
    [fn('flaky')]: async (req) => {
      if (switches.flakyFails) throw new StatesError('Flaky.Error', 'not yet')
      return {output: req.input}
    },
    [fn('hold')]: async (req) => {
      await gate.wait(req.signal)
      return {output: req.input}
    },
  }
  return {resolve: (resource) => handlers[resource]}
}

export interface IntegrationRequest {
  stateMachineName: string
  testCase: string | undefined
  input: unknown
}

export interface SfnFixture {
  client: SFNClient
  store: SfnStore
  clock: VirtualClock
  gate: Gate
  switches: Switches
  /** Every integrationsFor call, in order. */
  integrationRequests: IntegrationRequest[]
  started: Execution[]
  url: string
  /** Waits until the engine finishes the execution's current run. */
  settle(executionArn: string): Promise<void>
  close(): Promise<void>
}

export async function startSfn(options: {start?: string; store?: SfnStore} = {}): Promise<SfnFixture> {
  const store = options.store ?? new SfnStore()
  const clock = createVirtualClock({timeScale: 0, start: new Date(options.start ?? '2026-03-02T00:00:00Z')})
  const gate = new Gate()
  const switches: Switches = {flakyFails: false}
  const integrationRequests: IntegrationRequest[] = []
  const started: Execution[] = []
  const handler = createSfnHandler({
    region: REGION,
    accountId: ACCOUNT,
    clock,
    store,
    integrationsFor(stateMachineName, testCase, input) {
      integrationRequests.push({stateMachineName, testCase, input})
      return testIntegrations(gate, switches)
    },
    onStarted: (execution) => started.push(execution),
  })
  const served = await serveHandler(handler)
  const client = new SFNClient(clientConfig(served.url, REGION))
  return {
    client,
    store,
    clock,
    gate,
    switches,
    integrationRequests,
    started,
    url: served.url,
    async settle(executionArn) {
      const live = store.execution(executionArn)?.live
      if (live === undefined) throw new Error(`no running engine execution for ${executionArn}`)
      await live.done
    },
    close: async () => {
      client.destroy()
      await served.close()
    },
  }
}

/**
 * A fresh endpoint for every test of the calling file: started before each test and closed after
 * it, held tasks released first. The object returned is the fixture of the test that is running.
 */
export function sfnPerTest(options: {start?: string} = {}): SfnFixture {
  const current = {} as SfnFixture
  beforeEach(async () => {
    Object.assign(current, await startSfn(options))
  })
  afterEach(async () => {
    current.gate.release()
    await current.close()
  })
  return current
}

export const json = (value: JsonValue | StateMachineDefinition) => JSON.stringify(value)

// Definitions the tests share.
export const PASS: StateMachineDefinition = {StartAt: 'Done', States: {Done: {Type: 'Pass', End: true}}}

export const taskMachine = (resource: string): StateMachineDefinition => ({
  StartAt: 'Work',
  States: {Work: {Type: 'Task', Resource: resource, End: true}},
})

/** Echo, then the flaky step: fails while `flakyFails` is set, so a redrive can succeed. */
export const TWO_STEPS: StateMachineDefinition = {
  StartAt: 'First',
  States: {
    First: {Type: 'Task', Resource: fn('echo'), Next: 'Second'},
    Second: {Type: 'Task', Resource: fn('flaky'), End: true},
  },
}
