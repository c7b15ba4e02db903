import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import Validate from '../../src/commands/validate.js'
import PipelinesShow from '../../src/commands/pipelines/show.js'
import PipelinesList from '../../src/commands/pipelines/list.js'
import {runCommand} from '../helpers/run-command.js'

const dir = mkdtempSync(join(tmpdir(), 'ae-validate-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const oneLineError = (stderr: string) => {
  const lines = stderr.trim().split('\n')
  expect(lines[0]).toMatch(/^Error: /)
  expect(stderr).not.toMatch(/\n\s+at /)
}

describe('ae validate', () => {
  it('passes both shipped definitions', async () => {
    const r = await runCommand(Validate, ['--json'])
    expect(r.exitCode).toBe(0)
    const out = r.json as {errors: number; files: {pipeline: string; errors: number}[]}
    expect(out.errors).toBe(0)
    expect(out.files.map((f) => f.pipeline)).toEqual(['saturday', 'weekday'])
  })

  it('exits 1 and lists the diagnostic when a definition has a lint error', async () => {
    const bad = file('dangling.asl.json', JSON.stringify({StartAt: 'A', States: {A: {Type: 'Pass', Next: 'Nowhere'}}}))
    const r = await runCommand(Validate, [bad])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/FAIL .*dangling\.asl\.json/)
    expect(r.stdout).toMatch(/dangling-target/)
  })

  it.each([
    ['malformed JSON, with line and column', () => file('broken.json', '{\n  "StartAt": "A",\n  "States": {\n}}}'), /broken\.json:4:3: invalid JSON/],
    ['JSON that is not ASL', () => file('notasl.json', '{"hello": "world"}'), /not an Amazon States Language definition/],
    ['an unresolved ${Var}', () => file('var.json', JSON.stringify({StartAt: 'A', States: {A: {Type: 'Task', Resource: '${Fn}', End: true}}})), /unresolved substitution \$\{Fn\}/],
  ])('refuses %s: one line, exit 2, no stack trace', async (_name, make, message) => {
    const r = await runCommand(Validate, [make()])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(message)
    oneLineError(r.stderr)
  })

  it('refuses a missing --config file with exit 2', async () => {
    const r = await runCommand(Validate, ['--config', join(dir, 'nope.json')])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/nope\.json does not exist/)
    oneLineError(r.stderr)
  })

  it('says a missing definition file is not found, exit 4', async () => {
    const r = await runCommand(Validate, [join(dir, 'absent.asl.json'), '--json'])
    expect(r.exitCode).toBe(4)
    expect((r.json as {error: {code: string}}).error.code).toBe('DEFINITION_NOT_FOUND')
  })

  it('renders a file with --var substitutions', async () => {
    const f = file('vars.json', JSON.stringify({StartAt: 'A', States: {A: {Type: 'Pass', Comment: '${X}', End: true}}}))
    const r = await runCommand(Validate, [f, '--var', 'X=1', '--json'])
    expect(r.exitCode).toBe(0)
  })
})

describe('ae pipelines', () => {
  it('shows the Saturday workloads with name, gate, flag, skip target, states and parent', async () => {
    const r = await runCommand(PipelinesShow, ['saturday', '--json'])
    expect(r.exitCode).toBe(0)
    const view = r.json as {pipeline: string; stateMachineName: string; workloads: {name: string; gate: string; flag: string; skipTarget: string; states: string[]; parent: string | null}[]}
    expect(view.pipeline).toBe('saturday')
    expect(view.stateMachineName).toBe('alpha-engine-saturday-pipeline')
    expect(view.workloads).toHaveLength(16)
    expect(view.workloads.find((w) => w.name === 'Parity')).toMatchObject({gate: 'CheckSkipParity', flag: 'skip_parity', skipTarget: 'CheckSkipEvaluator', parent: 'Backtester'})
    expect(view.workloads.find((w) => w.name === 'Research')).toMatchObject({flag: 'skip_research', parent: null, states: ['Research', 'CheckResearchStatus']})
  })

  it('prints a human table by default', async () => {
    const r = await runCommand(PipelinesShow, ['weekday'])
    expect(r.stdout).toMatch(/^weekday: alpha-engine-weekday-pipeline \(1 skip gates\)/)
    expect(r.stdout).toMatch(/MorningEnrich\s+skip_morning_enrich/)
  })

  it('says an unknown pipeline is not found, exit 4, naming the known ones', async () => {
    const r = await runCommand(PipelinesShow, ['sunday'])
    expect(r.exitCode).toBe(4)
    expect(r.stderr).toMatch(/no pipeline named sunday/)
    expect(r.stderr).toMatch(/Known pipelines: saturday, weekday/)
  })

  it('lists the configured pipelines', async () => {
    const r = await runCommand(PipelinesList, ['--json'])
    expect((r.json as {pipelines: {name: string; gates: number}[]}).pipelines).toEqual([
      expect.objectContaining({name: 'saturday', gates: 16}),
      expect.objectContaining({name: 'weekday', gates: 1}),
    ])
  })
})
