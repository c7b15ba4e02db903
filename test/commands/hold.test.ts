// `ae hold place|list|release` against the local endpoint.
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import HoldList from '../../src/commands/hold/list.js'
import HoldPlace from '../../src/commands/hold/place.js'
import HoldRelease from '../../src/commands/hold/release.js'
import type {ListedHold, ManualHold} from '../../src/holds/manual-holds.js'
import type {LocalAws} from '../helpers/local-aws.js'
import {runCommand} from '../helpers/run-command.js'
import {startOps, writeConfig, type TestConfig} from '../deploy/fixture.js'

let local: LocalAws
let cfg: TestConfig

beforeAll(async () => {
  local = await startOps()
  cfg = writeConfig()
})
afterAll(async () => local.close())

const ae = (Cmd: Parameters<typeof runCommand>[0], args: string[], env: Record<string, string> = {}, config = cfg.path) =>
  runCommand(Cmd, [...args, ...local.flags, '--config', config], {env: {...local.env, ...env}})
const errorOf = (json: unknown) => (json as {error: {code: string; message: string; suggestions: string[]}}).error

describe('ae hold', () => {
  it('places a hold recording the caller, lists it, releases it, and keeps it for audit', async () => {
    // Place
    const placed = await ae(HoldPlace, ['--reason', 'recovery of 2026-05-16 in flight', '--pipeline', 'saturday', '--expires', '24h', '--json'])
    expect(placed.exitCode).toBe(0)
    const hold = (placed.json as {hold: ManualHold}).hold
    expect(hold).toMatchObject({reason: 'recovery of 2026-05-16 in flight', pipelines: ['saturday'], placedBy: 'arn:aws:sts::000000000000:assumed-role/ae-local-operator/local', records: []})
    expect(Date.parse(hold.expiresAt ?? '') - Date.parse(hold.placedAt)).toBe(86_400_000)

    // List (human and JSON)
    const listed = await ae(HoldList, [])
    expect(listed.stdout).toMatch(new RegExp(`${hold.id}\\s+active\\s+saturday`))
    expect(((await ae(HoldList, ['--json'])).json as {holds: ListedHold[]}).holds.map((h) => h.id)).toContain(hold.id)

    // Release
    const released = await ae(HoldRelease, [hold.id, '--reason', 'recovery is green'])
    expect(released.exitCode).toBe(0)
    expect(released.stdout).toMatch(`Released hold ${hold.id}`)
    expect(((await ae(HoldList, ['--json'])).json as {holds: ListedHold[]}).holds.map((h) => h.id)).not.toContain(hold.id)
    const all = ((await ae(HoldList, ['--all', '--json'])).json as {holds: ListedHold[]}).holds.find((h) => h.id === hold.id)
    expect(all).toMatchObject({status: 'released', records: [{type: 'release', reason: 'recovery is green'}]})
    expect((await ae(HoldList, ['--all'])).stdout).toMatch(/released by arn:aws:sts::000000000000:.*: recovery is green/)
  })

  it('refuses bad input with exit 2: an unknown pipeline is 4, a bad duration 2, a second release 2', async () => {
    expect((await ae(HoldPlace, ['--reason', 'x', '--pipeline', 'sunday', '--json'])).exitCode).toBe(4)
    expect((await ae(HoldPlace, ['--reason', 'x', '--expires', 'tomorrow', '--json'])).exitCode).toBe(2)
    expect((await ae(HoldPlace, ['--json'])).exitCode).toBe(2) // --reason is required
    const id = ((await ae(HoldPlace, ['--reason', 'twice', '--json'])).json as {hold: ManualHold}).hold.id
    await ae(HoldRelease, [id])
    const again = await ae(HoldRelease, [id, '--json'])
    expect(again.exitCode).toBe(2)
    expect(errorOf(again.json).code).toBe('HOLD_ALREADY_RELEASED')
    expect((await ae(HoldRelease, ['hold-does-not-exist', '--json'])).exitCode).toBe(4)
  })

  it('refuses to place or release a hold from an account the config does not allow (exit 3)', async () => {
    const r = await ae(HoldPlace, ['--reason', 'wrong account', '--json'], {AWS_ACCESS_KEY_ID: '444444444444'})
    expect(r.exitCode).toBe(3)
    expect(errorOf(r.json).message).toBe('account 444444444444 is not allowed by the config (allowed: 000000000000)')
  })

  it('says where to configure holds when the config has none (exit 2)', async () => {
    const bare = writeConfig((c) => {
      delete c.holds
    })
    const r = await ae(HoldList, ['--json'], {}, bare.path)
    expect(r.exitCode).toBe(2)
    expect(errorOf(r.json).code).toBe('NO_HOLDS_CONFIG')
  })
})
