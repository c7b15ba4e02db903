// The deploy steps run as a module against the local endpoint: failures half way, a deploy that
// holds the lock while another starts, and what gets published and tagged.
import {ListTagsForResourceCommand, ListStateMachineVersionsCommand, DescribeStateMachineCommand} from '@aws-sdk/client-sfn'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {deploy, runSequentially, type StepRunner} from '../../src/deploy/deploy.js'
import {sha256} from '../../src/deploy/version.js'
import type {AeError} from '../../src/errors.js'
import {assertNoDeployLock, readLock} from '../../src/holds/lock.js'
import type {LocalAws} from '../helpers/local-aws.js'
import {arnOf, createMachine, liveDefinition, SATURDAY, startExecution, startOps, WAIT_DEFINITION, writeConfig, type TestConfig} from './fixture.js'

let local: LocalAws
let cfg: TestConfig

beforeEach(async () => {
  local = await startOps()
  cfg = writeConfig()
})
afterEach(async () => local.close())

const rejection = async (p: Promise<unknown>): Promise<AeError> => {
  try {
    await p
  } catch (e) {
    return e as AeError
  }
  throw new Error('expected a rejection')
}

type Handler = (args: unknown) => Promise<unknown>
/** A middleware on the real SFN client that fails one operation, as a network cut or a crash would. */
function failOn(local: LocalAws, command: string): () => void {
  const name = `fail-${command}-${Math.random()}`
  const stack = local.clients.sfn.middlewareStack as unknown as {add(m: (next: Handler, ctx: {commandName?: string}) => Handler, o: {step: string; name: string}): void; remove(n: string): boolean}
  stack.add(
    (next, ctx) => async (args) => {
      if (ctx.commandName === command) throw Object.assign(new Error('socket hang up'), {name: 'TimeoutError'})
      return next(args)
    },
    {step: 'initialize', name},
  )
  return () => void stack.remove(name)
}

describe('deploy, as a module', () => {
  it('creates the state machine published with the git sha and definition hash, tagged with both', async () => {
    const outcome = await deploy(local.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'abc123'})
    expect(outcome.status).toBe('deployed')
    const [p] = outcome.result?.pipelines ?? []
    expect(p).toMatchObject({pipeline: 'saturday', action: 'created', gitSha: 'abc123'})
    const text = await liveDefinition(local, SATURDAY)
    expect(p?.definitionSha256).toBe(sha256(text ?? ''))
    const versions = await local.clients.sfn.send(new ListStateMachineVersionsCommand({stateMachineArn: arnOf(local, SATURDAY)}))
    expect(versions.stateMachineVersions).toHaveLength(1)
    const tags = await local.clients.sfn.send(new ListTagsForResourceCommand({resourceArn: arnOf(local, SATURDAY)}))
    expect(tags.tags).toEqual(expect.arrayContaining([
      {key: 'ae:definition-sha256', value: sha256(text ?? '')},
      {key: 'ae:git-sha', value: 'abc123'},
    ]))
    expect(await readLock(local.clients.s3, cfg.holds, new Date())).toBeUndefined()
  })

  it('updates with publish and a version description, and deploys nothing the second time', async () => {
    await createMachine(local, SATURDAY)
    const first = await deploy(local.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'def456'})
    expect(first.result?.pipelines[0]?.action).toBe('updated')
    const d = await local.clients.sfn.send(new DescribeStateMachineCommand({stateMachineArn: first.result?.pipelines[0]?.versionArn}))
    expect(d.description ?? '').toMatch(/git def456, definition sha256 [0-9a-f]{64}/)
    const again = await deploy(local.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'def456'})
    expect(again.status).toBe('unchanged')
  })

  it('leaves the old definition live and releases the lock when UpdateStateMachine fails half way', async () => {
    // Given the Wait definition is live
    await createMachine(local, SATURDAY)
    const restore = failOn(local, 'UpdateStateMachineCommand')
    // When the switch-over call fails
    const e = await rejection(deploy(local.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'x'}))
    restore()
    // Then the error says what failed, the old definition is still live, and the lock is gone
    expect(e.message).toMatch(/UpdateStateMachine alpha-engine-saturday-pipeline/)
    expect(await liveDefinition(local, SATURDAY)).toBe(WAIT_DEFINITION)
    expect(await readLock(local.clients.s3, cfg.holds, new Date())).toBeUndefined()
  })

  it('releases the lock when rules sync fails after the switch-over', async () => {
    const stack = local.clients.events.middlewareStack as unknown as {add(m: (next: Handler, ctx: {commandName?: string}) => Handler, o: {step: string; name: string}): void}
    stack.add(
      (next, ctx) => async (args) => {
        if (ctx.commandName === 'PutTargetsCommand') throw Object.assign(new Error('boom'), {name: 'InternalException', $metadata: {httpStatusCode: 500}})
        return next(args)
      },
      {step: 'initialize', name: 'fail-put-targets'},
    )
    await rejection(deploy(local.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'x'}))
    expect(await readLock(local.clients.s3, cfg.holds, new Date())).toBeUndefined()
    expect(await liveDefinition(local, SATURDAY)).toBeDefined()
  })

  it('refuses a second deploy (exit 3, naming the lock) and a recovery while the first holds the lock', async () => {
    // Given a deploy paused right after it took the lock
    let resume: () => void = () => {}
    let locked: () => void = () => {}
    const paused = new Promise<void>((r) => (resume = r))
    const hasLock = new Promise<void>((r) => (locked = r))
    const pausing: StepRunner = async ([take, ...rest]) => {
      await take?.run()
      locked()
      await paused
      await runSequentially(rest)
    }
    const first = deploy(local.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'first'}, {runSteps: pausing})
    await hasLock

    // When another deploy starts, and a recovery asks for the lock
    const second = await rejection(deploy(local.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'second'}))
    const recover = await rejection(assertNoDeployLock(local.clients.s3, cfg.holds))

    // Then both are refused with exit 3 naming the lock
    expect(second.exitCode).toBe(3)
    expect(second.message).toMatch(/deploy-lock hold: the deploy lock s3:\/\/alpha-engine-ops\/ae\/locks\/deploy\.json is held by/)
    expect(recover.exitCode).toBe(3)
    expect(recover.code).toBe('DEPLOY_IN_PROGRESS')

    // And the first deploy completes and releases the lock
    resume()
    expect((await first).status).toBe('deployed')
    expect(await readLock(local.clients.s3, cfg.holds, new Date())).toBeUndefined()
  })

  it('loses the race at the lock itself with exit 3 when both passed the gate', async () => {
    // Two deploys pass the gate at the same moment; the S3 conditional create picks one
    const results = await Promise.allSettled([
      deploy(local.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'a'}, {runSteps: slowAfterLock}),
      deploy(local.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'b'}, {runSteps: slowAfterLock}),
    ])
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    expect((lost[0]?.reason as AeError).exitCode).toBe(3)
    expect((lost[0]?.reason as AeError).message).toMatch(/deploy lock .* is held by/)
  })

  it('checks running executions again under the lock: a recovery started after the gate refuses it (exit 3)', async () => {
    // timeScale 1, so the recovery stays RUNNING
    const slow = await startOps({timeScale: 1})
    try {
      const arn = await createMachine(slow, SATURDAY)
      // Given a recovery that starts after the gate passed, just as the lock is taken
      const raceIn: StepRunner = async ([take, ...rest]) => {
        await take?.run()
        await startExecution(slow, arn, 'recover-2026-05-16-3')
        await runSequentially(rest)
      }
      const e = await rejection(deploy(slow.clients, cfg.loaded, {names: ['saturday'], vars: {}, gitSha: 'x'}, {runSteps: raceIn}))
      // Then the deploy is refused, the old definition stays, and the lock is released
      expect(e.exitCode).toBe(3)
      expect(e.code).toBe('DEPLOY_HELD_UNDER_LOCK')
      expect(e.message).toMatch(/recovery execution recover-2026-05-16-3 is RUNNING/)
      expect(await liveDefinition(slow, SATURDAY)).toBe(WAIT_DEFINITION)
      expect(await readLock(slow.clients.s3, cfg.holds, new Date())).toBeUndefined()
    } finally {
      await slow.close()
    }
  })
})

/** Hold the lock a moment before going on, so a racing deploy meets it. */
const slowAfterLock: StepRunner = async ([take, ...rest]) => {
  await take?.run()
  await new Promise((r) => setTimeout(r, 50))
  await runSequentially(rest)
}
