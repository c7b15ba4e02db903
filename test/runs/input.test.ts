import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {AeError} from '../../src/errors.js'
import {checkSkipKeys, parseRunInput} from '../../src/runs/input.js'
import {suggest} from '../../src/util/suggest.js'
import {isLocalEndpoint, shellRunName} from '../../src/runs/start.js'

const FLAGS = ['skip_research', 'skip_parity', 'skip_backtester', 'skip_predictor_training']

const thrown = (f: () => unknown): AeError => {
  try {
    f()
  } catch (e) {
    return e as AeError
  }
  throw new Error('expected a throw')
}

describe('skip-key validation', () => {
  it('suggests the nearest gate flag for a misspelt skip key, exit 2', () => {
    const e = thrown(() => checkSkipKeys({skip_reserch: true}, FLAGS, 'saturday'))
    expect(e.exitCode).toBe(2)
    expect(e.code).toBe('UNKNOWN_SKIP_FLAG')
    expect(e.message).toBe('skip_reserch is not a skip gate of saturday; did you mean skip_research?')
    expect(e.suggestions[0]).toMatch(/ae pipelines show saturday/)
  })

  it('refuses a skip key that resembles no gate without a guess', () => {
    const e = thrown(() => checkSkipKeys({skip_everything_please: true}, FLAGS, 'saturday'))
    expect(e.message).toBe('skip_everything_please is not a skip gate of saturday')
  })

  it('accepts gate flags and keys that are not skip flags', () => {
    expect(() => checkSkipKeys({skip_parity: true, run_date: '2026-05-16', shell_run: true}, FLAGS, 'saturday')).not.toThrow()
  })

  it('suggests a close flag and nothing for a far one', () => {
    expect(suggest('skip_partiy', FLAGS)).toBe('skip_parity')
    expect(suggest('skip_backtest', FLAGS)).toBe('skip_backtester')
    expect(suggest('zzz', FLAGS)).toBeUndefined()
  })
})

describe('run input', () => {
  it('reads inline JSON and @file, and refuses what is not a JSON object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ae-run-input-'))
    writeFileSync(join(dir, 'in.json'), '{"skip_parity": true}')
    expect(parseRunInput(undefined)).toEqual({})
    expect(parseRunInput('{"a": 1}')).toEqual({a: 1})
    expect(parseRunInput('@in.json', dir)).toEqual({skip_parity: true})
    expect(thrown(() => parseRunInput('[1]')).code).toBe('INPUT_NOT_OBJECT')
    expect(thrown(() => parseRunInput('{oops')).code).toBe('INVALID_JSON')
    expect(thrown(() => parseRunInput('@missing.json', dir)).exitCode).toBe(4)
  })
})

describe('names and endpoints', () => {
  it('names shell runs shell-{date}-{n} in UTC', () => {
    expect(shellRunName(new Date('2026-05-22T23:59:00Z'), 3)).toBe('shell-2026-05-22-3')
  })

  it('treats only 127.0.0.1, localhost and ::1 as the local endpoint', () => {
    expect(isLocalEndpoint('http://127.0.0.1:4566')).toBe(true)
    expect(isLocalEndpoint('http://localhost:1234')).toBe(true)
    expect(isLocalEndpoint(undefined)).toBe(false)
    expect(isLocalEndpoint('https://states.us-east-1.amazonaws.com')).toBe(false)
    expect(isLocalEndpoint('not a url')).toBe(false)
  })
})
