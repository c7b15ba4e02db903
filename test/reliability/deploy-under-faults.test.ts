// Deploys with the endpoint throttling 30% of requests, failing 5% with a 500 and adding latency:
// each either switches the definition completely (new definition and its tags, exit 0) or leaves
// the live one as it was, and in both cases the deploy lock is gone afterwards.
//
// Under this load the SDK's adaptive retries make one deploy take many seconds, so the deploys run
// at once, each against its own endpoint (restored from one persisted state, its own fault seed):
// one is `ae deploy saturday --yes --json` run in-process, the others call the deploy module the
// way the command does (the command is the only one writing to stdout).
import {ListTagsForResourceCommand} from '@aws-sdk/client-sfn'
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {createClients} from '../../src/aws/clients.js'
import Deploy from '../../src/commands/deploy.js'
import {loadConfig} from '../../src/config/load.js'
import {deploy} from '../../src/deploy/deploy.js'
import {isAeError} from '../../src/errors.js'
import {readLock} from '../../src/holds/lock.js'
import {arnOf, liveDefinition, SATURDAY, startOps, writeConfig} from '../deploy/fixture.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped} from '../helpers/pipelines.js'
import {projectRoot, runCommand} from '../helpers/run-command.js'

const FAULTS = {throttleRate: 0.3, errorRate: 0.05, latencyMs: 100}
const DEPLOYS = 8

function copyOf(dataDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ae-deploy-faults-copy-'))
  cpSync(dataDir, dir, {recursive: true})
  return dir
}

/** Exit code and, on success, the deployed definition hash: by the command, or by the module as the command calls it. */
async function deployOnce(local: LocalAws, configPath: string, viaCommand: boolean): Promise<{exitCode: number; sha?: string}> {
  if (viaCommand) {
    const r = await runCommand(Deploy, ['saturday', '--yes', '--json', ...local.flags, '--config', configPath], {env: local.env})
    const json = r.json as {result?: {pipelines: Array<{definitionSha256: string}>}}
    return {exitCode: r.exitCode, ...(r.exitCode === 0 ? {sha: json.result!.pipelines[0]!.definitionSha256} : {})}
  }
  const clients = await createClients({endpoint: local.endpoint.url, region: local.endpoint.region, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
  try {
    const outcome = await deploy(clients, loadConfig({flag: configPath}), {names: ['saturday'], vars: {}})
    return {exitCode: 0, sha: outcome.result!.pipelines[0]!.definitionSha256}
  } catch (error) {
    if (!isAeError(error)) throw error
    return {exitCode: error.exitCode}
  } finally {
    clients.destroy()
  }
}

describe('deploys under injected faults', () => {
  it(`${DEPLOYS} deploys each complete or change nothing, and none leaves the lock`, async () => {
    // Given the shipped pipelines deployed, persisted
    const dataDir = mkdtempSync(join(tmpdir(), 'ae-deploy-faults-'))
    const setup = await startOps({dataDir})
    await deployShipped(setup)
    await setup.close()
    const shipped = JSON.parse(readFileSync(join(projectRoot, 'asl/saturday-pipeline.asl.json'), 'utf8')) as Record<string, unknown>

    const results = await Promise.all(
      Array.from({length: DEPLOYS}, async (_, i) => {
        const local = await localAws({dataDir: copyOf(dataDir), faults: {...FAULTS, seed: 42 + i}})
        try {
          // and a definition that differs from the live one
          const file = join(mkdtempSync(join(tmpdir(), 'ae-deploy-faults-def-')), 'saturday.asl.json')
          writeFileSync(file, JSON.stringify({...shipped, Comment: `deploy ${i} under faults`}, null, 2))
          const cfg = writeConfig((c) => (c.pipelines.saturday!.definition = file))
          const before = await liveDefinition(local, SATURDAY)

          // When it is deployed under faults
          const r = await deployOnce(local, cfg.path, i === 0)

          const after = await liveDefinition(local, SATURDAY)
          const tags = (await local.clients.sfn.send(new ListTagsForResourceCommand({resourceArn: arnOf(local, SATURDAY)}))).tags ?? []
          const lock = await readLock(local.clients.s3, cfg.holds, new Date())
          return {i, ...r, before, after, tags, lock, marker: `deploy ${i} under faults`}
        } finally {
          await local.close()
        }
      }),
    )

    for (const r of results) {
      if (r.exitCode === 0) {
        // Then either it completed: the new definition is live and tagged with its hash
        expect(r.after, `deploy ${r.i}`).toContain(r.marker)
        expect(r.tags).toContainEqual({key: 'ae:definition-sha256', value: r.sha})
      } else {
        // or it failed, and the live definition is the one before
        expect(r.after, `deploy ${r.i} failed with exit ${r.exitCode}`).toBe(r.before)
      }
      // and either way the lock is gone
      expect(r.lock, `deploy ${r.i}`).toBeUndefined()
    }
  }, 180_000)
})
