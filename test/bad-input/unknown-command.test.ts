// An unknown command is bad usage: exit 2 (plugin-not-found's own 127 is remapped in bin/run.js).
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {projectRoot} from '../helpers/run-command.js'

describe('an unknown command', () => {
  it.skipIf(!existsSync(join(projectRoot, 'dist', 'commands')))('exits 2 and points at ae help', () => {
    const r = spawnSync(process.execPath, [join(projectRoot, 'bin', 'run.js'), 'recovr'], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/recovr is not a ae command/)
    expect(r.stderr).toMatch(/ae help/)
    expect(r.stderr).not.toMatch(/\n\s+at \S+ \(/)
  })
})
