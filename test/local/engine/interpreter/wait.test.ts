import {describe, expect, it} from 'vitest'
import type {StateMachineDefinition} from '../../../../src/asl/types.js'
import {createVirtualClock, startExecution} from '../../../../src/local/engine/index.js'
import {START} from '../engine-fixtures.js'

const clock = () => createVirtualClock({timeScale: 0, start: START})
const waitWith = (fields: object): StateMachineDefinition => ({StartAt: 'W', States: {W: {Type: 'Wait', End: true, ...fields}}})
const run = (fields: object, input: unknown) => startExecution({definition: waitWith(fields), input: input as never, clock: clock()}).done

describe('Wait', () => {
  it('waits until a Timestamp, and not at all for one in the past', async () => {
    expect((await run({Timestamp: '2026-03-01T01:00:00Z'}, {})).stopDate.getTime() - START).toBe(3600_000)
    expect((await run({Timestamp: '2020-01-01T00:00:00Z'}, {})).stopDate.getTime()).toBe(START)
  })

  it('reads SecondsPath and TimestampPath from the input', async () => {
    expect((await run({SecondsPath: '$.s'}, {s: 7})).stopDate.getTime() - START).toBe(7000)
    expect((await run({TimestampPath: '$.t'}, {t: '2026-03-01T00:00:09.500Z'})).stopDate.getTime() - START).toBe(9500)
  })

  it('fails with the States.Runtime causes AWS gives for bad SecondsPath values', async () => {
    const cause = async (input: unknown) => (await run({SecondsPath: '$.s'}, input)).cause
    expect(await cause({})).toBe("An error occurred while executing the state 'W' (entered at the event id #2). The SecondsPath parameter does not reference an input value: $.s")
    expect(await cause({s: -1})).toContain('The SecondsPath parameter references a negative value: $.s == -1')
    expect(await cause({s: 1.5})).toContain('The SecondsPath parameter cannot be parsed as a long value: $.s == 1.5')
  })

  it('fails with States.Runtime for a TimestampPath that is not an RFC 3339 timestamp', async () => {
    const result = await run({TimestampPath: '$.t'}, {t: '2016-12-05 21:29:29Z'})
    expect(result.cause).toContain('The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == 2016-12-05 21:29:29Z')
  })

  it('refuses a delay too long for AWS', async () => {
    const result = await run({SecondsPath: '$.s'}, {s: 2_147_483_648})
    expect(result.cause).toContain('Wait state delay is too long.')
  })

  it('evaluates JSONata Seconds and passes its input on', async () => {
    const definition: StateMachineDefinition = {QueryLanguage: 'JSONata', StartAt: 'W', States: {W: {Type: 'Wait', Seconds: '{% $states.input.s * 2 %}', End: true}}}
    const result = await startExecution({definition, input: {s: 5}, clock: clock()}).done
    expect(result).toMatchObject({output: {s: 5}})
    expect(result.stopDate.getTime() - START).toBe(10_000)
  })
})
