import {Flags} from '@oclif/core'
import {describe, expect, it} from 'vitest'
import {AeCommand} from '../src/base-command.js'
import {notFoundError, refusedError, usageError} from '../src/errors.js'
import {runCommand} from './helpers/run-command.js'

class Probe extends AeCommand<{ok: true}> {
  static override flags = {fail: Flags.string()}
  async run(): Promise<{ok: true}> {
    const {flags} = await this.parse(Probe)
    if (flags.fail === 'usage') throw usageError('BAD', 'bad thing', 'do the good thing')
    if (flags.fail === 'refused') throw refusedError('HELD', 'held by hold h-1', ['release it'])
    if (flags.fail === 'missing') throw notFoundError('GONE', 'no such execution')
    if (flags.fail === 'bug') throw new TypeError('x is undefined')
    if (!this.jsonEnabled()) this.log('all good')
    return {ok: true}
  }
}

describe('the base command', () => {
  it('prints the result as JSON under --json and exits 0', async () => {
    const r = await runCommand(Probe, ['--json'])
    expect(r.exitCode).toBe(0)
    expect(r.json).toEqual({ok: true})
  })

  it.each([
    ['usage', 2, 'BAD'],
    ['refused', 3, 'HELD'],
    ['missing', 4, 'GONE'],
    ['bug', 1, 'INTERNAL'],
  ])('keeps the exit code of a %s error under --json (%i) with code and suggestions', async (kind, exit, code) => {
    const r = await runCommand(Probe, ['--json', '--fail', kind])
    expect(r.exitCode).toBe(exit)
    const err = (r.json as {error: {code: string; exitCode: number; suggestions: string[]}}).error
    expect(err.code).toBe(code)
    expect(err.exitCode).toBe(exit)
    expect(Array.isArray(err.suggestions)).toBe(true)
  })

  it('prints one error line and a next step to stderr without --json, no stack trace', async () => {
    const r = await runCommand(Probe, ['--fail', 'usage'])
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('Error: bad thing\n  Next: do the good thing\n')
  })

  it('hides the stack of an unexpected error unless AE_DEBUG is set', async () => {
    const r = await runCommand(Probe, ['--fail', 'bug'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('unexpected error: x is undefined')
    expect(r.stderr).not.toContain('at Probe.run')
  })

  it('turns an unknown flag into a usage error, exit 2', async () => {
    const r = await runCommand(Probe, ['--nope', '--json'])
    expect(r.exitCode).toBe(2)
    expect((r.json as {error: {code: string}}).error.code).toBe('USAGE')
  })
})

describe('parse errors', () => {
  class Needs extends AeCommand<{ok: true}> {
    static override flags = {from: Flags.string({required: true})}
    async run(): Promise<{ok: true}> {
      await this.parse(Needs)
      return {ok: true}
    }
  }

  it('names the missing required flag in one line, exit 2', async () => {
    const r = await runCommand(Needs, [])
    expect(r.exitCode).toBe(2)
    const first = r.stderr.split('\n')[0]!
    expect(first).toMatch(/^Error: Missing required flag/)
    expect(first).toMatch(/from/)
    expect(r.stderr).not.toMatch(/The following error occurred/)
  })
})
