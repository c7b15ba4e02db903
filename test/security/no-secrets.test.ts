// No credential, session token or secret in any output: every command runs, on success and failure
// paths and with --verbose, under sentinel credentials, and all it prints is searched.
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario} from '../helpers/pipelines.js'
import {projectRoot, runCommand} from '../helpers/run-command.js'

const SECRET = 'aeSentinelSecretKey/DoNotPrint+0123456789abcdef'
const TOKEN = 'aeSentinelSessionToken//DoNotPrint//FwoGZXIvYXdzEJr'
const KEY_ID = 'AKIAAESENTINEL00KEY1'

let local: LocalAws
beforeAll(async () => {
  local = await localAws()
  await deployShipped(local)
  await runScenario(local, 'saturday', 'research-rate-limited', 'sec-1', {run_date: '2026-09-05'})
})
afterAll(() => local.close())

const commandFiles = (dir: string, prefix = ''): Array<[string, string]> =>
  readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? commandFiles(join(dir, e.name), `${prefix}${e.name}:`) : e.name.endsWith('.ts') ? [[`${prefix}${e.name.slice(0, -3)}`, join(dir, e.name)] as [string, string]] : [],
  )

const ARGS: Record<string, string[][]> = {
  recover: [['--from', 'sec-1', '--dry-run'], ['--from', 'sec-1', '--yes'], ['--from', 'no-such-run']],
  'executions:show': [['sec-1'], ['arn:aws:states:bad']],
  'executions:watch': [['sec-1']],
  run: [['saturday', '--input', '{"skip_x": true}'], ['saturday', '--name', 'sec-run']],
  deploy: [['saturday', '--dry-run'], ['--hold-check']],
  'hold:place': [['--reason', 'sentinel']],
  'hold:release': [['hold-does-not-exist']],
  'pipelines:show': [['saturday'], ['nope']],
  'shell-run:now': [[]],
  'local:start': [['--port', '70000']],
}

describe('no secret is ever printed', () => {
  const commands = commandFiles(join(projectRoot, 'src', 'commands'))
  it.each(commands)('%s', async (id, file) => {
    const {default: Cmd} = (await import(file)) as {default: Parameters<typeof runCommand>[0]}
    const env = {...local.env, AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN}
    for (const argv of ARGS[id] ?? [[]]) {
      for (const extra of [['--verbose'], ['--verbose', '--json']]) {
        const r = await runCommand(Cmd, [...argv, ...extra, ...local.flags], {env})
        const all = r.stdout + r.stderr
        expect(all, `${id} ${argv.join(' ')}`).not.toContain(SECRET)
        expect(all, `${id} ${argv.join(' ')}`).not.toContain(TOKEN)
        expect(all, `${id} ${argv.join(' ')}`).not.toContain(KEY_ID)
        expect(all).not.toContain('DoNotPrint')
      }
    }
  })
})
