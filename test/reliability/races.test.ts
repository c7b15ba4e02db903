// Races: operators recovering the same run at once, and a deploy meeting a recovery start in every
// order their steps can interleave. The deploy and the recovery are the real module functions
// against the local endpoint; the test only decides who takes the next step.
import {ListExecutionsCommand, StopExecutionCommand} from '@aws-sdk/client-sfn'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createClients, type AwsClients} from '../../src/aws/clients.js'
import {deploy} from '../../src/deploy/deploy.js'
import type {AeError} from '../../src/errors.js'
import {assertNoDeployLock, readLock} from '../../src/holds/lock.js'
import {assertNoRunningForRunDate} from '../../src/recovery/guards.js'
import {recover} from '../../src/recovery/recover.js'
import {startPlannedRecovery} from '../../src/recovery/start.js'
import {arnOf, liveDefinition, SATURDAY, startOps, writeConfig} from '../deploy/fixture.js'
import type {LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario} from '../helpers/pipelines.js'
import {projectRoot} from '../helpers/run-command.js'

type Actor = 'D' | 'R'
type Handler = (args: {input?: {Key?: string}}) => Promise<unknown>
interface Stack {
  add(m: (next: Handler, ctx: {commandName?: string}) => Handler, o: {step: 'initialize'; name: string}): void
}
const pauseBefore = (client: {middlewareStack: unknown}, when: (command: string, input: {Key?: string}) => boolean, pause: () => Promise<void>) =>
  (client.middlewareStack as Stack).add(
    (next, ctx) => async (args) => {
      if (when(ctx.commandName ?? '', args.input ?? {})) await pause()
      return next(args)
    },
    {step: 'initialize', name: `pause-${Math.random()}`},
  )

/** Every order of `d` deploy steps and `r` recovery steps. */
function interleavings(d: number, r: number): Actor[][] {
  if (d === 0) return [Array<Actor>(r).fill('R')]
  if (r === 0) return [Array<Actor>(d).fill('D')]
  return [...interleavings(d - 1, r).map((o): Actor[] => ['D', ...o]), ...interleavings(d, r - 1).map((o): Actor[] => ['R', ...o])]
}

/**
 * Grants steps in the given order. An actor calls `turn` before each of its steps (so a step is what
 * it does between two calls) and `done` when it ends; the slots of an actor that ended early are skipped.
 */
function scheduler(order: Actor[]) {
  let slot = 0
  let running: Actor | undefined
  const finished = new Set<Actor>()
  const waiting = new Map<Actor, () => void>()
  const advance = () => {
    if (running) return
    while (slot < order.length && finished.has(order[slot]!)) slot++
    const next = slot < order.length ? order[slot]! : [...waiting.keys()][0]
    const wake = next && waiting.get(next)
    if (!next || !wake) return
    waiting.delete(next)
    running = next
    slot++
    wake()
  }
  return {
    turn: (actor: Actor) =>
      new Promise<void>((resolve) => {
        if (running === actor) running = undefined
        waiting.set(actor, resolve)
        advance()
      }),
    done(actor: Actor) {
      finished.add(actor)
      if (running === actor) running = undefined
      advance()
    },
  }
}

let local: LocalAws
const credentials = {accessKeyId: 'test', secretAccessKey: 'test'}
const clientsFor = () => createClients({endpoint: local.endpoint.url, region: local.endpoint.region, credentials})
const running = async () => ((await local.clients.sfn.send(new ListExecutionsCommand({stateMachineArn: arnOf(local, SATURDAY), statusFilter: 'RUNNING'}))).executions ?? []).map((e) => e.executionArn!)

beforeAll(async () => {
  local = await startOps()
  await deployShipped(local)
})
afterAll(() => local.close())

describe('20 operators recovering the same failed run at once', () => {
  it('start exactly one execution, and each of the 19 others is told its name', async () => {
    // Given a failed run, and the clock held so the recovery that wins stays RUNNING
    await runScenario(local, 'saturday', 'predictor-fails', 'race-20', {run_date: '2026-06-06'})
    const cfg = writeConfig()
    const release = local.endpoint.clock.hold()
    try {
      // When 20 start a recovery of it at once, each with its own clients
      const results = await Promise.allSettled(
        Array.from({length: 20}, async () => {
          const clients = await clientsFor()
          try {
            return (await recover({from: 'race-20', dryRun: false, rerun: [], strategy: 'auto'}, {loaded: cfg.loaded, clients: async () => clients, confirm: async () => {}})).plan
          } finally {
            clients.destroy()
          }
        }),
      )
      // Then exactly one started recover-2026-06-06-1, the only recovery there is
      const won = results.filter((r) => r.status === 'fulfilled')
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as AeError)
      expect(won).toHaveLength(1)
      const listed = await local.clients.sfn.send(new ListExecutionsCommand({stateMachineArn: arnOf(local, SATURDAY)}))
      expect(listed.executions!.filter((e) => e.name?.startsWith('recover-2026-06-06')).map((e) => [e.name, e.status])).toEqual([['recover-2026-06-06-1', 'RUNNING']])
      // and every loser was refused (exit 3) naming it
      expect(lost).toHaveLength(19)
      for (const e of lost) {
        expect(e.exitCode).toBe(3)
        expect(e.message).toContain('recover-2026-06-06-1')
      }
      expect(await readLock(local.clients.s3, cfg.holds, new Date())).toBeUndefined()
      for (const arn of await running()) await local.clients.sfn.send(new StopExecutionCommand({executionArn: arn}))
    } finally {
      release()
    }
  }, 60_000)
})

describe('a deploy and a recovery start, in every interleaving of their steps', () => {
  // Two definitions that differ only in their Comment, so every deploy has something to switch.
  const dir = mkdtempSync(join(tmpdir(), 'ae-races-'))
  const shippedDefinition = join(projectRoot, 'asl/saturday-pipeline.asl.json')
  const variant = join(dir, 'saturday-variant.asl.json')
  writeFileSync(variant, JSON.stringify({...JSON.parse(readFileSync(shippedDefinition, 'utf8')), Comment: 'variant'}, null, 2))

  interface Outcome {
    violation: boolean
    deploy: string
    recovery: string
  }

  /** The recovery as `ae recover --yes` runs it: plan, guards, then the start under the deploy lock. */
  async function currentRecovery(clients: AwsClients, cfg: ReturnType<typeof writeConfig>, turn: () => Promise<void>): Promise<void> {
    let started = false
    pauseBefore(clients.s3, (c, i) => c === 'PutObjectCommand' && i.Key === cfg.holds.lockKey, turn)
    pauseBefore(clients.sfn, (c) => c === 'StartExecutionCommand', async () => {
      await turn()
      started = true
    })
    pauseBefore(clients.s3, (c, i) => started && c === 'GetObjectCommand' && i.Key === cfg.holds.lockKey, turn)
    await recover({from: 'il-source', dryRun: false, rerun: [], strategy: 'auto'}, {loaded: cfg.loaded, clients: async () => clients, confirm: async () => {}})
  }

  /** The recovery as it was before it took the lock for its start: check the lock, then start. */
  async function lockCheckOnlyRecovery(clients: AwsClients, cfg: ReturnType<typeof writeConfig>, turn: () => Promise<void>): Promise<void> {
    const {plan} = await recover({from: 'il-source', dryRun: true, rerun: [], strategy: 'auto'}, {loaded: cfg.loaded, clients: async () => clients, confirm: async () => {}})
    await assertNoDeployLock(clients.s3, cfg.holds)
    await assertNoRunningForRunDate(clients.sfn, arnOf(local, SATURDAY), plan.source.runDate, 'run_date', plan.source.executionArn)
    await turn()
    plan.started = await startPlannedRecovery(clients.sfn, plan, arnOf(local, SATURDAY))
  }

  async function play(order: Actor[], n: number, recovery: typeof currentRecovery): Promise<Outcome> {
    const liveIsVariant = (JSON.parse((await liveDefinition(local, SATURDAY)) ?? '{}') as {Comment?: string}).Comment === 'variant'
    const target = liveIsVariant ? shippedDefinition : variant
    const cfg = writeConfig((c) => {
      c.pipelines.saturday!.definition = target
      c.recovery.nameTemplate = `il${n}-{run_date}-{attempt}`
    })
    const sched = scheduler(order)
    const [dc, rc] = await Promise.all([clientsFor(), clientsFor()])
    let violation = false
    // The property: at the moment UpdateStateMachine is sent, no execution of the pipeline is RUNNING.
    pauseBefore(dc.sfn, (c) => c === 'UpdateStateMachineCommand', async () => {
      if ((await running()).length > 0) violation = true
    })
    const deployer = (async () => {
      await sched.turn('D') // gate
      await deploy(dc, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'race'}, {
        confirm: () => sched.turn('D'), // take the lock
        runSteps: async (steps) => {
          for (const s of steps) {
            if (/^(Re-check|Update|Release)/.test(s.title)) await sched.turn('D')
            await s.run()
          }
        },
      })
    })()
    const recoverer = (async () => {
      await sched.turn('R') // plan and guards
      await recovery(rc, cfg, () => sched.turn('R'))
    })()
    const settle = (p: Promise<unknown>, actor: Actor) =>
      p.then(
        () => (sched.done(actor), 'done'),
        (e: AeError) => (sched.done(actor), `refused ${e.code}`),
      )
    const [d, r] = await Promise.all([settle(deployer, 'D'), settle(recoverer, 'R')])
    for (const arn of await running()) await local.clients.sfn.send(new StopExecutionCommand({executionArn: arn}))
    expect(await readLock(local.clients.s3, cfg.holds, new Date()), `lock left behind by ${order.join('')}`).toBeUndefined()
    dc.destroy()
    rc.destroy()
    return {violation, deploy: d, recovery: r}
  }

  let release: () => void
  beforeAll(async () => {
    await runScenario(local, 'saturday', 'research-rate-limited', 'il-source', {run_date: '2026-06-13'})
    release = local.endpoint.clock.hold() // a started recovery stays RUNNING
  })
  afterAll(() => release())

  it('never lets UpdateStateMachine happen while a recovery is RUNNING (5 deploy steps x 4 recovery steps: 126 orders)', async () => {
    const orders = interleavings(5, 4)
    expect(orders).toHaveLength(126)
    const outcomes: Outcome[] = []
    for (const [i, order] of orders.entries()) outcomes.push(await play(order, i, currentRecovery))
    expect(outcomes.filter((o) => o.violation)).toEqual([])
    // Each side sometimes wins: the property is not met by never doing anything
    expect(outcomes.filter((o) => o.deploy === 'done').length).toBeGreaterThan(0)
    expect(outcomes.filter((o) => o.recovery === 'done').length).toBeGreaterThan(0)
    expect(outcomes.every((o) => o.deploy === 'done' || o.recovery === 'done')).toBe(true)
  }, 120_000)

  it('finds the race in a recovery that only checks the lock before it starts (the protocol this replaced)', async () => {
    const orders = interleavings(5, 2)
    const outcomes: Outcome[] = []
    for (const [i, order] of orders.entries()) outcomes.push(await play(order, 1000 + i, lockCheckOnlyRecovery))
    // check, gate, lock, re-check, start, update: the deploy switches definitions under the recovery
    expect(outcomes.filter((o) => o.violation).length).toBeGreaterThan(0)
  }, 60_000)
})
