// Conformance: every intrinsic function through a Pass state's Parameters ("v.$": <intrinsic>).
// Sources: the spec's Appendix B (states-language.net) and the developer guide's "Intrinsic functions
// for JSONPath states in Step Functions", whose examples these are unless a case says otherwise.
import {describe, expect, it} from 'vitest'
import type {JsonValue, StateMachineDefinition} from '../../../../src/asl/types.js'
import {run} from './run.js'

const withIntrinsic = (expr: string): StateMachineDefinition => ({
  StartAt: 'P',
  States: {P: {Type: 'Pass', Parameters: {'v.$': expr}, End: true}},
})

async function evaluate(expr: string, input: JsonValue = {}): Promise<JsonValue | undefined> {
  const r = await run(withIntrinsic(expr), input)
  expect(r.status, `${r.error}: ${r.cause}`).toBe('SUCCEEDED')
  return (r.output as {v: JsonValue}).v
}

async function failure(expr: string, input: JsonValue = {}): Promise<string | undefined> {
  const r = await run(withIntrinsic(expr), input)
  expect(r.status).toBe('FAILED')
  return r.error
}

describe('spec Appendix B / guide: States.Format', () => {
  it('replaces each {} with the next argument', async () => {
    expect(await evaluate("States.Format('Your name is {}, we are in the year {}', $.name, 2020)", {name: 'Foo', zebra: 'stripe'})).toBe(
      'Your name is Foo, we are in the year 2020',
    )
  })

  it("unescapes \\' in the template (the spec's playlist example)", async () => {
    const expr = String.raw`States.Format('Welcome to {} {}\'s playlist.', $.firstName, $.lastName)`
    expect(await evaluate(expr, {firstName: 'Jane', lastName: 'Doe'})).toBe("Welcome to Jane Doe's playlist.")
  })

  it('keeps escaped braces \\{ \\} as literal braces', async () => {
    expect(await evaluate(String.raw`States.Format('\{literal\} {}', $.v)`, {v: 'x'})).toBe('{literal} x')
  })

  it('renders booleans, numbers and null by their natural string form', async () => {
    expect(await evaluate("States.Format('{} {} {}', $.b, $.n, $.z)", {b: true, n: 1.5, z: null})).toBe('true 1.5 null')
  })

  it('keeps commas and parentheses inside a quoted string argument', async () => {
    expect(await evaluate("States.Format('a, (b) {}', $.v)", {v: 'c'})).toBe('a, (b) c')
  })

  it('reads a Context object path as an argument', async () => {
    const r = await run(withIntrinsic("States.Format('run {}', $$.Execution.Name)"), {}, {name: 'exec-42'})
    expect(r.output).toEqual({v: 'run exec-42'})
  })

  // The spec says a Format argument "MUST NOT be a JSON array or object" but names no error; the
  // service renders one the way Java prints collections ({"Arg1": 1, "Arg2": []} -> {Arg1=1, Arg2=[]}),
  // as LocalStack's StringFormat does from results recorded against AWS.
  it('renders an object or array argument as Java prints collections, not as JSON', async () => {
    expect(await evaluate("States.Format('{} {}', $.o, $.a)", {o: {Arg1: 1, Arg2: []}, a: [1, 'x']})).toBe('{Arg1=1, Arg2=[]} [1, x]')
  })

  it('fails with States.IntrinsicFailure when arguments and {} do not pair up', async () => {
    expect(await failure("States.Format('{} and {}', $.a)", {a: 1})).toBe('States.IntrinsicFailure')
  })
})

describe('spec Appendix B / guide: JSON intrinsics', () => {
  it('States.StringToJson parses a JSON string', async () => {
    expect(await evaluate('States.StringToJson($.someString)', {someString: '{"number": 20}', zebra: 'stripe'})).toEqual({number: 20})
  })

  it('States.StringToJson of text that is not JSON fails with States.IntrinsicFailure', async () => {
    expect(await failure('States.StringToJson($.s)', {s: 'not json'})).toBe('States.IntrinsicFailure')
  })

  it('States.JsonToString serializes compactly', async () => {
    expect(await evaluate('States.JsonToString($.someJson)', {someJson: {name: 'Foo', year: 2020}, zebra: 'stripe'})).toBe('{"name":"Foo","year":2020}')
  })

  it('States.JsonMerge merges shallowly, the second object winning', async () => {
    const input = {json1: {a: {a1: 1, a2: 2}, b: 2}, json2: {a: {a3: 1, a4: 2}, c: 3}}
    expect(await evaluate('States.JsonMerge($.json1, $.json2, false)', input)).toEqual({a: {a3: 1, a4: 2}, b: 2, c: 3})
  })

  it('States.JsonMerge leaves its first argument unchanged for later states', async () => {
    // Given a merge into a ResultPath, then a state reading json1 again
    const def: StateMachineDefinition = {
      StartAt: 'Merge',
      States: {
        Merge: {Type: 'Pass', Parameters: {'m.$': 'States.JsonMerge($.json1, $.json2, false)'}, ResultPath: '$.merged', Next: 'Read'},
        Read: {Type: 'Pass', Parameters: {'json1.$': '$.json1', 'merged.$': '$.merged.m', 'orig.$': '$$.Execution.Input.json1'}, End: true},
      },
    }
    // When it runs
    const r = await run(def, {json1: {a: 1, b: 2}, json2: {b: 3, c: 4}})
    // Then json1 still reads as given, in the state output and in the Context object
    expect(r.output).toEqual({json1: {a: 1, b: 2}, merged: {a: 1, b: 3, c: 4}, orig: {a: 1, b: 2}})
  })
})

describe('spec Appendix B / guide: array intrinsics', () => {
  const nine = {inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9]}

  it('States.Array gathers its arguments in order', async () => {
    expect(await evaluate("States.Array('Foo', 2020, $.someJson, null)", {someJson: {random: 'abcdefg'}, zebra: 'stripe'})).toEqual([
      'Foo',
      2020,
      {random: 'abcdefg'},
      null,
    ])
  })

  it('States.Array($.Id) wraps one value', async () => {
    expect(await evaluate('States.Array($.Id)', {Id: 123456})).toEqual([123456])
  })

  it('States.ArrayPartition chunks with a shorter last chunk', async () => {
    expect(await evaluate('States.ArrayPartition($.inputArray,4)', nine)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]])
  })

  it('States.ArrayPartition with chunk size 0 fails with States.IntrinsicFailure', async () => {
    expect(await failure('States.ArrayPartition($.inputArray, 0)', nine)).toBe('States.IntrinsicFailure')
  })

  it('States.ArrayContains finds a present value', async () => {
    expect(await evaluate('States.ArrayContains($.inputArray, $.lookingFor)', {...nine, lookingFor: 5})).toBe(true)
  })

  it('States.ArrayContains reports an absent value', async () => {
    expect(await evaluate('States.ArrayContains($.inputArray, $.lookingFor)', {...nine, lookingFor: 10})).toBe(false)
  })

  it('States.ArrayContains compares objects by value', async () => {
    expect(await evaluate('States.ArrayContains($.a, $.x)', {a: [{k: 1}, {k: 2}], x: {k: 2}})).toBe(true)
  })

  it('States.ArrayRange(1, 9, 2) counts up by two', async () => {
    expect(await evaluate('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9])
  })

  it('States.ArrayRange counts down with a negative step', async () => {
    expect(await evaluate('States.ArrayRange(10, 0, -5)')).toEqual([10, 5, 0])
  })

  it('States.ArrayRange over 1000 items fails with States.IntrinsicFailure', async () => {
    expect(await failure('States.ArrayRange(1, 2000, 1)')).toBe('States.IntrinsicFailure')
  })

  it('States.ArrayGetItem returns the item at an index', async () => {
    expect(await evaluate('States.ArrayGetItem($.inputArray, $.index)', {...nine, index: 5})).toBe(6)
  })

  it('States.ArrayLength counts the items', async () => {
    expect(await evaluate('States.ArrayLength($.inputArray)', nine)).toBe(9)
  })

  it('States.ArrayUnique removes duplicates keeping first occurrences in order', async () => {
    expect(await evaluate('States.ArrayUnique($.inputArray)', {inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4]})).toEqual([1, 2, 3, 4])
  })
})

describe('spec Appendix B / guide: encoding and hashing', () => {
  it('States.Base64Encode encodes MIME Base64', async () => {
    expect(await evaluate('States.Base64Encode($.input)', {input: 'Data to encode'})).toBe('RGF0YSB0byBlbmNvZGU=')
  })

  it('States.Base64Decode decodes it back (the page prints "Decoded data", a slip: the text is "Data to encode")', async () => {
    expect(await evaluate('States.Base64Decode($.base64)', {base64: 'RGF0YSB0byBlbmNvZGU='})).toBe('Data to encode')
  })

  // The page's SHA-1 of "input data" drops one digit; these are the digests of the UTF-8 bytes.
  it.each([
    ['MD5', '812f45842bc6d66ee14572ce20db8e86'],
    ['SHA-1', 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
    ['SHA-256', 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'],
    ['SHA-384', 'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562'],
    [
      'SHA-512',
      '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4',
    ],
  ])('States.Hash with %s gives the hex digest', async (algorithm, digest) => {
    expect(await evaluate('States.Hash($.Data, $.Algorithm)', {Data: 'input data', Algorithm: algorithm})).toBe(digest)
  })

  it('States.Hash with an algorithm not on the list fails with States.IntrinsicFailure', async () => {
    expect(await failure('States.Hash($.Data, $.Algorithm)', {Data: 'input data', Algorithm: 'SHA-3'})).toBe('States.IntrinsicFailure')
  })
})

describe('spec Appendix B / guide: math, strings and UUID', () => {
  it('States.MathRandom returns an integer between start and end', async () => {
    const v = await evaluate('States.MathRandom($.start, $.end)', {start: 1, end: 999})
    expect(Number.isInteger(v)).toBe(true)
    expect(v).toBeGreaterThanOrEqual(1)
    expect(v).toBeLessThanOrEqual(999)
  })

  it('States.MathRandom with the same seed returns the same number', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {P: {Type: 'Pass', Parameters: {'a.$': 'States.MathRandom(1, 1000000, 7)', 'b.$': 'States.MathRandom(1, 1000000, 7)'}, End: true}},
    }
    const r = await run(def, {})
    const {a, b} = r.output as {a: number; b: number}
    expect(a).toBe(b)
  })

  it('States.MathAdd adds a negative step (111 + -1 = 110)', async () => {
    expect(await evaluate('States.MathAdd($.value1, $.step)', {value1: 111, step: -1})).toBe(110)
  })

  it('States.MathAdd with a string argument fails with States.IntrinsicFailure', async () => {
    expect(await failure('States.MathAdd($.a, 1)', {a: 'one'})).toBe('States.IntrinsicFailure')
  })

  it('States.StringSplit splits on the delimiter', async () => {
    expect(await evaluate('States.StringSplit($.inputString, $.splitter)', {inputString: '1,2,3,4,5', splitter: ','})).toEqual(['1', '2', '3', '4', '5'])
  })

  it('States.StringSplit treats each character of a longer delimiter as a separator (the guide second example)', async () => {
    const input = {inputString: 'This.is+a,test=string', splitter: '.+,='}
    expect(await evaluate('States.StringSplit($.inputString, $.splitter)', input)).toEqual(['This', 'is', 'a', 'test', 'string'])
  })

  it('States.UUID returns a version 4 UUID, new on each call', async () => {
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {P: {Type: 'Pass', Parameters: {'a.$': 'States.UUID()', 'b.$': 'States.UUID()'}, End: true}},
    }
    const {a, b} = (await run(def, {})).output as {a: string; b: string}
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(b).not.toBe(a)
  })
})

describe('guide: nesting and where intrinsics apply', () => {
  it('nests intrinsics (the guide myArn example, two parts of a version)', async () => {
    const part = (i: number) => `States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), ${i})`
    const expr = `States.Format('{}.{}', ${part(0)}, ${part(1)})`
    const input = {ImageRecipe: {Arn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/mybuild/1.2.3'}}
    expect(await evaluate(expr, input)).toBe('1.2')
  })

  it('feeds one intrinsic into another: States.ArrayLength(States.Array(1, 2, 3))', async () => {
    expect(await evaluate('States.ArrayLength(States.Array(1, 2, 3))')).toBe(3)
  })

  it('round-trips States.StringToJson(States.JsonToString($.o))', async () => {
    expect(await evaluate('States.StringToJson(States.JsonToString($.o))', {o: {a: [1, {b: null}]}})).toEqual({a: [1, {b: null}]})
  })

  it('leaves intrinsic text in a field without .$ as a plain string', async () => {
    const def: StateMachineDefinition = {StartAt: 'P', States: {P: {Type: 'Pass', Parameters: {v: 'States.Array(1)'}, End: true}}}
    expect((await run(def, {})).output).toEqual({v: 'States.Array(1)'})
  })
})
