import {describe, expect, it} from 'vitest'
import {outcomeAt, parseInvocationKey, parseMockedResponse} from '../../../src/local/scenarios/mocked-responses.js'

function parse(raw: unknown) {
  const problems: string[] = []
  const response = parseMockedResponse('R', raw, 'MockedResponses.R', {add: (path, problem) => problems.push(`${path}: ${problem}`)})
  return {response, problems}
}

describe('invocation keys', () => {
  it('reads a single invocation and an inclusive range', () => {
    expect(parseInvocationKey('0')).toEqual([0, 0])
    expect(parseInvocationKey('1-2')).toEqual([1, 2])
    expect(parseInvocationKey(' 3 - 7 ')).toEqual([3, 7])
  })

  it('refuses anything else, including a range that runs backwards', () => {
    for (const key of ['', 'a', '-1', '1-', '2-1', '1-2-3', '1.5']) expect(parseInvocationKey(key)).toBeUndefined()
  })
})

describe('mocked responses', () => {
  it('gives each invocation its outcome: Throw for 0, Throw for 1-2, Return for 3', () => {
    // Given the Step Functions Local documentation's retry example
    const {response, problems} = parse({
      '0': {Throw: {Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.'}},
      '1-2': {Throw: {Error: 'Lambda.TimeoutException', Cause: 'Lambda timed out.'}},
      '3': {Return: {StatusCode: 200, Payload: {StatusCode: 200, body: 'Hello from Lambda!'}}},
    })
    expect(problems).toEqual([])

    // Then invocations 0..3 get them in order
    const at = (n: number) => outcomeAt(response!, n)
    expect(at(0)).toEqual({type: 'throw', error: 'Lambda.ResourceNotReadyException', cause: 'Lambda resource is not ready.'})
    expect(at(1)).toMatchObject({type: 'throw', error: 'Lambda.TimeoutException'})
    expect(at(2)).toMatchObject({type: 'throw', error: 'Lambda.TimeoutException'})
    expect(at(3)).toEqual({type: 'return', value: {StatusCode: 200, Payload: {StatusCode: 200, body: 'Hello from Lambda!'}}})
  })

  it('repeats the last response past the configured invocations, so a poll keeps its final answer', () => {
    const {response} = parse({'0-1': {Return: {Status: 'InProgress'}}, '2': {Return: {Status: 'Success'}}})
    expect(outcomeAt(response!, 2)).toEqual({type: 'return', value: {Status: 'Success'}})
    expect(outcomeAt(response!, 9)).toEqual({type: 'return', value: {Status: 'Success'}})
  })

  it('accepts keys in any order in the file', () => {
    const {response, problems} = parse({'1': {Return: 'b'}, '0': {Return: 'a'}})
    expect(problems).toEqual([])
    expect(outcomeAt(response!, 0)).toEqual({type: 'return', value: 'a'})
  })

  it('refuses a gap or an overlap between ranges', () => {
    expect(parse({'0': {Return: 1}, '2': {Return: 2}}).problems[0]).toContain('leaves invocation 1 without a response')
    expect(parse({'0-2': {Return: 1}, '1': {Return: 2}}).problems[0]).toContain('overlaps invocation 1')
    expect(parse({'1': {Return: 1}}).problems[0]).toContain('leaves invocation 0 without a response')
  })

  it('needs exactly one of Return or Throw, and a Throw with string Error and Cause', () => {
    expect(parse({'0': {Return: 1, Throw: {Error: 'E', Cause: 'C'}}}).problems[0]).toContain('cannot hold both')
    expect(parse({'0': {}}).problems[0]).toContain('needs a Return or a Throw')
    expect(parse({'0': {Throw: {Error: 'E'}}}).problems[0]).toContain('Throw needs string fields Error and Cause')
    expect(parse({'x': {Return: 1}}).problems[0]).toContain('"x" is not an invocation number')
    expect(parse({}).problems[0]).toContain('a mocked response is an object of invocations')
  })

  it('keeps a Return of any JSON, null included', () => {
    const {response} = parse({'0': {Return: null}})
    expect(outcomeAt(response!, 0)).toEqual({type: 'return', value: null})
  })
})
