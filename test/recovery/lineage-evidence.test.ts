// Recovery beyond the single failure: lineage across recoveries, degraded work, S3 evidence, races,
// planning offline from an exported history.
import {DeleteObjectCommand, PutObjectCommand} from '@aws-sdk/client-s3'
import {GetExecutionHistoryCommand, ListExecutionsCommand} from '@aws-sdk/client-sfn'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import Recover from '../../src/commands/recover.js'
import {loadConfig} from '../../src/config/load.js'
import {AeError} from '../../src/errors.js'
import {followExecution} from '../../src/executions/follow.js'
import {loadExecutionRecord} from '../../src/executions/record.js'
import type {RecoveryPlan} from '../../src/recovery/plan.js'
import {recover} from '../../src/recovery/recover.js'
import {writeConfig} from '../helpers/config-file.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario, stateMachineArn} from '../helpers/pipelines.js'
import {runCommand} from '../helpers/run-command.js'

let local: LocalAws
beforeAll(async () => {
  local = await localAws()
  await deployShipped(local)
})
afterAll(() => local.close())

const plan = async (from: string, extra: string[] = []) => {
  const r = await runCommand(Recover, ['--from', from, '--dry-run', '--json', ...extra, ...local.flags], {env: local.env})
  return {...r, plan: r.json as RecoveryPlan}
}
const start = async (from: string, extra: string[] = []) => {
  const r = await runCommand(Recover, ['--from', from, '--yes', '--json', ...extra, ...local.flags], {env: local.env})
  return {...r, plan: r.json as RecoveryPlan}
}
const decision = (p: RecoveryPlan, name: string) => p.workloads.find((w) => w.name === name)!
const ranIn = async (arn: string) => (await loadExecutionRecord(local.clients.sfn, arn, 'none')).value.timeline.workloads.filter((w) => w.outcome !== 'skipped' && w.outcome !== 'not-run').map((w) => w.workload)
const key = (k: string, body = '{"ok": true}') => local.clients.s3.send(new PutObjectCommand({Bucket: 'alpha-engine-research', Key: k, Body: body}))

describe('a recovery of a recovery', () => {
  it('skips what any run of the lineage finished and re-runs only the second failure', async () => {
    // Given a run where Research hit a 429 after PredictorTraining finished
    await runScenario(local, 'saturday', 'research-rate-limited', 'lin-orig', {run_date: '2026-03-07'})
    // and a first recovery that got Research done but then failed in Backtester
    const failingConfig = writeConfig((c) => (c.recovery.extraInput = {ae_scenario: 'backtester-fails'}))
    const first = await start('lin-orig', ['--config', failingConfig])
    expect(first.exitCode).toBe(0)
    expect((await followExecution(local.clients.sfn, first.plan.started!.executionArn, {pollMs: 20})).status).toBe('FAILED')

    // When the recovery is recovered (this time with every task succeeding)
    const second = await start(first.plan.executionName, ['--config', writeConfig((c) => (c.recovery.extraInput = {ae_scenario: 'happy-path'}))])
    expect(second.exitCode).toBe(0)

    // Then the lineage is the original and the first recovery, and only Backtester onwards runs
    const p = second.plan
    expect(p.lineage.map((a) => a.split(':').pop())).toEqual(['lin-orig', 'recover-2026-03-07-1'])
    expect(p.executionName).toBe('recover-2026-03-07-2')
    expect(p.input.ae_recovery).toMatchObject({root: p.lineage[0], of: p.lineage[1], attempt: 2})
    expect(p.run).toEqual(['Backtester', 'Parity', 'Evaluator'])
    expect(decision(p, 'PredictorTraining')).toMatchObject({decision: 'skip', outcome: 'completed'})
    expect(decision(p, 'PredictorTraining').outcomes.map((o) => o.outcome)).toEqual(['completed', 'skipped'])
    expect(decision(p, 'Research').outcomes.map((o) => o.outcome)).toEqual(['failed', 'completed'])
    expect((await followExecution(local.clients.sfn, p.started!.executionArn, {pollMs: 20})).status).toBe('SUCCEEDED')
    expect(await ranIn(p.started!.executionArn)).toEqual(['Backtester', 'Parity', 'Evaluator'])
  })
})

describe('degraded work', () => {
  it('re-runs the eval chain of a run that SUCCEEDED with it degraded, and what is downstream of it', async () => {
    await runScenario(local, 'saturday', 'eval-judge-degraded', 'deg-1', {run_date: '2026-03-14'})
    const {plan: p, exitCode} = await plan('deg-1')
    expect(exitCode).toBe(0)
    expect(decision(p, 'ComputeEvalCadence')).toMatchObject({outcome: 'degraded', decision: 'run'})
    expect(p.skip).toEqual(expect.arrayContaining(['MorningEnrich', 'Research', 'DataPhase2', 'PredictorTraining']))
    expect(p.run).toEqual(expect.arrayContaining(['ComputeEvalCadence', 'RationaleClustering', 'Backtester']))
    expect(p.run).not.toContain('PredictorTraining')
    expect(p.warnings.join(' ')).toMatch(/SUCCEEDED, but ComputeEvalCadence degraded/)
  })

  it('refuses a clean success: nothing to recover, exit 3', async () => {
    await runScenario(local, 'saturday', 'happy-path', 'ok-1', {run_date: '2026-03-21'})
    const r = await plan('ok-1')
    expect(r.exitCode).toBe(3)
    expect((r.json as {error: {code: string}}).error.code).toBe('NOTHING_TO_RECOVER')
  })
})

describe('S3 evidence', () => {
  it('rescues Research when its completion keys were written before it failed', async () => {
    await runScenario(local, 'saturday', 'research-rate-limited', 'ev-rescue', {run_date: '2026-04-04'})
    for (const t of ['healthcare', 'industrials']) await key(`archive/sector_team_runs/2026-04-04/${t}.json`)
    for (const a of ['cio', 'macro']) await key(`archive/agent_runs/2026-04-04/${a}.json`)
    const {plan: p} = await plan('ev-rescue')
    expect(decision(p, 'Research')).toMatchObject({outcome: 'failed', evidenceVerdict: 'rescue', decision: 'skip'})
    expect(decision(p, 'Research').reason).toMatch(/rescued/)
    expect(p.skipFlags.skip_research).toBe(true)
  })

  it('re-runs completed work whose completion key is missing, with a warning', async () => {
    await runScenario(local, 'saturday', 'research-rate-limited', 'ev-contra', {run_date: '2026-04-11'})
    await local.clients.s3.send(new DeleteObjectCommand({Bucket: 'alpha-engine-research', Key: 'predictor/weights/2026-04-11/manifest.json'}))
    const {plan: p} = await plan('ev-contra')
    expect(decision(p, 'PredictorTraining')).toMatchObject({outcome: 'completed', evidenceVerdict: 'contradict', decision: 'run'})
    expect(p.warnings.join(' ')).toMatch(/PredictorTraining: history says completed/)
  })

  it('reports partial progress and resumes from it', async () => {
    await runScenario(local, 'saturday', 'research-rate-limited', 'ev-partial', {run_date: '2026-04-18'})
    const {plan: p} = await plan('ev-partial')
    expect(decision(p, 'Research')).toMatchObject({evidenceVerdict: 'partial', decision: 'run'})
    expect(decision(p, 'Research').evidenceSummary).toMatch(/4 of 6 progress keys/)
    expect(decision(p, 'Research').reason).toMatch(/resumes from 4 of 6 progress keys/)
  })

  it('refuses to start on quarantined stub keys, naming them and the command that deletes them', async () => {
    await runScenario(local, 'saturday', 'stub-poisoned', 'ev-poison', {run_date: '2026-04-25'})
    const dry = await plan('ev-poison')
    expect(dry.exitCode).toBe(3)
    expect(dry.plan.blocked[0]).toMatchObject({code: 'POISONED_EVIDENCE'})
    expect(dry.plan.blocked[0]!.keys!.every((k) => k.startsWith('s3://alpha-engine-research/archive/sector_team_runs/2026-04-25/'))).toBe(true)
    expect(dry.plan.blocked[0]!.command).toMatch(/^aws s3 rm s3:\/\//)
    const real = await start('ev-poison')
    expect(real.exitCode).toBe(3)
    expect((real.json as {error: {code: string}}).error.code).toBe('POISONED_EVIDENCE')
    const listed = await local.clients.sfn.send(new ListExecutionsCommand({stateMachineArn: stateMachineArn(local, 'saturday')}))
    expect(listed.executions!.some((e) => e.name === 'recover-2026-04-25-1')).toBe(false)
  })
})

describe('two operators racing', () => {
  it('start exactly one recovery; the loser is told which execution won', async () => {
    await runScenario(local, 'saturday', 'predictor-fails', 'race-1', {run_date: '2026-05-02'})
    const loaded = loadConfig({env: {}, cwd: '/'})
    const deps = {loaded, clients: async () => local.clients, confirm: async () => {}}
    const req = {from: 'race-1', dryRun: false, rerun: [], strategy: 'auto' as const}
    const results = await Promise.allSettled([recover(req, deps), recover(req, deps)])
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    const error = lost[0]!.reason as AeError
    expect(error.code).toBe('RECOVERY_EXISTS')
    expect(error.exitCode).toBe(3)
    expect(error.message).toContain('recover-2026-05-02-1')
    expect(error.details?.winner).toMatch(/:recover-2026-05-02-1$/)
    const listed = await local.clients.sfn.send(new ListExecutionsCommand({stateMachineArn: stateMachineArn(local, 'saturday')}))
    expect(listed.executions!.filter((e) => e.name === 'recover-2026-05-02-1')).toHaveLength(1)
  })
})

describe('planning from an exported history', () => {
  it('gives the same plan offline as the live path for the same run', async () => {
    const run = await runScenario(local, 'saturday', 'parity-fails', 'file-1', {run_date: '2026-05-09'})
    const events: unknown[] = []
    let nextToken: string | undefined
    do {
      const page = await local.clients.sfn.send(new GetExecutionHistoryCommand({executionArn: run.executionArn, maxResults: 1000, nextToken}))
      events.push(...page.events!)
      nextToken = page.nextToken
    } while (nextToken)
    const file = join(mkdtempSync(join(tmpdir(), 'ae-history-')), 'history.json')
    writeFileSync(file, JSON.stringify({events}))

    const live = (await plan('file-1')).plan
    const offline = await runCommand(Recover, ['--from', file, '--definition', 'asl/saturday-pipeline.asl.json', '--pipeline', 'saturday', '--dry-run', '--json'], {env: {AWS_ENDPOINT_URL: 'http://127.0.0.1:9'}})
    expect(offline.exitCode).toBe(0)
    const o = offline.json as RecoveryPlan
    const comparable = (p: RecoveryPlan) => ({
      skipFlags: p.skipFlags,
      run: p.run,
      skip: p.skip,
      unavoidable: p.unavoidable,
      strategy: p.strategy,
      executionName: p.executionName,
      runDate: p.source.runDate,
      input: {...p.input, ae_recovery: undefined},
      decisions: p.workloads.map((w) => [w.name, w.outcome, w.decision]),
    })
    expect(comparable(o)).toEqual(comparable(live))
    expect(live.unavoidable.map((u) => u.workload)).toEqual(['Backtester'])
  })
})
