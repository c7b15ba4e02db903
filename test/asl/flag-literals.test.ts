import {describe, expect, it} from 'vitest'
import {flagAssignments, stringToJsonLiterals} from '../../src/asl/flag-literals.js'

const SKIP = /^skip_/

describe('stringToJsonLiterals', () => {
  it("decodes the intrinsic escapes \\' \\{ \\} \\\\", () => {
    // Given the expression as it reads after JSON.parse of the definition
    const expr = String.raw`States.JsonMerge(States.StringToJson('\{"skip_a":true,"note":"it\'s a \\ path"\}'), $, false)`
    expect(stringToJsonLiterals(expr)).toEqual([`{"skip_a":true,"note":"it's a \\ path"}`])
  })

  it('finds every StringToJson literal and ignores paths and unterminated literals', () => {
    expect(stringToJsonLiterals("States.Array(States.StringToJson('[1]'), States.StringToJson($.x), States.StringToJson( '[2]'))")).toEqual(['[1]', '[2]'])
    expect(stringToJsonLiterals("States.StringToJson('{\"a\":1")).toEqual([])
  })
})

describe('flagAssignments', () => {
  it('reads flags from the JSON literal of a JsonMerge in a .$ field', () => {
    const payload = {'merged.$': String.raw`States.JsonMerge(States.StringToJson('\{"skip_a":true,"skip_b":false,"other":1\}'), $, false)`}
    expect(flagAssignments(payload, SKIP)).toEqual(
      new Map<string, unknown>([
        ['skip_a', true],
        ['skip_b', false],
      ]),
    )
  })

  it('reads literal keys at any depth, but never evaluates a string outside a .$ field', () => {
    const payload = {defaults: {skip_a: true}, skip_c: 'yes', text: "States.StringToJson('{\"skip_z\":true}')"}
    expect([...flagAssignments(payload, SKIP).keys()]).toEqual(['skip_a', 'skip_c'])
  })

  it('does not count a flag computed from a path', () => {
    expect(flagAssignments({'skip_a.$': '$.input.skip_a'}, SKIP).size).toBe(0)
  })

  it('skips an unparsable literal', () => {
    expect(flagAssignments({'x.$': "States.StringToJson('not json')"}, SKIP).size).toBe(0)
  })
})
