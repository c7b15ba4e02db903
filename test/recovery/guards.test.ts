// The guards a recovery passes before it starts: each refusal is exit 3 (exit 2 without a TTY and
// --yes) with the reason and a next step, and nothing is started.
import {ListExecutionsCommand, StartExecutionCommand, StopExecutionCommand} from '@aws-sdk/client-sfn'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import Recover from '../../src/commands/recover.js'
import {acquireLock, releaseLock} from '../../src/holds/lock.js'
import type {RecoveryPlan} from '../../src/recovery/plan.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario, shipped, stateMachineArn} from '../helpers/pipelines.js'
import {runCommand} from '../helpers/run-command.js'

let local: LocalAws
beforeAll(async () => {
  local = await localAws()
  await deployShipped(local)
})
afterAll(() => local.close())

const recover = (argv: string[], env: Record<string, string> = {}) => runCommand(Recover, [...argv, ...local.flags], {env: {...local.env, ...env}})
const errorOf = (r: {json: unknown}) => (r.json as {error: {code: string; message: string; suggestions: string[]}}).error
const recoveries = async () =>
  ((await local.clients.sfn.send(new ListExecutionsCommand({stateMachineArn: stateMachineArn(local, 'saturday')}))).executions ?? []).filter((e) => e.name?.startsWith('recover-')).map((e) => e.name)

describe('recovery guards', () => {
  it('refuses a source that is still RUNNING and points at watch', async () => {
    const release = local.endpoint.clock.hold()
    try {
      const started = await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: stateMachineArn(local, 'saturday'), name: 'g-running', input: '{"run_date": "2026-06-06"}'}))
      const r = await recover(['--from', 'g-running', '--dry-run', '--json'])
      expect(r.exitCode).toBe(3)
      expect(errorOf(r).code).toBe('SOURCE_RUNNING')
      expect(errorOf(r).suggestions[0]).toMatch(/ae executions watch/)
      await local.clients.sfn.send(new StopExecutionCommand({executionArn: started.executionArn}))
    } finally {
      release()
    }
  })

  it('refuses while another execution of the pipeline is RUNNING for the same run date', async () => {
    await runScenario(local, 'saturday', 'evaluator-fails', 'g-source', {run_date: '2026-06-13'})
    const release = local.endpoint.clock.hold()
    try {
      const other = await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: stateMachineArn(local, 'saturday'), name: 'g-manual-rerun', input: '{"run_date": "2026-06-13"}'}))
      const before = await recoveries()
      const r = await recover(['--from', 'g-source', '--yes', '--json'])
      expect(r.exitCode).toBe(3)
      expect(errorOf(r)).toMatchObject({code: 'RUNNING_FOR_RUN_DATE'})
      expect(errorOf(r).message).toContain('g-manual-rerun')
      expect(await recoveries()).toEqual(before)
      await local.clients.sfn.send(new StopExecutionCommand({executionArn: other.executionArn}))
    } finally {
      release()
    }
  })

  it('refuses while a deploy holds the lock, naming it', async () => {
    await runScenario(local, 'saturday', 'evaluator-fails', 'g-locked', {run_date: '2026-06-20'})
    const {lock} = await acquireLock(local.clients.s3, shipped.config.holds!, {holder: 'arn:aws:sts::000000000000:assumed-role/deployer/alice', pipelines: ['saturday'], command: 'ae deploy', now: () => new Date()})
    try {
      const r = await recover(['--from', 'g-locked', '--yes', '--json'])
      expect(r.exitCode).toBe(3)
      expect(errorOf(r).message).toMatch(/alice/)
      expect(await recoveries()).not.toContain('recover-2026-06-20-1')
    } finally {
      await releaseLock(local.clients.s3, shipped.config.holds!, lock)
    }
  })

  it('refuses in an account the config does not allow, naming both accounts', async () => {
    await runScenario(local, 'saturday', 'evaluator-fails', 'g-account', {run_date: '2026-06-27'})
    const r = await recover(['--from', 'g-account', '--yes', '--json'], {AWS_ACCESS_KEY_ID: '111111111111'})
    expect(r.exitCode).toBe(3)
    expect(errorOf(r).message).toMatch(/account 111111111111 is not allowed.*000000000000/)
  })

  it('needs --yes without a terminal: exit 2, nothing started', async () => {
    await runScenario(local, 'saturday', 'evaluator-fails', 'g-tty', {run_date: '2026-07-04'})
    const r = await recover(['--from', 'g-tty'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/Error: .*needs confirmation/)
    expect(r.stderr).toMatch(/Next: Rerun with --yes/)
    expect(await recoveries()).not.toContain('recover-2026-07-04-1')
  })
})

describe('--rerun', () => {
  it('forces a workload and what is downstream of it, but not its Parallel sibling', async () => {
    await runScenario(local, 'saturday', 'evaluator-fails', 'rr-1', {run_date: '2026-07-11'})
    const r = await recover(['--from', 'rr-1', '--rerun', 'Research', '--dry-run', '--json'])
    const plan = r.json as RecoveryPlan
    expect(plan.run).toEqual(['Research', 'DataPhase2', 'ComputeEvalCadence', 'RationaleClustering', 'ReplayConcordance', 'Counterfactual', 'DriftDetection', 'Backtester', 'Parity', 'Evaluator'])
    expect(plan.skip).toEqual(['MorningEnrich', 'DataPhase1', 'RAGIngestion', 'RegimeSubstrate', 'RegimeRetrospectiveEval', 'PredictorTraining'])
    expect(plan.workloads.find((w) => w.name === 'Research')!.reason).toBe('forced by --rerun')
  })

  it('refuses an unknown workload with a suggestion, exit 2', async () => {
    const r = await recover(['--from', 'rr-1', '--rerun', 'Reserch', '--dry-run', '--json'])
    expect(r.exitCode).toBe(2)
    expect(errorOf(r).message).toMatch(/did you mean Research\?/)
  })
})
