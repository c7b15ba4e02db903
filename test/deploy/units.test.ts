// Pure parts of deploy: the rule plan (never flip a State), the Ctrl-C release, version strings.
import {EventEmitter} from 'node:events'
import {describe, expect, it} from 'vitest'
import {installInterruptRelease} from '../../src/deploy/interrupt.js'
import type {RenderedRule} from '../../src/deploy/render.js'
import {renderString} from '../../src/deploy/render.js'
import {planRule, type LiveRule} from '../../src/deploy/rules-sync.js'
import {sha256, versionDescription} from '../../src/deploy/version.js'

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:alpha-engine-saturday-pipeline'
const friday: RenderedRule = {
  name: 'alpha-engine-friday-shell-run',
  scheduleExpression: 'cron(30 21 ? * FRI *)',
  state: 'DISABLED',
  target: {id: 'saturday-shell-run', pipeline: 'saturday', roleArn: 'arn:aws:iam::000000000000:role/events', input: '{"shell_run":true}'},
}
const live = (extra: Partial<LiveRule> = {}): LiveRule => ({
  name: friday.name,
  state: 'ENABLED',
  scheduleExpression: friday.scheduleExpression,
  targets: [{Id: 'saturday-shell-run', Arn: ARN, RoleArn: 'arn:aws:iam::000000000000:role/events', Input: '{"shell_run": true}'}],
  ...extra,
})

describe('rule plan', () => {
  it('creates a missing rule in its declared State', () => {
    expect(planRule(friday, undefined, ARN)).toMatchObject({action: 'create', state: 'DISABLED'})
  })

  it('keeps an ENABLED rule ENABLED although the file declares DISABLED, and says so', () => {
    const p = planRule(friday, live(), ARN)
    expect(p).toMatchObject({action: 'unchanged', state: 'ENABLED', declaredState: 'DISABLED'})
    expect(p.notes[0]).toMatch(/live State ENABLED kept/)
  })

  it('updates the schedule and target but keeps the live State', () => {
    const p = planRule(friday, live({scheduleExpression: 'cron(0 20 ? * FRI *)', targets: [{Id: 'saturday-shell-run', Arn: ARN, Input: '{"shell_run":false}'}]}), ARN)
    expect(p.action).toBe('update')
    expect(p.state).toBe('ENABLED')
    expect(p.changes).toEqual([
      'schedule cron(0 20 ? * FRI *) -> cron(30 21 ? * FRI *)',
      'target saturday-shell-run role (none) -> arn:aws:iam::000000000000:role/events',
      'target saturday-shell-run input {"shell_run":false} -> {"shell_run":true}',
    ])
  })

  it('compares target input as JSON, not as text', () => {
    expect(planRule(friday, live({state: 'DISABLED'}), ARN).action).toBe('unchanged')
  })
})

describe('Ctrl-C while holding the lock', () => {
  it('releases the lock, then exits 130; after uninstall, SIGINT is left alone', async () => {
    const source = new EventEmitter()
    const events: string[] = []
    let exited: () => void = () => {}
    const done = new Promise<void>((r) => (exited = r))
    const uninstall = installInterruptRelease(async () => void events.push('released'), {
      source,
      exit: (code) => {
        events.push(`exit ${code}`)
        exited()
      },
      notify: (m) => events.push(m),
    })
    source.emit('SIGINT')
    await done
    expect(events).toEqual(['Interrupted: releasing the deploy lock before exiting.', 'released', 'exit 130'])
    uninstall()
    expect(source.listenerCount('SIGINT')).toBe(0)
  })

  it('still exits 130 when the release fails, saying the lock goes stale', async () => {
    const source = new EventEmitter()
    const notes: string[] = []
    const code = await new Promise<number>((resolve) => {
      installInterruptRelease(async () => Promise.reject(new Error('network down')), {source, exit: resolve, notify: (m) => notes.push(m)})
      source.emit('SIGINT')
    })
    expect(code).toBe(130)
    expect(notes[1]).toMatch(/could not release the deploy lock: network down; it goes stale after its TTL/)
  })
})

describe('version strings', () => {
  it('carries the git sha and the definition hash in the version description', () => {
    expect(versionDescription('abc123', sha256('{}'))).toBe(`ae deploy: git abc123, definition sha256 ${sha256('{}')}`)
    expect(sha256('{}')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('renders ${Var} in a role ARN and refuses an unresolved one', () => {
    expect(renderString('${EventsRoleArn}', {EventsRoleArn: 'arn:x'}, 'rule r')).toBe('arn:x')
    expect(() => renderString('${Nope}', {}, 'rule r')).toThrow(/rule r: unresolved substitution \$\{Nope\}/)
  })
})
