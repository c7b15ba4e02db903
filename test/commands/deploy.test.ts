// `ae deploy`, `ae deploy --hold-check` and `ae diff` run in-process against the local endpoint,
// the way a runbook runs them: exit codes and --json.
import {DescribeRuleCommand, DeleteRuleCommand, EnableRuleCommand, ListTargetsByRuleCommand, PutRuleCommand, RemoveTargetsCommand} from '@aws-sdk/client-eventbridge'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import Deploy from '../../src/commands/deploy.js'
import Diff from '../../src/commands/diff.js'
import HoldPlace from '../../src/commands/hold/place.js'
import HoldRelease from '../../src/commands/hold/release.js'
import {getHold} from '../../src/holds/manual-holds.js'
import {readLock} from '../../src/holds/lock.js'
import type {LocalAws} from '../helpers/local-aws.js'
import {runCommand} from '../helpers/run-command.js'
import {createMachine, killedLock, liveDefinition, minutesAgo, SATURDAY, startExecution, startOps, stopExecution, WAIT_DEFINITION, writeConfig, writeLock, writeRules, type TestConfig} from '../deploy/fixture.js'

let local: LocalAws
let cfg: TestConfig

// timeScale 1: executions of the day-long Wait definition stay RUNNING until stopped
beforeEach(async () => {
  local = await startOps({timeScale: 1})
  cfg = writeConfig()
})
afterEach(async () => local.close())

const ae = (Cmd: Parameters<typeof runCommand>[0], args: string[], env: Record<string, string> = {}) =>
  runCommand(Cmd, [...args, ...local.flags, '--config', cfg.path], {env: {...local.env, ...env}})
const errorOf = (json: unknown) => (json as {error: {code: string; message: string; suggestions: string[]; holds?: {kind: string; id: string}[]}}).error

describe('ae deploy and the holds', () => {
  it('refuses with exit 3 while a recovery execution is RUNNING and deploys after it ends; --hold-check agrees both times', async () => {
    // Given a recovery running on the live Saturday state machine
    const arn = await createMachine(local, SATURDAY)
    const recovery = await startExecution(local, arn, 'recover-2026-05-16-1')

    // When deploying, and when only checking the holds
    const refused = await ae(Deploy, ['saturday', '--yes', '--json'])
    const check = await ae(Deploy, ['saturday', '--hold-check', '--json'])

    // Then both say held, exit 3, naming the recovery; the live definition is untouched
    expect(refused.exitCode).toBe(3)
    expect(errorOf(refused.json).code).toBe('DEPLOY_HELD')
    expect(errorOf(refused.json).holds).toEqual([expect.objectContaining({kind: 'recovery', id: 'recover-2026-05-16-1'})])
    expect(check.exitCode).toBe(3)
    expect(check.json).toMatchObject({clear: false, holds: [{kind: 'recovery', id: 'recover-2026-05-16-1', overridable: false}]})
    expect(await liveDefinition(local, SATURDAY)).toBe(WAIT_DEFINITION)

    // When the recovery ends
    await stopExecution(local, recovery)
    const clearCheck = await ae(Deploy, ['saturday', '--hold-check', '--json'])
    const deployed = await ae(Deploy, ['saturday', '--yes', '--json'])

    // Then both agree it is clear, and the deploy goes through
    expect(clearCheck.exitCode).toBe(0)
    expect(clearCheck.json).toMatchObject({clear: true, holds: []})
    expect(deployed.exitCode).toBe(0)
    expect(deployed.json).toMatchObject({status: 'deployed', result: {pipelines: [{pipeline: 'saturday', action: 'updated'}], lock: {taken: true, released: true}}})
    expect(await liveDefinition(local, SATURDAY)).not.toBe(WAIT_DEFINITION)
  })

  it('prints each hold with how it is lifted under --hold-check', async () => {
    const arn = await createMachine(local, SATURDAY)
    const recovery = await startExecution(local, arn, 'recover-2026-05-16-2')
    try {
      const r = await ae(Deploy, ['saturday', '--hold-check'])
      expect(r.exitCode).toBe(3)
      expect(r.stdout).toMatch(/Deploy gate: HELD for saturday \(1 hold\(s\)\)/)
      expect(r.stdout).toMatch(/\[recovery\] recover-2026-05-16-2 \(saturday\): recovery execution recover-2026-05-16-2 is RUNNING/)
      expect(r.stdout).toMatch(/lift: wait for recover-2026-05-16-2 to finish \(no flag overrides a live recovery\).*\(not overridable\)/)
    } finally {
      await stopExecution(local, recovery)
    }
  })

  it('blocks on a manual hold until it is released', async () => {
    const placed = await ae(HoldPlace, ['--reason', 'SF topology change under review', '--pipeline', 'saturday', '--json'])
    expect(placed.exitCode).toBe(0)
    const id = (placed.json as {hold: {id: string}}).hold.id

    const refused = await ae(Deploy, ['saturday', '--yes', '--json'])
    expect(refused.exitCode).toBe(3)
    expect(errorOf(refused.json).holds).toEqual([expect.objectContaining({kind: 'manual', id})])
    expect(errorOf(refused.json).suggestions[0]).toMatch(`ae hold release ${id}`)
    // The weekday pipeline is not held
    expect((await ae(Deploy, ['weekday', '--hold-check', '--json'])).exitCode).toBe(0)

    expect((await ae(HoldRelease, [id, '--reason', 'reviewed', '--json'])).exitCode).toBe(0)
    expect((await ae(Deploy, ['saturday', '--yes', '--json'])).exitCode).toBe(0)
  })

  it('deploys over a manual hold only with --override-hold and --reason, and records the override on the hold', async () => {
    const id = ((await ae(HoldPlace, ['--reason', 'freeze for the audit', '--json'])).json as {hold: {id: string}}).hold.id

    const noReason = await ae(Deploy, ['saturday', '--yes', '--override-hold', id, '--json'])
    expect(noReason.exitCode).toBe(2)
    expect(errorOf(noReason.json).code).toBe('OVERRIDE_NEEDS_REASON')
    const wrongId = await ae(Deploy, ['saturday', '--yes', '--override-hold', 'hold-nope', '--reason', 'x', '--json'])
    expect(wrongId.exitCode).toBe(2)

    const r = await ae(Deploy, ['saturday', '--yes', '--override-hold', id, '--reason', 'hotfix for Parity', '--json'])
    expect(r.exitCode).toBe(0)
    expect(r.json).toMatchObject({status: 'deployed', result: {overridden: [id]}})
    const {hold} = await getHold(local.clients.s3, cfg.holds, id)
    expect(hold.records).toEqual([expect.objectContaining({type: 'override', reason: 'hotfix for Parity', by: expect.stringMatching(/^arn:aws:sts::000000000000:/), pipelines: ['saturday']})])
    // The hold still holds the next deploy
    expect((await ae(Deploy, ['saturday', '--hold-check', '--json'])).exitCode).toBe(3)
  })

  it('blocks in the freeze window before an enabled schedule fires', async () => {
    // Given a rule that fires every minute, and a 30-minute freeze
    const rules = writeRules([{name: 'EveryMinute', scheduleExpression: 'cron(* * * * ? *)', state: 'ENABLED', target: {id: 'sat', pipeline: 'saturday', roleArn: '${EventsRoleArn}'}}])
    cfg = writeConfig((c) => {
      c.rulesFile = rules
      c.holds = {...c.holds!, freezeMinutes: 30}
    })
    await local.clients.events.send(new PutRuleCommand({Name: 'EveryMinute', ScheduleExpression: 'cron(* * * * ? *)', State: 'ENABLED'}))

    const r = await ae(Deploy, ['saturday', '--yes', '--json'])
    expect(r.exitCode).toBe(3)
    expect(errorOf(r.json).holds).toEqual([expect.objectContaining({kind: 'freeze-window', id: 'EveryMinute'})])
    expect(await liveDefinition(local, SATURDAY)).toBeUndefined()
  })

  it('refuses a deploy while another holds the lock, naming the lock, and breaks it only once stale', async () => {
    // Given a lock left 5 minutes ago by a deploy that was killed
    await writeLock(local, cfg.holds, killedLock(minutesAgo(5)))
    const fresh = await ae(Deploy, ['saturday', '--yes', '--break-stale-lock', '--json'])
    expect(fresh.exitCode).toBe(3)
    expect(errorOf(fresh.json).message).toMatch(/deploy lock s3:\/\/alpha-engine-ops\/ae\/locks\/deploy\.json is held by .*killed/)

    // When it is older than its TTL
    await writeLock(local, cfg.holds, killedLock(minutesAgo(31)))
    const plain = await ae(Deploy, ['saturday', '--yes', '--json'])
    expect(plain.exitCode).toBe(3)
    expect(errorOf(plain.json).suggestions.join(' ')).toMatch(/--break-stale-lock/)
    const broken = await ae(Deploy, ['saturday', '--yes', '--break-stale-lock', '--json'])

    // Then only --break-stale-lock removes it, and the deploy runs
    expect(broken.exitCode).toBe(0)
    expect(broken.json).toMatchObject({status: 'deployed', result: {lock: {broke: {holder: expect.stringMatching(/killed$/)}, released: true}}})
    expect(await readLock(local.clients.s3, cfg.holds, new Date())).toBeUndefined()
  })

  it('refuses a change in an account the config does not allow, naming both accounts', async () => {
    const r = await ae(Deploy, ['saturday', '--yes', '--json'], {AWS_ACCESS_KEY_ID: '111111111111'})
    expect(r.exitCode).toBe(3)
    expect(errorOf(r.json).code).toBe('ACCOUNT_NOT_ALLOWED')
    expect(errorOf(r.json).message).toMatch(/account 111111111111 is not allowed by the config \(allowed: 000000000000\)/)
    expect(await liveDefinition(local, SATURDAY)).toBeUndefined()
  })

  it('exits 2 without a terminal and without --yes, changing nothing', async () => {
    const r = await ae(Deploy, ['saturday'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/needs confirmation.*\n.*--yes/)
    expect(await liveDefinition(local, SATURDAY)).toBeUndefined()
  })
})

describe('ae deploy and the rules', () => {
  const rule = (name: string) => local.clients.events.send(new DescribeRuleCommand({Name: name}))
  const FRIDAY = 'alpha-engine-friday-shell-run'

  it('creates the Friday rule DISABLED when it is missing, targeting Saturday with {"shell_run": true}', async () => {
    const r = await ae(Deploy, ['saturday', '--yes', '--json'])
    expect(r.exitCode).toBe(0)
    expect((await rule(FRIDAY)).State).toBe('DISABLED')
    expect((await rule('SaturdayTrigger')).State).toBe('ENABLED')
    const targets = await local.clients.events.send(new ListTargetsByRuleCommand({Rule: FRIDAY}))
    expect(targets.Targets).toEqual([{Id: 'saturday-shell-run', Arn: `arn:aws:states:us-east-1:000000000000:stateMachine:${SATURDAY}`, RoleArn: 'arn:aws:iam::000000000000:role/alpha-engine-events-role', Input: '{"shell_run":true}'}])
  })

  it('keeps an ENABLED Friday rule enabled while updating its schedule and target', async () => {
    // Given the rule deployed, enabled by an operator, then drifted (schedule and input)
    await ae(Deploy, ['saturday', '--yes'])
    await local.clients.events.send(new EnableRuleCommand({Name: FRIDAY}))
    await local.clients.events.send(new PutRuleCommand({Name: FRIDAY, ScheduleExpression: 'cron(0 20 ? * FRI *)', State: 'ENABLED'}))

    // When deploying again
    const r = await ae(Deploy, ['saturday', '--yes', '--json'])

    // Then the schedule is back, and the rule is still ENABLED
    expect(r.exitCode).toBe(0)
    const friday = (r.json as {pipelines: {rules: {name: string; action: string; state: string; notes: string[]}[]}[]}).pipelines[0]?.rules.find((x) => x.name === FRIDAY)
    expect(friday).toMatchObject({action: 'update', state: 'ENABLED'})
    expect(friday?.notes[0]).toMatch(/live State ENABLED kept/)
    expect(await rule(FRIDAY)).toMatchObject({State: 'ENABLED', ScheduleExpression: 'cron(30 21 ? * FRI *)'})
  })

  it('recreates a deleted rule in its declared State', async () => {
    await ae(Deploy, ['saturday', '--yes'])
    await local.clients.events.send(new RemoveTargetsCommand({Rule: FRIDAY, Ids: ['saturday-shell-run']}))
    await local.clients.events.send(new DeleteRuleCommand({Name: FRIDAY}))
    expect((await ae(Deploy, ['saturday', '--yes'])).exitCode).toBe(0)
    expect((await rule(FRIDAY)).State).toBe('DISABLED')
  })
})

describe('the diff', () => {
  it('shows an added, a removed and a changed state against the live definition (deploy --dry-run and ae diff)', async () => {
    // Given a live definition Start -> Old -> Pause(60s), and a shipped one Start -> New -> Pause(120s)
    const live = {StartAt: 'Start', States: {Start: {Type: 'Pass', Next: 'Old'}, Old: {Type: 'Pass', Next: 'Pause'}, Pause: {Type: 'Wait', Seconds: 60, Next: 'Done'}, Done: {Type: 'Succeed'}}}
    const shipped = {StartAt: 'Start', States: {Start: {Type: 'Pass', Next: 'New'}, New: {Type: 'Pass', Next: 'Pause'}, Pause: {Type: 'Wait', Seconds: 120, Next: 'Done'}, Done: {Type: 'Succeed'}}}
    const file = join(mkdtempSync(join(tmpdir(), 'ae-diff-')), 'small.asl.json')
    writeFileSync(file, JSON.stringify(shipped))
    cfg = writeConfig((c) => {
      c.pipelines.saturday!.definition = file
    })
    await createMachine(local, SATURDAY, JSON.stringify(live))

    // When comparing
    const dry = await ae(Deploy, ['saturday', '--dry-run'])
    const diff = await ae(Diff, ['saturday', '--json'])

    // Then the change set names each state once, the moved edge too, and nothing changed
    expect(dry.exitCode).toBe(0)
    expect(dry.stdout).toContain(
      [
        'saturday (alpha-engine-saturday-pipeline): 1 added, 1 removed, 2 changed states; 3 edge change(s)',
        '  + Add     New (Pass)',
        '  - Remove  Old (Pass)',
        '  ~ Modify  Start (Pass)',
        '  ~ Modify  Pause (Wait)',
        '              ~ Seconds: 60 -> 120',
        '  edges:',
        '  + New --next--> Pause',
        '  - Old --next--> Pause',
        '  ~ Start --next--> Old => New',
      ].join('\n'),
    )
    expect(dry.stdout).toMatch(/Dry run: nothing was changed/)
    expect(diff.exitCode).toBe(0)
    const d = diff.json as {drift: boolean; pipelines: {diff: {states: {added: {name: string}[]; removed: {name: string}[]; changed: {name: string}[]}}}[]}
    expect(d.drift).toBe(true)
    expect(d.pipelines[0]?.diff.states).toMatchObject({added: [{name: 'New'}], removed: [{name: 'Old'}], changed: [{name: 'Start'}, {name: 'Pause'}]})
    expect(JSON.parse((await liveDefinition(local, SATURDAY)) ?? '{}')).toEqual(live)
  })

  it('reports no drift right after a deploy', async () => {
    await ae(Deploy, ['--yes'])
    const r = await ae(Diff, [])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/No drift/)
  })

  it('never deploys a definition with lint errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ae-bad-'))
    const bad = join(dir, 'bad.asl.json')
    writeFileSync(bad, JSON.stringify({StartAt: 'A', States: {A: {Type: 'Pass', Next: 'Nowhere'}}}))
    cfg = writeConfig((c) => {
      c.pipelines.saturday!.definition = bad
    })
    const r = await ae(Deploy, ['saturday', '--yes', '--json'])
    expect(r.exitCode).toBe(1)
    expect(errorOf(r.json).code).toBe('LINT_ERRORS')
    expect(errorOf(r.json).message).toMatch(/dangling-target/)
    expect(await liveDefinition(local, SATURDAY)).toBeUndefined()
  })
})
