// Recovery plans with the endpoint throttling 30% of requests, failing 5% with a 500 and adding
// latency: the CLI's own clients (adaptive retries, production attempts and timeouts) must make
// every plan come out exactly as it does without faults.
//
// Determinism: each of the 50 plans runs against its own endpoint, restored from one persisted
// state and seeded with its own fault seed, and plans with evidence concurrency 1, so each plan's
// requests reach its endpoint in a fixed order and meet the same faults on every run. The 50 run
// at once (as 50 operators would): sequentially, the SDK's backoff alone would take minutes.
import {cpSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {createClients} from '../../src/aws/clients.js'
import {loadConfig} from '../../src/config/load.js'
import type {RecoveryPlan} from '../../src/recovery/plan.js'
import {recover} from '../../src/recovery/recover.js'
import {writeConfig} from '../helpers/config-file.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario} from '../helpers/pipelines.js'

const FAULTS = {throttleRate: 0.3, errorRate: 0.05, latencyMs: 250}
const PLANS = 50
const START = new Date('2026-03-02T06:00:00Z')

const loaded = loadConfig({flag: writeConfig((c) => (c.recovery.evidenceConcurrency = 1))})

/** Each endpoint persists to its own copy: they must not share the state file. */
function copyOf(dataDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ae-faults-copy-'))
  cpSync(dataDir, dir, {recursive: true})
  return dir
}

/** A dry-run plan made the way `ae recover --dry-run` makes it: fresh clients with the CLI's defaults. */
async function planOn(local: LocalAws): Promise<RecoveryPlan> {
  const clients = await createClients({endpoint: local.endpoint.url, region: local.endpoint.region, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
  try {
    const {plan} = await recover({from: 'flt-source', dryRun: true, rerun: [], strategy: 'auto'}, {loaded, clients: async () => clients, confirm: async () => {}, requestId: 'fixed'})
    return plan
  } finally {
    clients.destroy()
  }
}

describe('recovery plans under injected faults', () => {
  it(`${PLANS} plans of the research-rate-limited run, with 30% throttling, 5% 500s and latency, all equal the fault-free plan`, async () => {
    // Given the research-rate-limited run, persisted, and its plan on a fault-free endpoint restored from it
    const dataDir = mkdtempSync(join(tmpdir(), 'ae-faults-'))
    const setup = await localAws({dataDir, start: START})
    await deployShipped(setup)
    await runScenario(setup, 'saturday', 'research-rate-limited', 'flt-source', {run_date: '2026-02-28'})
    await setup.close()
    const clean = await localAws({dataDir: copyOf(dataDir)})
    const expected = await planOn(clean)
    const callsPerPlan = clean.endpoint.calls.length
    await clean.close()

    // When each of 50 operators plans it against an endpoint injecting faults (its own seed)
    const results = await Promise.all(
      Array.from({length: PLANS}, async (_, i) => {
        const faulty = await localAws({dataDir: copyOf(dataDir), faults: {...FAULTS, seed: 1000 + i}})
        try {
          return {plan: await planOn(faulty), attempts: faulty.endpoint.calls.length}
        } finally {
          await faulty.close()
        }
      }),
    )

    // Then every plan is the fault-free plan, field for field
    for (const r of results) expect(r.plan).toEqual(expected)
    expect(expected.run).toContain('Research')
    // and the faults really happened: about a third of all attempts were answered with one
    const attempts = results.reduce((n, r) => n + r.attempts, 0)
    const injected = attempts - PLANS * callsPerPlan
    expect(injected / attempts).toBeGreaterThan(0.25)
    expect(injected / attempts).toBeLessThan(0.45)
  }, 240_000)
})
