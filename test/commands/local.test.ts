// `ae local start` in-process: the URL alone on the first line, a real SFN client served from it,
// a clean stop on SIGTERM, state kept across restarts with --data-dir, and flags checked up front.
import {CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, ListStateMachinesCommand, SFNClient, StartExecutionCommand} from '@aws-sdk/client-sfn'
import {HeadBucketCommand, S3Client} from '@aws-sdk/client-s3'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import LocalStart from '../../src/commands/local/start.js'
import {RESTART_CAUSE} from '../../src/local/sfn/index.js'
import {runCommand, type CommandOutcome} from '../helpers/run-command.js'

const ROLE = 'arn:aws:iam::000000000000:role/local'
const credentials = {accessKeyId: 'test', secretAccessKey: 'test'}

interface Started {
  firstLine: string
  stdout: () => string
  /** Sends the command the SIGTERM a terminal would, and waits for it to end. */
  stop: () => Promise<CommandOutcome>
}

/** Runs `ae local start` until its first line is out; the test stops it through the listener it registered. */
async function start(args: string[]): Promise<Started> {
  const before = new Set(process.listeners('SIGTERM'))
  let out = ''
  let ready: (line: string) => void = () => {}
  const firstLine = new Promise<string>((resolve) => (ready = resolve))
  const outcome = runCommand(LocalStart, args, {
    onStdout(chunk) {
      out += chunk
      if (out.includes('\n')) ready(out.slice(0, out.indexOf('\n')))
    },
  })
  const ended = outcome.then((o) => {
    throw new Error(`ae local start ended before printing a line: exit ${o.exitCode}, ${o.stderr}`)
  })
  const line = await Promise.race([firstLine, ended])
  const listeners = process.listeners('SIGTERM').filter((l) => !before.has(l))
  expect(listeners).toHaveLength(1)
  return {
    firstLine: line,
    stdout: () => out,
    stop: async () => {
      for (const listener of listeners) (listener as (signal: string) => void)('SIGTERM')
      return outcome
    },
  }
}

const sfn = (url: string) => new SFNClient({endpoint: url, region: 'us-east-1', credentials})

describe('ae local start', () => {
  it('prints the URL alone on the first line, then the exports, serves a real SFN client, and exits 0 on SIGTERM', async () => {
    // Given the endpoint started on a free port
    const local = await start(['--port', '0'])
    // Then the first line is the URL alone, and the environment follows
    expect(local.firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const url = local.firstLine
    await expect.poll(() => local.stdout().split('\n').length).toBeGreaterThanOrEqual(5)
    expect(local.stdout().split('\n').slice(1, 5)).toEqual([`export AWS_ENDPOINT_URL=${url}`, 'export AWS_REGION=us-east-1', 'export AWS_ACCESS_KEY_ID=test', 'export AWS_SECRET_ACCESS_KEY=test'])
    // When a real client uses it
    const client = sfn(url)
    await client.send(new CreateStateMachineCommand({name: 'probe', roleArn: ROLE, definition: JSON.stringify({StartAt: 'P', States: {P: {Type: 'Pass', End: true}}})}))
    const listed = await client.send(new ListStateMachinesCommand({}))
    expect(listed.stateMachines?.map((m) => m.name)).toEqual(['probe'])
    // And the buckets the shipped config names exist from the start
    const s3 = new S3Client({endpoint: url, region: 'us-east-1', credentials, forcePathStyle: true})
    await s3.send(new HeadBucketCommand({Bucket: 'alpha-engine-research'}))
    client.destroy()
    s3.destroy()
    // Then a stop ends the command cleanly, and the port is closed
    const ended = await local.stop()
    expect(ended.exitCode).toBe(0)
    expect(ended.stderr).toContain('Stopped.')
    await expect(fetch(url, {signal: AbortSignal.timeout(2000)})).rejects.toThrow()
  })

  it('--json prints {url, region, env} as the first line', async () => {
    const local = await start(['--port', '0', '--json', '--region', 'eu-west-1'])
    const first = JSON.parse(local.firstLine) as {url: string; region: string; env: Record<string, string>}
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(first).toEqual({
      url: first.url,
      region: 'eu-west-1',
      env: {AWS_ENDPOINT_URL: first.url, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test'},
    })
    const ended = await local.stop()
    expect(ended.exitCode).toBe(0)
    expect(ended.stdout.trim().split('\n')).toHaveLength(1)
  })

  it('--data-dir keeps state machines across a restart, and an execution running at the stop comes back ABORTED', async () => {
    // Given an endpoint in real time with a data dir, a state machine, and an execution waiting an hour
    const dir = mkdtempSync(join(tmpdir(), 'ae-local-start-'))
    const first = await start(['--port', '0', '--data-dir', dir, '--time-scale', '1'])
    const client = sfn(first.firstLine)
    const {stateMachineArn} = await client.send(
      new CreateStateMachineCommand({name: 'waits', roleArn: ROLE, definition: JSON.stringify({StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 3600, End: true}}})}),
    )
    const {executionArn} = await client.send(new StartExecutionCommand({stateMachineArn, name: 'cut-off'}))
    expect((await client.send(new DescribeExecutionCommand({executionArn}))).status).toBe('RUNNING')
    client.destroy()
    // When it stops and starts again on the same dir
    expect((await first.stop()).exitCode).toBe(0)
    const second = await start(['--port', '0', '--data-dir', dir])
    const again = sfn(second.firstLine)
    try {
      // Then the state machine is still there, and the execution ended ABORTED with the restart cause
      expect((await again.send(new ListStateMachinesCommand({}))).stateMachines?.map((m) => m.name)).toEqual(['waits'])
      const described = await again.send(new DescribeExecutionCommand({executionArn}))
      expect(described.status).toBe('ABORTED')
      expect(described.cause).toBe(RESTART_CAUSE)
      const history = await again.send(new GetExecutionHistoryCommand({executionArn, reverseOrder: true, maxResults: 1}))
      expect(history.events?.[0]).toMatchObject({type: 'ExecutionAborted', executionAbortedEventDetails: {cause: RESTART_CAUSE}})
    } finally {
      again.destroy()
      expect((await second.stop()).exitCode).toBe(0)
    }
  })

  it.each([
    [['--throttle-rate', '1.5'], '--throttle-rate must be a number from 0 to 1, not "1.5"'],
    [['--error-rate', 'often'], '--error-rate must be a number from 0 to 1, not "often"'],
    [['--time-scale', '-1'], '--time-scale must be a number, 0 or more, not "-1"'],
    [['--throttle-rate', '0.6', '--error-rate', '0.6'], '--throttle-rate plus --error-rate is 1.2'],
    [['--scenarios', '/nonexistent/scenarios.json'], '--scenarios /nonexistent/scenarios.json: cannot read it: it does not exist'],
    [['--port', '70000'], '--port must be an integer from 0 to 65535 (0: any free port), not 70000'],
  ])('refuses %j with exit 2 and one line, listening on nothing', async (args, message) => {
    const r = await runCommand(LocalStart, args.includes('--port') ? args : ['--port', '0', ...args])
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toBe('')
    const [line, ...rest] = r.stderr.trim().split('\n')
    expect(line).toContain(message)
    expect(rest.every((l) => l.startsWith('  Next:'))).toBe(true)
  })

  it('refuses a --scenarios path it cannot read (a directory) with exit 2 and a one-line message under --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ae-local-scenarios-'))
    const r = await runCommand(LocalStart, ['--port', '0', '--scenarios', dir, '--json'])
    expect(r.exitCode).toBe(2)
    const error = (r.json as {error: {code: string; message: string}}).error
    expect(error.code).toBe('SCENARIO_FILE_UNREADABLE')
    expect(error.message).toMatch(/^--scenarios .*: cannot read it: .*EISDIR/)
    expect(error.message).not.toContain('\n')
  })
})
