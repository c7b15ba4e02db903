// `ae status` against the local endpoint: deployed or not, whether the live definition is the
// shipped one, running and recent executions, the shell-run rule with its next firing, and holds.
import {DescribeRuleCommand, EnableRuleCommand, PutRuleCommand} from '@aws-sdk/client-eventbridge'
import {StartExecutionCommand, StopExecutionCommand, UpdateStateMachineCommand} from '@aws-sdk/client-sfn'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {loadPipelineDefinition} from '../../src/asl/pipeline-view.js'
import HoldPlace from '../../src/commands/hold/place.js'
import HoldRelease from '../../src/commands/hold/release.js'
import Status from '../../src/commands/status.js'
import {getPipeline} from '../../src/config/load.js'
import type {Hold} from '../../src/holds/types.js'
import type {PipelineStatus} from '../../src/status/pipeline-status.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario, shipped, stateMachineArn} from '../helpers/pipelines.js'
import {runCommand} from '../helpers/run-command.js'

type Answer = {pipelines: Array<PipelineStatus & {holds: Hold[]}>; deployClear: boolean}

const statusOf = async (local: LocalAws, args: string[] = []) => {
  const r = await runCommand(Status, [...args, '--json', ...local.flags], {env: local.env})
  expect(r.stderr).toBe('')
  expect(r.exitCode).toBe(0)
  return r.json as Answer
}
const one = async (local: LocalAws, pipeline: string) => (await statusOf(local, [pipeline])).pipelines[0]!

describe('ae status with finished runs', () => {
  let local: LocalAws
  beforeAll(async () => {
    local = await localAws()
    await deployShipped(local)
    await runScenario(local, 'weekday', 'happy-path', 'wd-1')
    await runScenario(local, 'weekday', 'executor-submit-orders-fails', 'wd-2')
  })
  afterAll(() => local.close())

  it('says deployed, the shipped definition, nothing running and the recent runs newest first', async () => {
    const s = await one(local, 'weekday')
    expect(s).toMatchObject({pipeline: 'weekday', stateMachineName: 'alpha-engine-weekday-pipeline', deployed: true, definitionMatches: true, running: [], shellRunRule: null, holds: []})
    expect(s.recent).toEqual([
      {name: 'wd-2', status: 'FAILED', startDate: expect.any(String), durationMs: expect.any(Number)},
      {name: 'wd-1', status: 'SUCCEEDED', startDate: expect.any(String), durationMs: expect.any(Number)},
    ])
  })

  it('says the definition differs after someone changed the live one', async () => {
    // Given the weekday state machine updated outside ae
    const {definition} = loadPipelineDefinition(shipped, getPipeline(shipped, 'weekday'))
    const changed = {...definition, Comment: 'hotfix applied in the console'}
    await local.clients.sfn.send(new UpdateStateMachineCommand({stateMachineArn: stateMachineArn(local, 'weekday'), definition: JSON.stringify(changed)}))

    // Then status says so, and the Saturday pipeline still matches
    expect((await one(local, 'weekday')).definitionMatches).toBe(false)
    expect((await one(local, 'saturday')).definitionMatches).toBe(true)
    const text = await runCommand(Status, ['weekday', ...local.flags], {env: local.env})
    expect(text.stdout).toMatch(/definition: DIFFERS from the shipped one \(see `ae diff`\)/)
  })

  it('shows the shell-run rule: missing, DISABLED without a next firing, ENABLED with the next Friday 21:30 UTC', async () => {
    const rule = 'alpha-engine-friday-shell-run'
    expect((await one(local, 'saturday')).shellRunRule).toEqual({name: rule, state: null})

    // Given the rule, disabled
    await local.clients.events.send(new PutRuleCommand({Name: rule, ScheduleExpression: 'cron(30 21 ? * FRI *)', State: 'DISABLED'}))
    expect((await one(local, 'saturday')).shellRunRule).toEqual({name: rule, state: 'DISABLED', scheduleExpression: 'cron(30 21 ? * FRI *)', nextFiring: null})

    // When it is enabled
    await local.clients.events.send(new EnableRuleCommand({Name: rule}))
    expect((await local.clients.events.send(new DescribeRuleCommand({Name: rule}))).State).toBe('ENABLED')
    const before = Date.now()
    const r = (await one(local, 'saturday')).shellRunRule!

    // Then the next firing is a Friday at 21:30 UTC within the coming week
    expect(r.state).toBe('ENABLED')
    const next = new Date(r.nextFiring!)
    expect(next.getUTCDay()).toBe(5)
    expect(next.toISOString()).toMatch(/T21:30:00\.000Z$/)
    expect(next.getTime()).toBeGreaterThan(before)
    expect(next.getTime() - before).toBeLessThanOrEqual(7 * 86_400_000)
  })

  it('lists a manual hold under the pipelines it holds, and deploy is not clear', async () => {
    // Given a hold on the Saturday pipeline
    const placed = await runCommand(HoldPlace, ['--reason', 'topology change under review', '--pipeline', 'saturday', '--json', ...local.flags], {env: local.env})
    expect(placed.exitCode).toBe(0)
    const id = (placed.json as {hold: {id: string}}).hold.id
    try {
      // Then status lists it under saturday only
      const answer = await statusOf(local)
      const byName = new Map(answer.pipelines.map((p) => [p.pipeline, p]))
      expect(byName.get('saturday')!.holds).toContainEqual(expect.objectContaining({kind: 'manual', id}))
      expect(byName.get('weekday')!.holds.filter((h) => h.kind === 'manual')).toEqual([])
      expect(answer.deployClear).toBe(false)
      const text = await runCommand(Status, ['saturday', ...local.flags], {env: local.env})
      expect(text.stdout).toMatch(new RegExp(`^ {2}holds:\\n {4}manual ${id}: topology change under review .*\\(lift: ae hold release ${id} `, 'm'))
    } finally {
      await runCommand(HoldRelease, [id, '--reason', 'done', ...local.flags], {env: local.env})
    }
  })
})

describe('ae status with a run in flight', () => {
  // Real time, so the Saturday run stays RUNNING until the test stops it.
  let local: LocalAws
  const started: string[] = []
  beforeAll(async () => {
    local = await localAws({timeScale: 1})
    await deployShipped(local)
  })
  afterEach(async () => {
    for (const executionArn of started.splice(0)) await local.clients.sfn.send(new StopExecutionCommand({executionArn}))
  })
  afterAll(() => local.close())

  it('lists the running execution, among the recent ones too, and holds deploys for it', async () => {
    // Given a Saturday run started and not finished
    const run = await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: stateMachineArn(local, 'saturday'), name: 'sat-in-flight', input: '{}'}))
    started.push(run.executionArn!)

    // When asking for status
    const answer = await statusOf(local, ['saturday'])
    const s = answer.pipelines[0]!

    // Then it is running, and the only recent run
    expect(s.running).toEqual([{name: 'sat-in-flight', executionArn: run.executionArn, startDate: expect.any(String)}])
    expect(s.recent).toEqual([{name: 'sat-in-flight', status: 'RUNNING', startDate: expect.any(String)}])
    // and the config's policy makes another running execution a hold
    expect(s.holds).toContainEqual(expect.objectContaining({kind: 'running-execution', id: 'sat-in-flight', pipeline: 'saturday'}))
    expect(answer.deployClear).toBe(false)
  })
})
