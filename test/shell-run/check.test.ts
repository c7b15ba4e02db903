import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {PassState, StateMachineDefinition} from '../../src/asl/types.js'
import {checkShellRunDefinition, checkShellRunTargets, findShellRunGate} from '../../src/shell-run/check.js'
import {soonWarning, upcomingFirings} from '../../src/shell-run/firings.js'
import {projectRoot} from '../helpers/run-command.js'

const saturday = () => JSON.parse(readFileSync(join(projectRoot, 'asl/saturday-pipeline.asl.json'), 'utf8')) as StateMachineDefinition
const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:alpha-engine-saturday-pipeline'

describe('shell-run definition check', () => {
  it('finds the shipped gate and its defaults covering all 16 skip flags', () => {
    const gate = findShellRunGate(saturday())
    expect(gate).toMatchObject({gate: 'CheckShellRun', defaults: 'ApplyShellRunDefaults'})
    expect(gate?.flagsSet).toHaveLength(16)
    expect(checkShellRunDefinition(saturday())).toEqual([])
  })

  it('reports the skip flags the defaults miss', () => {
    const def = saturday()
    const pass = def.States.ApplyShellRunDefaults as PassState
    const params = pass.Parameters as Record<string, string>
    params['merged.$'] = (params['merged.$'] as string).replace('"skip_parity":true,', '')
    expect(checkShellRunDefinition(def)).toEqual([expect.stringMatching(/do not set skip_parity: a shell run would still run that workload/)])
  })

  it('reports a definition without the shell-run gate', () => {
    const def = saturday()
    delete def.States.CheckShellRun
    delete def.States.ApplyShellRunDefaults
    def.States.InitializeInput = {...def.States.InitializeInput, Next: 'CheckSkipMorningEnrich'} as PassState
    expect(checkShellRunDefinition(def)[0]).toMatch(/no shell-run gate/)
  })
})

describe('shell-run target check', () => {
  it('accepts exactly the Saturday state machine with {"shell_run": true}', () => {
    expect(checkShellRunTargets([{Id: 't', Arn: ARN, Input: '{"shell_run":true}'}], ARN)).toEqual([])
  })

  it('refuses a wrong input, a wrong target, and no target', () => {
    expect(checkShellRunTargets([{Id: 't', Arn: ARN, Input: '{"shell_run":false}'}], ARN)).toEqual(['target t sends {"shell_run":false} instead of {"shell_run": true}'])
    expect(checkShellRunTargets([{Id: 't', Arn: ARN}], ARN)[0]).toMatch(/sends the event itself/)
    expect(checkShellRunTargets([{Id: 't', Arn: ARN.replace('saturday', 'weekday'), Input: '{"shell_run":true}'}], ARN)[0]).toMatch(/not arn:.*saturday/)
    expect(checkShellRunTargets([], ARN)).toEqual(['the rule has no target'])
  })
})

describe('firings', () => {
  it('lists the next three Friday firings in UTC and local time', () => {
    const now = new Date('2026-05-18T12:00:00Z') // a Monday
    const f = upcomingFirings('cron(30 21 ? * FRI *)', now, 3, 'America/Los_Angeles')
    expect(f.map((x) => x.utc)).toEqual(['2026-05-22T21:30:00.000Z', '2026-05-29T21:30:00.000Z', '2026-06-05T21:30:00.000Z'])
    expect(f[0]?.local).toBe('Fri 2026-05-22 14:30 PDT')
    expect(soonWarning(f, now)).toBeUndefined()
  })

  it('warns when the next firing is less than five minutes away', () => {
    const now = new Date('2026-05-22T21:27:00Z')
    const f = upcomingFirings('cron(30 21 ? * FRI *)', now)
    expect(soonWarning(f, now)).toMatch(/next firing is in 3 minute\(s\).*takes effect eventually/)
  })
})
