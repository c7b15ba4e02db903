// The JSON a runbook parses: `ae recover --json` validates against the schema shipped in the
// package, for a dry run, a started recovery, and a refused (blocked) plan.
import {Ajv} from 'ajv'
import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import Recover from '../../src/commands/recover.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario} from '../helpers/pipelines.js'
import {runCommand} from '../helpers/run-command.js'

const schema = JSON.parse(readFileSync(new URL('../../schemas/recover-plan.schema.json', import.meta.url), 'utf8')) as object
const validate = new Ajv({allErrors: true, strict: false}).compile(schema)

let local: LocalAws
beforeAll(async () => {
  local = await localAws()
  await deployShipped(local)
  await runScenario(local, 'saturday', 'research-rate-limited', 'contract-1', {run_date: '2026-08-01'})
  await runScenario(local, 'saturday', 'stub-poisoned', 'contract-2', {run_date: '2026-08-08'})
})
afterAll(() => local.close())

describe('the ae recover --json contract', () => {
  it.each([
    ['a dry run', ['--from', 'contract-1', '--dry-run'], 0],
    ['a started recovery followed to its end', ['--from', 'contract-1', '--yes', '--wait'], 0],
    ['a plan refused for poisoned evidence', ['--from', 'contract-2', '--dry-run'], 3],
  ])('%s matches schemas/recover-plan.schema.json', async (_name, argv, exit) => {
    const r = await runCommand(Recover, [...argv, '--json', ...local.flags], {env: local.env})
    expect(r.exitCode).toBe(exit)
    const ok = validate(r.json)
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([])
    expect(ok).toBe(true)
  })

  it('rejects a plan that breaks the contract (the check can fail)', () => {
    expect(validate({source: {}, lineage: [], workloads: 'x'})).toBe(false)
  })
})
