// No command hangs: every AWS call has a timeout (AE_REQUEST_TIMEOUT_MS per attempt, AE_MAX_ATTEMPTS
// attempts) and every wait a deadline. An endpoint that accepts connections and never answers
// must end each command with exit 1 and a next step; vitest's timeout is the hang detector.
import {StartExecutionCommand, StopExecutionCommand} from '@aws-sdk/client-sfn'
import {createServer, type Server, type Socket} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import Deploy from '../../src/commands/deploy.js'
import ExecutionsList from '../../src/commands/executions/list.js'
import ExecutionsShow from '../../src/commands/executions/show.js'
import HoldList from '../../src/commands/hold/list.js'
import Recover from '../../src/commands/recover.js'
import ShellRunStatus from '../../src/commands/shell-run/status.js'
import Status from '../../src/commands/status.js'
import {followExecution} from '../../src/executions/follow.js'
import type {AeError} from '../../src/errors.js'
import {localAws} from '../helpers/local-aws.js'
import {deployShipped, stateMachineArn} from '../helpers/pipelines.js'
import {runCommand} from '../helpers/run-command.js'

let silent: Server
const sockets: Socket[] = []
let url: string

beforeAll(async () => {
  // Accepts every connection, reads the request, never writes a byte.
  silent = createServer((s) => void sockets.push(s.on('error', () => {})))
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(silent.address() as {port: number}).port}`
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise((r) => silent.close(r))
})

describe('an endpoint that never answers', () => {
  const env = () => ({AWS_ENDPOINT_URL: url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AE_REQUEST_TIMEOUT_MS: '300', AE_MAX_ATTEMPTS: '2'})

  it.each([
    ['status', Status, []],
    ['executions list', ExecutionsList, []],
    ['executions show', ExecutionsShow, ['latest']],
    ['recover --dry-run', Recover, ['--from', 'latest-failed', '--dry-run']],
    ['deploy --dry-run', Deploy, ['--dry-run']],
    ['hold list', HoldList, []],
    ['shell-run status', ShellRunStatus, []],
  ] as const)('ae %s fails with exit 1 and says it timed out', async (_, Cmd, args) => {
    const r = await runCommand(Cmd, [...args], {env: env()})
    expect(r.exitCode).toBe(1)
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^Error: .*timed out/)
    expect(lines[1]).toMatch(/^ {2}Next: Retry/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  }, 20_000)
})

describe('waits', () => {
  it('give up at their deadline, saying the execution keeps running and how to follow it', async () => {
    const local = await localAws()
    await deployShipped(local)
    const release = local.endpoint.clock.hold()
    try {
      const started = await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: stateMachineArn(local, 'saturday'), name: 'never-ends', input: '{"run_date": "2026-06-20"}'}))
      const error = await followExecution(local.clients.sfn, started.executionArn!, {pollMs: 20, deadlineMs: 200}).then(
        () => undefined,
        (e: AeError) => e,
      )
      expect(error).toMatchObject({code: 'WAIT_DEADLINE', exitCode: 1})
      expect(error!.suggestions[0]).toMatch(/ae executions watch .*:never-ends/)
      await local.clients.sfn.send(new StopExecutionCommand({executionArn: started.executionArn}))
    } finally {
      release()
      await local.close()
    }
  })
})
