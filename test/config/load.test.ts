import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {AeError} from '../../src/errors.js'
import {loadConfig, locateConfig, SHIPPED_CONFIG} from '../../src/config/load.js'

const dir = () => mkdtempSync(join(tmpdir(), 'ae-config-'))
const minimal = {pipelines: {p: {stateMachineName: 'sm', definition: 'd.asl.json'}}}

function thrown(f: () => unknown): AeError {
  try {
    f()
  } catch (error) {
    return error as AeError
  }
  throw new Error('expected a throw')
}

describe('config lookup', () => {
  it('prefers --config, then AE_CONFIG, then ./ae.config.json, then the shipped config', () => {
    const d = dir()
    writeFileSync(join(d, 'a.json'), JSON.stringify(minimal))
    writeFileSync(join(d, 'ae.config.json'), JSON.stringify(minimal))
    expect(locateConfig({flag: 'a.json', env: {AE_CONFIG: 'x'}, cwd: d}).source).toBe('flag')
    expect(locateConfig({env: {AE_CONFIG: 'a.json'}, cwd: d}).source).toBe('env')
    expect(locateConfig({env: {}, cwd: d})).toEqual({path: join(d, 'ae.config.json'), source: 'cwd'})
    expect(locateConfig({env: {}, cwd: tmpdir()})).toEqual({path: SHIPPED_CONFIG, source: 'shipped'})
  })

  it('rejects a missing --config file with exit 2', () => {
    const e = thrown(() => loadConfig({flag: 'nope.json', cwd: dir()}))
    expect(e.exitCode).toBe(2)
    expect(e.message).toContain('nope.json does not exist')
  })

  it('names the field and what it expects when the config is invalid', () => {
    const d = dir()
    writeFileSync(join(d, 'c.json'), JSON.stringify({pipelines: {p: {stateMachineName: 7, definition: 'x'}}}))
    const e = thrown(() => loadConfig({flag: 'c.json', cwd: d}))
    expect(e.exitCode).toBe(2)
    expect(e.message).toMatch(/pipelines\.p\.stateMachineName: expected string/)
  })

  it('reports an unknown field by name', () => {
    const d = dir()
    writeFileSync(join(d, 'c.json'), JSON.stringify({...minimal, pipelnes: {}}))
    expect(thrown(() => loadConfig({flag: 'c.json', cwd: d})).message).toContain('unknown field "pipelnes"')
  })

  it('gives the line and column of malformed JSON', () => {
    const d = dir()
    writeFileSync(join(d, 'c.json'), '{\n  "pipelines": {,\n}')
    const e = thrown(() => loadConfig({flag: 'c.json', cwd: d}))
    expect(e.exitCode).toBe(2)
    expect(e.message).toMatch(/c\.json:2:17: invalid JSON/)
  })

  it('loads the shipped config with defaults filled in', () => {
    const loaded = loadConfig({env: {}, cwd: tmpdir()})
    expect(Object.keys(loaded.config.pipelines)).toEqual(['saturday', 'weekday'])
    expect(loaded.config.recovery.nameTemplate).toBe('recover-{run_date}-{attempt}')
    expect(loaded.config.holds?.lockKey).toBe('ae/locks/deploy.json')
  })
})
