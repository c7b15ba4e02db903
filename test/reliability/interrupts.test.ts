// Ctrl-C leaves nothing half done. A deploy interrupted before it changes anything stops there and
// releases the lock; interrupted once it has begun switching, it finishes (definition, tags, rules)
// and then releases the lock; either way it exits 130 and no lock is left. A recovery's start under
// the lock follows the same rule. `ae recover --wait` interrupted leaves the started recovery
// running and says how to follow it.
import {ListExecutionsCommand, ListTagsForResourceCommand, StopExecutionCommand} from '@aws-sdk/client-sfn'
import {EventEmitter} from 'node:events'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createClients} from '../../src/aws/clients.js'
import Recover from '../../src/commands/recover.js'
import {deploy, type DeployStep} from '../../src/deploy/deploy.js'
import {sha256} from '../../src/deploy/version.js'
import type {AeError} from '../../src/errors.js'
import {readLock} from '../../src/holds/lock.js'
import {recover} from '../../src/recovery/recover.js'
import {arnOf, liveDefinition, SATURDAY, startOps, writeConfig} from '../deploy/fixture.js'
import type {LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario} from '../helpers/pipelines.js'
import {projectRoot, runCommand} from '../helpers/run-command.js'

let local: LocalAws
beforeAll(async () => {
  local = await startOps()
  await deployShipped(local)
})
afterAll(() => local.close())

const shipped = JSON.parse(readFileSync(join(projectRoot, 'asl/saturday-pipeline.asl.json'), 'utf8')) as Record<string, unknown>
const tagOf = async (key: string) => ((await local.clients.sfn.send(new ListTagsForResourceCommand({resourceArn: arnOf(local, SATURDAY)}))).tags ?? []).find((t) => t.key === key)?.value

describe('Ctrl-C during ae deploy', () => {
  // The steps of a deploy of saturday: lock, re-check, Update, rules, release.
  const STEPS = ['Take the deploy lock', 'Re-check holds under the lock', `Update ${SATURDAY}`, 'Sync rules of saturday', 'Release the deploy lock']
  const cases = STEPS.flatMap((title, index) => (['before', 'during'] as const).map((when) => ({title, index, when})))
  const changesBegun = (c: {index: number; when: string}) => c.index > 2 || (c.index === 2 && c.when === 'during')

  it.each(cases)('$when "$title": exit 130, no lock left, the definition all old or all new', async (c) => {
    // Given a definition that differs from the live one
    const file = join(mkdtempSync(join(tmpdir(), 'ae-int-')), 'saturday.asl.json')
    writeFileSync(file, JSON.stringify({...shipped, Comment: `interrupted ${c.when} ${c.index}`}, null, 2))
    const cfg = writeConfig((x) => (x.pipelines.saturday!.definition = file))
    const before = await liveDefinition(local, SATURDAY)
    const shaBefore = await tagOf('ae:definition-sha256')

    // and a process whose Ctrl-C the test presses, and whose exit stops everything after it
    const signals = new EventEmitter()
    let exitCode: number | undefined
    let exited!: () => void
    const exit = new Promise<void>((r) => (exited = r))
    const titles: string[] = []
    const runSteps = async (steps: DeployStep[]) => {
      titles.push(...steps.map((s) => s.title))
      for (const [i, s] of steps.entries()) {
        if (exitCode !== undefined) throw new Error('the process has exited')
        if (i === c.index && c.when === 'before') signals.emit('SIGINT')
        const running = s.run()
        if (i === c.index && c.when === 'during') signals.emit('SIGINT')
        await running
      }
    }

    // When Ctrl-C comes at that point
    const outcome = deploy(local.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'int'}, {
      runSteps,
      interrupt: {source: signals, exit: (code) => ((exitCode = code), exited()), notify: () => {}},
    }).then(
      (o) => o.status,
      (e: AeError) => e.code,
    )
    await exit
    const status = await outcome

    // Then it exited 130 with the lock gone
    expect(titles).toEqual(STEPS)
    expect(exitCode).toBe(130)
    expect(await readLock(local.clients.s3, cfg.holds, new Date())).toBeUndefined()
    const after = await liveDefinition(local, SATURDAY)
    if (changesBegun(c)) {
      // having finished: the new definition, tagged with its hash
      expect(status).toBe('deployed')
      expect((JSON.parse(after!) as {Comment: string}).Comment).toBe(`interrupted ${c.when} ${c.index}`)
      expect(await tagOf('ae:definition-sha256')).toBe(sha256(after!))
    } else {
      // having changed nothing
      expect(status).toBe('INTERRUPTED')
      expect(after).toBe(before)
      expect(await tagOf('ae:definition-sha256')).toBe(shaBefore)
    }
  })
})

describe('Ctrl-C while a recovery starts under the deploy lock', () => {
  type Handler = (args: {input?: {Key?: string}}) => Promise<unknown>
  it.each([
    ['while it takes the lock', 'PutObjectCommand', false],
    ['as it sends StartExecution', 'StartExecutionCommand', true],
  ] as const)('%s: exit 130, no lock left, started only once StartExecution was on its way', async (_, command, starts) => {
    // Given a failed run, and a Ctrl-C pressed just as the recovery sends the given call
    const runDate = command === 'PutObjectCommand' ? '2026-07-25' : '2026-08-01'
    await runScenario(local, 'saturday', 'evaluator-fails', `int-lock-${runDate}`, {run_date: runDate})
    const cfg = writeConfig()
    const clients = await createClients({endpoint: local.endpoint.url, region: local.endpoint.region, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
    const signals = new EventEmitter()
    let exitCode: number | undefined
    let exited!: () => void
    const exit = new Promise<void>((r) => (exited = r))
    const stack = (command === 'PutObjectCommand' ? clients.s3 : clients.sfn).middlewareStack as unknown as {add(m: (next: Handler, ctx: {commandName?: string}) => Handler, o: {step: 'initialize'}): void}
    stack.add((next, ctx) => async (args) => {
      if (ctx.commandName === command && (command !== 'PutObjectCommand' || args.input?.Key === cfg.holds.lockKey)) signals.emit('SIGINT')
      return next(args)
    }, {step: 'initialize'})

    // When the recovery runs
    const outcome = recover({from: `int-lock-${runDate}`, dryRun: false, rerun: [], strategy: 'auto'}, {
      loaded: cfg.loaded,
      clients: async () => clients,
      confirm: async () => {},
      interrupt: {source: signals, exit: (code) => ((exitCode = code), exited()), notify: () => {}},
    }).then(
      () => 'started',
      (e: AeError) => e.code,
    )
    await exit
    const result = await outcome
    clients.destroy()

    // Then it exited 130 with the lock gone, and the recovery started only if Ctrl-C came after the decision to start
    expect(exitCode).toBe(130)
    expect(await readLock(local.clients.s3, cfg.holds, new Date())).toBeUndefined()
    const listed = await local.clients.sfn.send(new ListExecutionsCommand({stateMachineArn: arnOf(local, SATURDAY)}))
    expect(listed.executions!.some((e) => e.name === `recover-${runDate}-1`)).toBe(starts)
    expect(result).toBe(starts ? 'started' : 'INTERRUPTED')
  })
})

describe('Ctrl-C during ae recover --wait', () => {
  it('stops the wait, not the recovery: exit 1, and a line saying how to follow it', async () => {
    // Given a failed run, and the clock held so its recovery stays RUNNING
    await runScenario(local, 'saturday', 'evaluator-fails', 'int-source', {run_date: '2026-07-18'})
    const cfg = writeConfig()
    const release = local.endpoint.clock.hold()
    const listeners = process.listenerCount('SIGINT')
    try {
      // When `ae recover --yes --wait` is interrupted once the recovery runs and the wait has begun
      const command = runCommand(Recover, ['--from', 'int-source', '--yes', '--wait', ...local.flags, '--config', cfg.path], {env: local.env})
      const recoveryArn = await waitFor(async () => {
        const listed = await local.clients.sfn.send(new ListExecutionsCommand({stateMachineArn: arnOf(local, SATURDAY), statusFilter: 'RUNNING'}))
        const lockFree = (await readLock(local.clients.s3, cfg.holds, new Date())) === undefined
        const arn = listed.executions?.find((e) => e.name === 'recover-2026-07-18-1')?.executionArn
        return arn && lockFree && process.listenerCount('SIGINT') > listeners ? arn : undefined
      })
      process.emit('SIGINT')
      const r = await command

      // Then the command exits 1 and says how to follow the recovery, which is still RUNNING
      expect(r.exitCode).toBe(1)
      expect(r.stderr).toMatch(/^Error: stopped following the execution \(it keeps running\)$/m)
      expect(r.stderr).toContain(`Next: Follow it again with \`ae executions watch ${recoveryArn}\`.`)
      expect(r.stdout).toContain(`Started ${recoveryArn}`)
      const listed = await local.clients.sfn.send(new ListExecutionsCommand({stateMachineArn: arnOf(local, SATURDAY), statusFilter: 'RUNNING'}))
      expect(listed.executions?.map((e) => e.executionArn)).toEqual([recoveryArn])
      expect(await readLock(local.clients.s3, cfg.holds, new Date())).toBeUndefined()
      expect(process.listenerCount('SIGINT')).toBe(listeners)
      await local.clients.sfn.send(new StopExecutionCommand({executionArn: recoveryArn}))
    } finally {
      release()
    }
  })
})

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((r) => setTimeout(r, 10))
  }
}
