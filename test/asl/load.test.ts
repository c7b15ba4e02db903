import {describe, expect, it} from 'vitest'
import {AeError} from '../../src/errors.js'
import {renderDefinitionText} from '../../src/asl/load.js'

const def = (extra: object = {}) => JSON.stringify({StartAt: 'A', States: {A: {Type: 'Task', Resource: '${Fn}', End: true, ...extra}}})

function thrown(f: () => unknown): AeError {
  try {
    f()
  } catch (error) {
    return error as AeError
  }
  throw new Error('expected a throw')
}

describe('loading a definition', () => {
  it('renders ${Var} substitutions inside strings and lists the variables', () => {
    const r = renderDefinitionText(def({Comment: 'calls ${Fn} in ${Region}'}), 'x.json', {Fn: 'arn:fn', Region: 'eu-west-1'})
    expect(r.definition.States.A).toMatchObject({Resource: 'arn:fn', Comment: 'calls arn:fn in eu-west-1'})
    expect(r.variables).toEqual(['Fn', 'Region'])
  })

  it('refuses an unresolved variable, naming it and the file, exit 2', () => {
    const e = thrown(() => renderDefinitionText(def(), 'asl/x.asl.json', {}))
    expect(e.exitCode).toBe(2)
    expect(e.message).toBe('asl/x.asl.json: unresolved substitution ${Fn}')
    expect(e.suggestions[0]).toContain('--var Fn=VALUE')
  })

  it('reports malformed JSON with line and column', () => {
    const e = thrown(() => renderDefinitionText('{\n  "StartAt": "A",\n  "States": }', 'bad.json'))
    expect(e.exitCode).toBe(2)
    expect(e.message).toMatch(/^bad\.json:3:13: invalid JSON/)
  })

  it.each([['[]'], ['{"States": {}}'], ['{"StartAt": "A", "States": []}'], ['"text"']])('refuses JSON that is not ASL: %s', (text) => {
    const e = thrown(() => renderDefinitionText(text, 'n.json'))
    expect(e.code).toBe('NOT_ASL')
    expect(e.exitCode).toBe(2)
  })
})
