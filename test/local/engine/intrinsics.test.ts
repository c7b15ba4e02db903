import {describe, expect, it} from 'vitest'
import {evaluateIntrinsic, isIntrinsic} from '../../../src/local/engine/intrinsics/index.js'
import {data, fromJson, runCases} from './intrinsics-fixtures.js'

const INPUT_ARRAY = [1, 2, 3, 4, 5, 6, 7, 8, 9]

describe('isIntrinsic', () => {
  it.each([
    ["States.Format('Hi {}', $.name)", true],
    ['States.UUID()', true],
    ['States.Unknown(1)', true],
    ['$.name', false],
    ['$$.Execution.Id', false],
    ['$runDate', false],
    ['States.Format', false],
    ['Custom.Fn(1)', false],
    ['states.format(1)', false],
    ['', false],
  ])('tells whether %j is an intrinsic call (%s)', (value, expected) => {
    expect(isIntrinsic(value)).toBe(expected)
  })
})

describe('evaluateIntrinsic: the documented examples', () => {
  runCases([
    {name: 'Format with a quoted template (doc)', expression: "States.Format('Hello, my name is {}.', $.name)", input: {name: 'Arnav'}, expected: 'Hello, my name is Arnav.'},
    {name: 'Format with a template read from a path (doc)', expression: 'States.Format($.template, $.name)', input: {name: 'Arnav', template: 'Hello, my name is {}.'}, expected: 'Hello, my name is Arnav.'},
    {name: 'Format with a number literal (spec)', expression: "States.Format('Your name is {}, we are in the year {}', $.name, 2020)", input: {name: 'Foo'}, expected: 'Your name is Foo, we are in the year 2020'},
    {name: "Format with an escaped apostrophe (spec)", expression: fromJson(String.raw`"States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)"`), input: {firstName: 'John', lastName: 'Doe'}, expected: "Welcome to John Doe's playlist."},
    {name: 'StringToJson parses an escaped JSON string (doc)', expression: 'States.StringToJson($.escapedJsonString)', input: {escapedJsonString: '{"foo": "bar"}'}, expected: {foo: 'bar'}},
    {name: 'StringToJson parses a number field (spec)', expression: 'States.StringToJson($.someString)', input: {someString: '{"number": 20}'}, expected: {number: 20}},
    {name: 'JsonToString writes compact JSON (doc)', expression: 'States.JsonToString($.unescapedJson)', input: {unescapedJson: {foo: 'bar'}}, expected: '{"foo":"bar"}'},
    {name: 'JsonToString writes compact JSON (spec)', expression: 'States.JsonToString($.someJson)', input: {someJson: {name: 'Foo', year: 2020}}, expected: '{"name":"Foo","year":2020}'},
    {name: 'Array of one path (doc)', expression: 'States.Array($.Id)', input: {Id: 123456}, expected: [123456]},
    {name: 'Array of a string, a number, an object and null (spec)', expression: "States.Array('Foo', 2020, $.someJson, null)", input: {someJson: {random: 'abcdefg'}}, expected: ['Foo', 2020, {random: 'abcdefg'}, null]},
    {name: 'ArrayPartition keeps a short last chunk (doc)', expression: 'States.ArrayPartition($.inputArray,4)', input: {inputArray: INPUT_ARRAY}, expected: [[1, 2, 3, 4], [5, 6, 7, 8], [9]]},
    {name: 'ArrayContains finds a value (doc)', expression: 'States.ArrayContains($.inputArray, $.lookingFor)', input: {inputArray: INPUT_ARRAY, lookingFor: 5}, expected: true},
    {name: 'ArrayRange includes its end value (doc)', expression: 'States.ArrayRange(1, 9, 2)', expected: [1, 3, 5, 7, 9]},
    {name: 'ArrayGetItem reads by zero-based index (doc)', expression: 'States.ArrayGetItem($.inputArray, $.index)', input: {inputArray: INPUT_ARRAY, index: 5}, expected: 6},
    {name: 'ArrayLength counts items (doc)', expression: 'States.ArrayLength($.inputArray)', input: {inputArray: INPUT_ARRAY}, expected: 9},
    {name: 'ArrayUnique removes duplicates (doc)', expression: 'States.ArrayUnique($.inputArray)', input: {inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4]}, expected: [1, 2, 3, 4]},
    {name: 'Base64Encode (doc)', expression: 'States.Base64Encode($.input)', input: {input: 'Data to encode'}, expected: 'RGF0YSB0byBlbmNvZGU='},
    // The guide prints "Decoded data" here, which is not what that Base64 text holds.
    {name: 'Base64Decode (doc input, recorded result)', expression: 'States.Base64Decode($.base64)', input: {base64: 'RGF0YSB0byBlbmNvZGU='}, expected: 'Data to encode'},
    // The guide prints this digest with one digit missing; the recorded result has all 40.
    {name: 'Hash with SHA-1 (doc input, recorded result)', expression: 'States.Hash($.Data, $.Algorithm)', input: {Data: 'input data', Algorithm: 'SHA-1'}, expected: 'aaff4a450a104cd177d28d18d74485e8cae074b7'},
    {name: 'JsonMerge is shallow and the second object wins (doc)', expression: 'States.JsonMerge($.json1, $.json2, false)', input: {json1: {a: {a1: 1, a2: 2}, b: 2}, json2: {a: {a3: 1, a4: 2}, c: 3}}, expected: {a: {a3: 1, a4: 2}, b: 2, c: 3}},
    {name: 'MathAdd subtracts with a negative step (doc)', expression: 'States.MathAdd($.value1, $.step)', input: {value1: 111, step: -1}, expected: 110},
    {name: 'StringSplit on one delimiter (doc)', expression: 'States.StringSplit($.inputString, $.splitter)', input: {inputString: '1,2,3,4,5', splitter: ','}, expected: ['1', '2', '3', '4', '5']},
    {name: 'StringSplit on any of several delimiters (doc)', expression: 'States.StringSplit($.inputString, $.splitter)', input: {inputString: 'This.is+a,test=string', splitter: '.+,='}, expected: ['This', 'is', 'a', 'test', 'string']},
  ])

  it('MathRandom returns an integer from start (inclusive) to end (exclusive) (doc)', () => {
    // Given the documented bounds, When drawn many times
    const draws = Array.from({length: 200}, () => evaluateIntrinsic('States.MathRandom($.start, $.end)', data({start: 1, end: 999})))
    // Then every draw is an integer in [1, 999) and they are not all the same
    for (const draw of draws) expect(Number.isInteger(draw) && (draw as number) >= 1 && (draw as number) < 999).toBe(true)
    expect(new Set(draws).size).toBeGreaterThan(1)
  })

  it('UUID returns a fresh version 4 UUID each call (doc)', () => {
    const [first, second] = [evaluateIntrinsic('States.UUID()', data()), evaluateIntrinsic('States.UUID()', data())]
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(second).not.toBe(first)
  })
})

describe('evaluateIntrinsic: behaviour recorded from Step Functions and edge cases', () => {
  runCases([
    {name: 'Format renders null, numbers and empty strings as text (recorded)', expression: "States.Format('{}|{}|{}|{}', $.a, $.b, $.c, $.d)", input: {a: null, b: 1.1, c: '', d: true}, expected: 'null|1.1||true'},
    {name: "Format renders an object the way the service does, not as JSON (recorded)", expression: "States.Format('fst={}', $.o)", input: {o: {Arg1: 1, Arg2: []}}, expected: 'fst={Arg1=1, Arg2=[]}'},
    {name: 'Format renders the Context object StateMachine field (recorded)', expression: "States.Format('{}', $$.StateMachine)", expected: '{Id=arn:aws:states:us-east-1:123456789012:stateMachine:weekday, Name=weekday}'},
    {name: 'Format renders an array with nested values', expression: "States.Format('{}', $.a)", input: {a: [1, 'x', null, [2]]}, expected: '[1, x, null, [2]]'},
    {name: 'Format puts a JSON string argument in raw (recorded)', expression: "States.Format('{}', $.s)", input: {s: '{"Arg1": 1}'}, expected: '{"Arg1": 1}'},
    {name: 'StringToJson of an empty or blank string is null (recorded)', expression: "States.Array(States.StringToJson(''), States.StringToJson(' '))", expected: [null, null]},
    {name: 'StringToJson of scalars (recorded)', expression: "States.Array(States.StringToJson('-0'), States.StringToJson('1.1'), States.StringToJson('true'), States.StringToJson('\"HelloWorld\"'), States.StringToJson('null'))", expected: [0, 1.1, true, 'HelloWorld', null]},
    {name: 'JsonToString of scalars (recorded)', expression: 'States.Array(States.JsonToString($.s), States.JsonToString($.n), States.JsonToString($.z))', input: {s: 'HelloWorld', n: 1.1, z: null}, expected: ['"HelloWorld"', '1.1', 'null']},
    {name: 'JsonToString of an array (recorded)', expression: 'States.JsonToString($.a)', input: {a: [1, 2, 'HelloWorld']}, expected: '[1,2,"HelloWorld"]'},
    {name: 'Array with no arguments is empty (recorded)', expression: 'States.Array()', expected: []},
    {name: 'ArrayPartition of an empty array is empty (recorded)', expression: 'States.ArrayPartition($.a, 3)', input: {a: []}, expected: []},
    {name: 'ArrayPartition with a remainder (recorded)', expression: 'States.ArrayPartition($.a, 2)', input: {a: [0, 1, 2]}, expected: [[0, 1], [2]]},
    {name: 'ArrayPartition with a chunk larger than the array (recorded)', expression: 'States.ArrayPartition($.a, 5)', input: {a: [0, 1]}, expected: [[0, 1]]},
    {name: 'ArrayPartition rounds a fractional chunk size (doc)', expression: 'States.ArrayPartition($.a, 1.6)', input: {a: [1, 2, 3]}, expected: [[1, 2], [3]]},
    {name: 'ArrayContains finds a nested array by deep equality (recorded)', expression: 'States.ArrayContains($.a, $.v)', input: {a: [[1, 2, 3], 2], v: [1, 2, 3]}, expected: true},
    {name: 'ArrayContains finds an object regardless of key order', expression: 'States.ArrayContains($.a, $.v)', input: {a: [{1: 2, 2: []}], v: {2: [], 1: 2}}, expected: true},
    {name: 'ArrayContains does not match a sub-array against its items (recorded)', expression: 'States.ArrayContains($.a, $.v)', input: {a: [{1: 2, 2: []}], v: []}, expected: false},
    {name: 'ArrayContains in an empty array is false (recorded)', expression: 'States.ArrayContains($.a, null)', input: {a: []}, expected: false},
    {name: 'ArrayContains finds false (recorded)', expression: 'States.ArrayContains($.a, false)', input: {a: [true, false]}, expected: true},
    {name: 'ArrayContains distinguishes 1 from "1"', expression: "States.ArrayContains($.a, '1')", input: {a: [1, 2]}, expected: false},
    {name: 'ArrayRange stops before passing its end (recorded)', expression: 'States.ArrayRange(0, 10, 3)', expected: [0, 3, 6, 9]},
    {name: 'ArrayRange with a step past the end has one element (recorded)', expression: 'States.ArrayRange(1, 9, 9)', expected: [1]},
    {name: 'ArrayRange counts down with a negative step', expression: 'States.ArrayRange(9, 1, -2)', expected: [9, 7, 5, 3, 1]},
    {name: 'ArrayRange with a step pointing away from the end is empty', expression: 'States.ArrayRange(1, 9, -1)', expected: []},
    {name: 'ArrayRange rounds fractional arguments (doc)', expression: 'States.ArrayRange(0.6, 3.4, 1.2)', expected: [1, 2, 3]},
    {name: 'ArrayRange of negative numbers', expression: 'States.ArrayRange(-3, 0, 1)', expected: [-3, -2, -1, 0]},
    {name: 'ArrayGetItem returns a nested value', expression: 'States.ArrayGetItem($.a, 1)', input: {a: [1, {b: [2]}]}, expected: {b: [2]}},
    {name: 'ArrayLength of an empty array is 0', expression: 'States.ArrayLength($.a)', input: {a: []}, expected: 0},
    {name: 'ArrayUnique compares nested arrays and objects by deep equality', expression: 'States.ArrayUnique($.a)', input: {a: [[1], [1], {a: 1, b: 2}, {b: 2, a: 1}, {a: 1, b: 1}, null, null, '1', 1, 1.0, [null], [null]]}, expected: [[1], {a: 1, b: 2}, {a: 1, b: 1}, null, '1', 1, [null]]},
    {name: 'ArrayUnique of an empty array is empty', expression: 'States.ArrayUnique($.a)', input: {a: []}, expected: []},
    {name: 'Base64 of an empty string is empty both ways (recorded)', expression: "States.Array(States.Base64Encode(''), States.Base64Decode(''))", expected: ['', '']},
    {name: 'Base64Encode encodes text as UTF-8', expression: 'States.Base64Encode($.s)', input: {s: 'é'}, expected: 'w6k='},
    {name: 'Base64 round-trips unicode text', expression: 'States.Base64Decode(States.Base64Encode($.s))', input: {s: 'Grüße, 世界 🌍'}, expected: 'Grüße, 世界 🌍'},
    {name: 'Base64Decode decodes multi-byte UTF-8', expression: 'States.Base64Decode($.b)', input: {b: 'R3LDvMOfZSwg5LiW55WMIPCfjI0='}, expected: 'Grüße, 世界 🌍'},
    {name: 'Hash with MD5 (recorded)', expression: "States.Hash('input data', 'MD5')", expected: '812f45842bc6d66ee14572ce20db8e86'},
    {name: 'Hash with SHA-256 (recorded)', expression: "States.Hash('input data', 'SHA-256')", expected: 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'},
    {name: 'Hash with SHA-384 (recorded)', expression: "States.Hash('input data', 'SHA-384')", expected: 'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562'},
    {name: 'Hash with SHA-512 (recorded)', expression: "States.Hash('input data', 'SHA-512')", expected: '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4'},
    {name: 'Hash of a JSON value through JsonToString', expression: "States.Hash(States.JsonToString($.v), 'SHA-256')", input: {v: {a: 1, b: [true, null]}}, expected: '1cc69c7fa23616ca2ec3ee70d24390a6225c8832db8a4c814c7e0e7f942f8668'},
    {name: 'JsonMerge with an empty second object copies the first', expression: 'States.JsonMerge($.a, $.b, false)', input: {a: {x: 1}, b: {}}, expected: {x: 1}},
    {name: 'MathAdd rounds halves towards positive infinity (recorded)', expression: 'States.Array(States.MathAdd(1.49, 1.5), States.MathAdd(-1.5, -1.51), States.MathAdd(-0.5, 0.5), States.MathAdd(2.5, 0))', expected: [3, -3, 1, 3]},
    {name: 'MathAdd of -0.5 and 0 is 0, not -0 (recorded)', expression: 'States.MathAdd(-0.5, 0)', expected: 0},
    {name: 'MathAdd at the edges of the 32-bit range', expression: 'States.MathAdd(2147483647, -2147483648)', expected: -1},
    {name: 'MathRandom with a seed gives the JVM-seeded number', expression: 'States.MathRandom(0, 999, 3)', expected: 239},
    {name: 'MathRandom with end = start + 1 always returns start', expression: 'States.MathRandom(5, 6)', expected: 5},
    {name: 'StringSplit drops empty pieces (recorded)', expression: "States.Array(States.StringSplit(',,,,', ','), States.StringSplit(', , ,', ','), States.StringSplit(' ', ','))", expected: [[], [' ', ' '], [' ']]},
    {name: 'StringSplit on a letter and a newline (recorded)', expression: 'States.StringSplit($.s, $.d)', input: {s: 'split on T and \nnew line', d: 'T\n'}, expected: ['split on ', ' and ', 'new line']},
    {name: 'StringSplit with raw newlines inside quoted strings (recorded)', expression: "States.StringSplit('Hello\nWorld', '\n')", expected: ['Hello', 'World']},
    {name: 'StringSplit of an empty string is empty', expression: "States.StringSplit('', ',')", expected: []},
  ])

  it('MathRandom with the same seed returns the same number every time (doc)', () => {
    const draws = new Set(Array.from({length: 20}, () => evaluateIntrinsic('States.MathRandom(-99999, 99999, 42)', data())))
    expect(draws.size).toBe(1)
  })

  it('MathRandom rounds fractional bounds (recorded input, doc rule)', () => {
    const draws = Array.from({length: 100}, () => evaluateIntrinsic('States.MathRandom(12.5, 44.51)', data()) as number)
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(13)
    expect(Math.max(...draws)).toBeLessThan(45)
  })

  it('ArrayRange creates up to 1000 elements (doc limit)', () => {
    const range = evaluateIntrinsic('States.ArrayRange(1, 1000, 1)', data()) as number[]
    expect(range).toHaveLength(1000)
    expect(range.at(-1)).toBe(1000)
  })
})
