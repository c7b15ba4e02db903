import {describe, expect, it} from 'vitest'
import type {JsonObject, JsonValue} from '../../../src/asl/types.js'
import {evaluateIntrinsic} from '../../../src/local/engine/intrinsics/index.js'
import {data, failureOf, fromJson, runCases} from './intrinsics-fixtures.js'

describe('evaluateIntrinsic: escapes in quoted strings', () => {
  runCases([
    {name: 'escaped braces after a placeholder are literal braces', expression: fromJson(String.raw`"States.Format('{} \\{literal\\}', $.x)"`), input: {x: 'v'}, expected: 'v {literal}'},
    {name: 'an escaped {} pair is not a placeholder', expression: fromJson(String.raw`"States.Format('\\{\\} {}', 'x')"`), expected: '{} x'},
    {name: 'an escaped apostrophe is an apostrophe', expression: fromJson(String.raw`"States.Format('it\\'s {}', $.x)"`), input: {x: 'v'}, expected: "it's v"},
    {name: 'an escaped backslash is one backslash', expression: fromJson(String.raw`"States.Array('a\\\\b')"`), expected: ['a\\b']},
    {name: 'unescaped braces outside Format are plain characters (recorded)', expression: `States.StringToJson('{"constant_in_literal": "false"}')`, expected: {constant_in_literal: 'false'}},
    {name: 'escaped braces outside Format are plain characters', expression: fromJson(String.raw`"States.StringToJson('\\{\"a\":1\\}')"`), expected: {a: 1}},
    {name: 'a template read from a path has every {} as a placeholder', expression: 'States.Format($.t, 1, 2)', input: {t: '{}-{}'}, expected: '1-2'},
    {name: 'commas and parentheses inside quotes belong to the string', expression: "States.Format('a, b) {}', 'c')", expected: 'a, b) c'},
    {name: 'a double quote inside a quoted string is kept', expression: `States.Array('say "hi"')`, expected: ['say "hi"']},
  ])
})

describe('evaluateIntrinsic: arguments, whitespace and paths', () => {
  runCases([
    {name: 'whitespace between tokens is ignored', expression: "  States.Array( 1 ,  'a' ,$.x )  ", input: {x: true}, expected: [1, 'a', true]},
    {name: 'integers, decimals, negatives and exponents', expression: 'States.Array(-1, 0, 0.5, -2.25, 1e3, 12)', expected: [-1, 0, 0.5, -2.25, 1000, 12]},
    {name: 'true, false and null literals', expression: 'States.Array(true, false, null)', expected: [true, false, null]},
    {name: '$ is the whole state input', expression: 'States.JsonToString($)', input: {a: 1}, expected: '{"a":1}'},
    {name: "the guide's dotted bracket notation for a key with a space (doc)", expression: "States.Array($.abc.['def ghi'])", input: {abc: {'def ghi': 2}}, expected: [2]},
    {name: 'bracket notation for a key with spaces and commas', expression: "States.Array($['key, with (space)'])", input: {'key, with (space)': 7}, expected: [7]},
    {name: 'array index paths', expression: 'States.Array($.list[1], $.list[0].id)', input: {list: [{id: 'a'}, 'b']}, expected: ['b', 'a']},
    {name: '$$ reads the Context object', expression: 'States.Array($$.Execution.Id, $$.State.Name)', expected: ['arn:aws:states:us-east-1:123456789012:execution:weekday:run-1', 'Prepare']},
    {name: '$name reads a variable (recorded with Format)', expression: "States.Format('Format Func {}', $runDate)", expected: 'Format Func 2026-03-07'},
    {name: '$name.field reads inside a variable', expression: 'States.Array($team.name, $team.size)', expected: ['research', 4]},
  ])
})

describe('evaluateIntrinsic: nested calls', () => {
  runCases([
    {name: 'the date part of the execution start time', expression: "States.ArrayGetItem(States.StringSplit($$.Execution.StartTime, 'T'), 0)", expected: '2026-03-07'},
    {name: 'a literal object merged with the state input', expression: fromJson(String.raw`"States.JsonMerge(States.StringToJson('\\{\"a\":1\\}'), $, false)"`), input: {b: 2}, expected: {a: 1, b: 2}},
    {name: 'the state input wins over the literal object in a merge', expression: fromJson(String.raw`"States.JsonMerge(States.StringToJson('\\{\"a\":1\\}'), $, false)"`), input: {a: 5}, expected: {a: 5}},
    {name: 'the last dash-separated part of the state machine name (recorded)', expression: "States.ArrayGetItem(States.StringSplit($.name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($.name, '-')), -1))", input: {name: 'weekday-research-v2'}, expected: 'v2'},
    {name: 'nine nested calls in one Format (doc, with a matching placeholder count)', expression: "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))", input: {ImageRecipe: {Arn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.2'}}, expected: '1.0'},
    {name: 'nesting deeper than ten levels', expression: 'States.ArrayLength(' + 'States.Array('.repeat(12) + ')'.repeat(12) + ')', expected: 1},
  ])
})

interface FailureCase {
  why: string
  expression: string
  input?: JsonValue
  cause: RegExp
}

describe('evaluateIntrinsic: failures', () => {
  it.each<FailureCase>([
    // syntax and names
    {why: 'an unknown function', expression: 'States.Foo(1)', cause: /unknown intrinsic function 'States\.Foo'/},
    {why: 'trailing garbage', expression: 'States.Array(1) x', cause: /expected the end of the expression/},
    {why: 'a missing closing parenthesis', expression: 'States.Array(1', cause: /expected ',' or '\)'/},
    {why: 'an extra closing parenthesis', expression: 'States.Array(1))', cause: /expected the end of the expression/},
    {why: 'an unterminated string', expression: "States.Array('a)", cause: /unterminated string/},
    {why: 'an open escape backslash (spec)', expression: fromJson(String.raw`"States.Array('a\\nb')"`), cause: /open escape/},
    {why: 'two arguments without a comma', expression: 'States.Array(1 2)', cause: /expected ',' or '\)'/},
    {why: 'an empty argument', expression: 'States.Array(1,)', cause: /expected an argument/},
    {why: 'a bare word argument', expression: 'States.Array(yes)', cause: /expected '\('/},
    {why: 'an unbalanced bracket in a path', expression: 'States.Array($.a[0)', cause: /unterminated path/},
    // argument counts
    {why: 'ArrayLength with no argument', expression: 'States.ArrayLength()', cause: /States\.ArrayLength takes 1 argument, but was given 0/},
    {why: 'UUID with an argument', expression: 'States.UUID(1)', cause: /States\.UUID takes 0 arguments/},
    {why: 'MathRandom with four arguments', expression: 'States.MathRandom(1, 2, 3, 4)', cause: /takes 2 to 3 arguments/},
    {why: 'JsonMerge without the deep flag', expression: 'States.JsonMerge($.a, $.b)', input: {a: {}, b: {}}, cause: /takes 3 arguments/},
    {why: 'Format with no template', expression: 'States.Format()', cause: /at least 1 argument/},
    // Format
    {why: 'Format with fewer values than placeholders', expression: "States.Format('{} and {}', 1)", cause: /2 placeholder\(s\) '\{\}' in its template but 1 value/},
    {why: 'Format with more values than placeholders', expression: "States.Format('none', 1)", cause: /0 placeholder\(s\)/},
    {why: 'Format with a template that is not a string', expression: 'States.Format($.t)', input: {t: 5}, cause: /States\.Format expects a string as argument 1, but got a number/},
    // JSON
    {why: 'StringToJson of invalid JSON', expression: "States.StringToJson('\\{\"a\":')", cause: /could not parse its argument as JSON/},
    {why: 'StringToJson of an object', expression: 'States.StringToJson($.o)', input: {o: {}}, cause: /expects a string as argument 1, but got an object/},
    {why: 'JsonMerge with deep = true, which the service rejects', expression: 'States.JsonMerge($.a, $.b, true)', input: {a: {}, b: {}}, cause: /only shallow merging/},
    {why: 'JsonMerge with an array', expression: 'States.JsonMerge($.a, $.b, false)', input: {a: {}, b: [1]}, cause: /expects a JSON object as argument 2, but got an array/},
    {why: 'JsonMerge with a non-boolean flag', expression: "States.JsonMerge($.a, $.b, 'false')", input: {a: {}, b: {}}, cause: /expects a boolean as argument 3/},
    // arrays
    {why: 'ArrayGetItem at the array length', expression: 'States.ArrayGetItem($.a, 3)', input: {a: [1, 2, 3]}, cause: /index 3 is out of bounds for an array of length 3/},
    {why: 'ArrayGetItem with a negative index', expression: 'States.ArrayGetItem($.a, -1)', input: {a: [1]}, cause: /index -1 is out of bounds/},
    {why: 'ArrayGetItem with a fractional index', expression: 'States.ArrayGetItem($.a, 0.5)', input: {a: [1]}, cause: /expects an integer as argument 2/},
    {why: 'ArrayGetItem on a string', expression: "States.ArrayGetItem('abc', 0)", cause: /expects an array as argument 1, but got a string/},
    {why: 'ArrayPartition with chunk size 0', expression: 'States.ArrayPartition($.a, 0)', input: {a: [1]}, cause: /chunk size of at least 1, but got 0/},
    {why: 'ArrayPartition with a negative chunk size', expression: 'States.ArrayPartition($.a, -2)', input: {a: [1]}, cause: /chunk size of at least 1/},
    {why: 'ArrayPartition of an object', expression: 'States.ArrayPartition($.a, 1)', input: {a: {}}, cause: /expects an array as argument 1/},
    {why: 'ArrayRange with step 0', expression: 'States.ArrayRange(1, 5, 0)', cause: /non-zero step/},
    {why: 'ArrayRange of more than 1000 elements', expression: 'States.ArrayRange(1, 1001, 1)', cause: /at most 1000 elements, but this range has 1001/},
    {why: 'ArrayRange with a string bound', expression: "States.ArrayRange('1', 5, 1)", cause: /expects a number as argument 1/},
    {why: 'ArrayContains on null', expression: 'States.ArrayContains($.a, 1)', input: {a: null}, cause: /expects an array as argument 1, but got null/},
    {why: 'ArrayLength of an object', expression: 'States.ArrayLength($)', cause: /expects an array as argument 1, but got an object/},
    {why: 'ArrayUnique of a number', expression: 'States.ArrayUnique(3)', cause: /expects an array/},
    // encoding and hashing
    {why: 'Base64Encode of more than 10,000 characters', expression: 'States.Base64Encode($.s)', input: {s: 'x'.repeat(10_001)}, cause: /at most 10000 characters in argument 1, but got 10001/},
    {why: 'Base64Decode of more than 10,000 characters', expression: 'States.Base64Decode($.s)', input: {s: 'A'.repeat(10_004)}, cause: /at most 10000 characters/},
    {why: 'Base64Decode of text outside the alphabet', expression: "States.Base64Decode('###')", cause: /not valid Base64/},
    {why: 'Base64Encode of a number', expression: 'States.Base64Encode(12)', cause: /expects a string as argument 1/},
    {why: 'Hash with an unsupported algorithm', expression: "States.Hash('x', 'SHA-3')", cause: /does not support the algorithm 'SHA-3'; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512/},
    {why: 'Hash with a lower-case algorithm name', expression: "States.Hash('x', 'sha-256')", cause: /does not support the algorithm 'sha-256'/},
    {why: 'Hash of more than 10,000 characters', expression: "States.Hash($.s, 'MD5')", input: {s: 'x'.repeat(10_001)}, cause: /at most 10000 characters/},
    {why: 'Hash of an object', expression: "States.Hash($, 'MD5')", cause: /expects a string as argument 1, but got an object/},
    // math and strings
    {why: 'MathAdd of a numeric string', expression: "States.MathAdd('1', 2)", cause: /expects a number as argument 1, but got a string/},
    {why: 'MathAdd beyond the 32-bit range (doc)', expression: 'States.MathAdd(2147483648, 0)', cause: /accepts integers from -2147483648 to 2147483647, but got 2147483648/},
    {why: 'MathRandom with end not above start', expression: 'States.MathRandom(5, 5)', cause: /end \(5\) to be greater than the start \(5\)/},
    {why: 'StringSplit of a number', expression: "States.StringSplit(12, ',')", cause: /expects a string as argument 1, but got a number/},
  ])('fails with States.IntrinsicFailure on $why', ({expression, input, cause}) => {
    // Given an expression Step Functions cannot evaluate, When it is evaluated
    const failure = failureOf(expression, input)
    // Then the failure is catchable as States.IntrinsicFailure and says what went wrong, and where
    expect(failure.error).toBe('States.IntrinsicFailure')
    expect(failure.errorCause).toMatch(cause)
    expect(failure.errorCause).toContain(`The function '${expression}' had the following error:`)
  })

  it.each([
    {why: 'matches nothing', expression: "States.Format('{}', $.missing)", cause: `'$.missing' could not be found in the input '{"present":1}'`},
    {why: 'names an undefined variable', expression: 'States.Array($nope.x)', cause: `variable 'nope', which is not defined`},
    {why: 'is not a valid path', expression: 'States.Array($.a.)', cause: `'$.a.' is not a valid JSONPath`},
  ])('fails with States.Runtime when a path argument $why', ({expression, cause}) => {
    // Given a path argument that cannot be read, When the expression is evaluated
    const failure = failureOf(expression, {present: 1})
    // Then it fails as a missing path in Parameters does, naming the expression and the path
    expect(failure.error).toBe('States.Runtime')
    expect(failure.errorCause).toContain(cause)
    expect(failure.errorCause).toContain(`The function '${expression}' had the following error:`)
  })

  it('fails again the same way when a cached invalid expression is evaluated twice', () => {
    const [first, second] = [failureOf('States.Nope()'), failureOf('States.Nope()')]
    expect(second.errorCause).toBe(first.errorCause)
  })
})

describe('evaluateIntrinsic: purity', () => {
  it('evaluates a cached expression against each new input', () => {
    // Given one expression used by many states, When evaluated with different inputs
    const expression = "States.Format('run {}', $.n)"
    const results = [1, 2, 3].map((n) => evaluateIntrinsic(expression, data({n})))
    // Then each result reflects its own input
    expect(results).toStrictEqual(['run 1', 'run 2', 'run 3'])
  })

  it('JsonMerge leaves both arguments unchanged and shares no object with them', () => {
    // Given two objects in the state input
    const input: JsonObject = {json1: {a: {a1: 1}, b: 2, nested: {deep: [1]}}, json2: {a: {a3: 1}, c: 3}}
    const before = structuredClone(input)
    // When they are merged and the result is edited afterwards
    const merged = evaluateIntrinsic('States.JsonMerge($.json1, $.json2, false)', data(input)) as JsonObject
    ;(merged.a as JsonObject).a3 = 99
    ;((merged.nested as JsonObject).deep as number[]).push(2)
    merged.b = 'changed'
    // Then the first argument, the second argument and the whole input are as they were
    expect(input).toStrictEqual(before)
    expect(merged).not.toBe(input.json1)
  })

  it('JsonMerge keeps a "__proto__" key as ordinary data', () => {
    const input = JSON.parse('{"a": {"__proto__": {"polluted": true}}, "b": {"x": 1}}') as JsonObject
    const merged = evaluateIntrinsic('States.JsonMerge($.a, $.b, false)', data(input)) as JsonObject
    expect(Object.keys(merged)).toStrictEqual(['__proto__', 'x'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
