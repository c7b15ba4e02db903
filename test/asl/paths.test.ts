import {describe, expect, it} from 'vitest'
import {applyResultPath, queryPath, readReferencePath, RESULT_PATH_ERROR, type PathData} from '../../src/asl/paths.js'
import {StatesError} from '../../src/asl/states-error.js'
import type {JsonObject, JsonValue} from '../../src/asl/types.js'

function statesErrorOf(fn: () => unknown): StatesError {
  try {
    fn()
  } catch (error) {
    if (error instanceof StatesError) return error
    throw new Error(`expected a StatesError, got ${String(error)}`)
  }
  throw new Error('expected a StatesError, nothing was thrown')
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

// The data of the spec's Reference Paths example, plus fields for the edge cases.
const SPEC_INPUT: JsonObject = {
  foo: 123,
  bar: ['a', 'b', 'c'],
  car: {cdr: true},
  'a b': 'spaced',
  "it's": 'quoted',
  'store.book': 'dotted',
  'foo@bar': {'baz[[': {'?pretty': 'escaped'}},
  '&Ж中': {'𐍆': 'unicode'},
  nothing: null,
  ledgers: [[0, {foo: 'deep'}]],
}

const CONTEXT: JsonObject = {
  Execution: {Id: 'arn:aws:states:us-east-1:123456789012:execution:sm:run-1', Input: {run_date: '2026-01-03', items: [{ok: true}, {ok: false}]}},
  State: {Name: 'Gate', RetryCount: 0},
}

const VARIABLES: JsonObject = {cfg: {retries: 3, tags: ['x', 'y']}, count: 0, _private: 'p', größe: 'big', list: [10, 20]}

const DATA: PathData = {input: SPEC_INPUT, context: CONTEXT, variables: VARIABLES}

describe('readReferencePath', () => {
  it.each<[string, JsonValue]>([
    ['$.foo', 123], // the spec's examples
    ['$.bar', ['a', 'b', 'c']],
    ['$.car.cdr', true],
    ["$['foo']", 123],
    ['$["foo"]', 123],
    ["$['car']['cdr']", true],
    ["$['a b']", 'spaced'],
    ["$['it\\'s']", 'quoted'],
    ['$.bar[0]', 'a'],
    ['$.bar[2]', 'c'],
    ['$.bar[-1]', 'c'], // negative indexes count from the end, as in Jayway JsonPath
    ["$.bar[ 1 ]", 'b'],
    ['$.ledgers[0][1].foo', 'deep'],
    ['$.store\\.book', 'dotted'], // the spec's escaped forms
    ['$.foo\\@bar.baz\\[\\[.\\?pretty', 'escaped'],
    ['$.&Ж中.𐍆', 'unicode'],
    ['$.nothing', null],
    ['$$.Execution.Input.run_date', '2026-01-03'],
    ['$$.State.RetryCount', 0],
    ["$$['State']['Name']", 'Gate'],
    ['$$.Execution.Input.items[1].ok', false],
    ['$cfg.retries', 3],
    ['$cfg.tags[1]', 'y'],
    ["$cfg['tags'][0]", 'x'],
    ['$count', 0],
    ['$_private', 'p'],
    ['$größe', 'big'],
    ['$list[-2]', 10],
  ])('reads %s as %j', (path, value) => {
    expect(readReferencePath(path, DATA)).toEqual({found: true, value})
  })

  it('reads $ as the whole input, $$ as the whole Context object, $name as the whole variable', () => {
    expect(readReferencePath('$', DATA)).toEqual({found: true, value: SPEC_INPUT})
    expect(readReferencePath('$$', DATA)).toEqual({found: true, value: CONTEXT})
    expect(readReferencePath('$cfg', DATA)).toEqual({found: true, value: VARIABLES.cfg})
  })

  it.each([
    '$.missing',
    '$.foo.x', // through a number
    '$.bar.x', // a field of an array
    '$.bar[3]', // past the end
    '$.bar[-4]',
    '$.car[0]', // an index of an object
    '$.nothing.x', // through null
    '$.constructor', // JavaScript internals are not fields
    '$.car.__proto__',
    '$.bar.length',
    '$$.Execution.Name',
    '$undefinedVar',
    '$cfg.missing',
  ])('answers found:false for the absent node %s', (path) => {
    expect(readReferencePath(path, DATA)).toEqual({found: false})
  })

  it('answers found:false for $$ and $name paths when there is no Context object or no variables', () => {
    expect(readReferencePath('$$.Execution.Id', {input: {}})).toEqual({found: false})
    expect(readReferencePath('$cfg', {input: {}})).toEqual({found: false})
  })

  it.each<[string, string]>([
    ['', "must begin with '$'"],
    ['foo', "must begin with '$'"],
    ['$.', 'empty field name'],
    ['$.a..b', 'not a valid Reference Path'],
    ['$..foo', 'not a valid Reference Path'],
    ['$.bar[*]', 'not a valid Reference Path'],
    ['$.car.*', 'not a valid Reference Path'],
    ['$.bar[?(@ == "a")]', 'not a valid Reference Path'],
    ['$.bar[0:2]', 'not a valid Reference Path'],
    ['$.bar[0,1]', 'not a valid Reference Path'],
    ["$['foo','bar']", 'not a valid Reference Path'],
    ['$.bar.length()', 'functions are not supported'],
    ['$.foo@bar', "'@' must be escaped"],
    ['$.a b', "' ' must be escaped"],
    ["$['foo", 'unterminated quoted field name'],
    ['$.bar[0', "expected ']'"],
    ['$.bar[x]', 'expected a quoted field name or an index'],
    ['$1', "unexpected '1'"],
    ['$.foo\\', 'open escape backslash'],
  ])('rejects the malformed or indefinite path %j with States.Runtime', (path, message) => {
    const error = statesErrorOf(() => readReferencePath(path, DATA))
    expect(error.error).toBe('States.Runtime')
    expect(error.errorCause).toContain(message)
    expect(error.errorCause).toContain(`'${path}'`)
  })
})

describe('queryPath', () => {
  const input: JsonObject = {
    flagged: 7,
    vals: [0, 10, 20, 30, 40, 50],
    items: [
      {id: 'a', price: 5, tags: ['x']},
      {id: 'b', price: 15, tags: []},
      {id: 'c', price: 25},
    ],
    nested: {deep: {id: 'z'}},
  }
  const data: PathData = {input, context: CONTEXT, variables: VARIABLES}

  it.each<[string, JsonValue]>([
    ['$.vals[0]', 0], // the spec's payload template example
    ['$.items[1].id', 'b'],
    ['$', input],
    ['$$.Execution.Input.run_date', '2026-01-03'],
    ['$cfg.tags', ['x', 'y']],
  ])('returns the value of the definite path %s', (path, value) => {
    expect(queryPath(path, data)).toEqual(value)
  })

  it.each<[string, JsonValue[]]>([
    ['$.vals[-3:]', [30, 40, 50]], // the spec's "last3"
    ['$.vals[1:3]', [10, 20]],
    ['$.items[?(@.price > 10)].id', ['b', 'c']],
    ["$.items[?(@.id == 'a')]", [{id: 'a', price: 5, tags: ['x']}]], // one match is still an array
    ['$.items[?(@.price > 100)]', []],
    ['$.items[*].id', ['a', 'b', 'c']],
    ['$.items[*].tags', [['x'], []]],
    ['$..id', ['a', 'b', 'c', 'z']],
    ['$.nested.*', [{id: 'z'}]],
    ['$.vals[0,2]', [0, 20]],
    ["$.nested['deep','none']", [{id: 'z'}]],
    ['$.missing[*]', []],
    ['$$.Execution.Input.items[?(@.ok == true)]', [{ok: true}]],
    ['$cfg.tags[*]', ['x', 'y']],
    ['$list[?(@ > 15)]', [20]],
  ])('returns every match of the indefinite path %s as an array', (path, matches) => {
    expect(queryPath(path, data)).toEqual(matches)
  })

  it('answers an empty array for an indefinite path over a null input', () => {
    expect(queryPath('$[*]', {input: null})).toEqual([])
  })

  it('words a missing payload field as Step Functions does', () => {
    // Given the input and field of the AWS workshop's failing "Check Address" state
    const error = statesErrorOf(() => queryPath('$.application.address', {input: {flagged: false}}, undefined, 'address.$'))
    // Then the error and cause match the execution history AWS recorded
    expect(error.error).toBe('States.Runtime')
    expect(error.errorCause).toBe("The JSONPath '$.application.address' specified for the field 'address.$' could not be found in the input '{\"flagged\":false}'")
  })

  it('uses the error name the caller passes and leaves out the field when none is given', () => {
    const error = statesErrorOf(() => queryPath('$.nope', {input: {a: 1}}, 'States.ParameterPathFailure'))
    expect(error.error).toBe('States.ParameterPathFailure')
    expect(error.errorCause).toBe("The JSONPath '$.nope' could not be found in the input '{\"a\":1}'")
  })

  it('names the Context object as the input searched for a missing $$ path', () => {
    const error = statesErrorOf(() => queryPath('$$.Map.Item.Value', {input: {}, context: {Execution: {}}}, undefined, 'item.$'))
    expect(error.errorCause).toBe("The JSONPath '$$.Map.Item.Value' specified for the field 'item.$' could not be found in the input '{\"Execution\":{}}'")
  })

  it('names an undefined variable', () => {
    const error = statesErrorOf(() => queryPath('$ghost.x', data, undefined, 'x.$'))
    expect(error.error).toBe('States.Runtime')
    expect(error.errorCause).toContain("references the variable 'ghost', which is not defined")
  })

  it('returns a definite null value instead of failing', () => {
    expect(queryPath('$.v', {input: {v: null}})).toBeNull()
  })

  it.each(['$.items[?(process.exit(1))]', '$.items[?(globalThis.pwned = 1)]', "$.items[?(@.constructor.constructor('return 1')())]"])(
    'never runs JavaScript from the filter %s: it fails with States.Runtime',
    (path) => {
      const error = statesErrorOf(() => queryPath(path, data))
      expect(error.error).toBe('States.Runtime')
      expect((globalThis as Record<string, unknown>).pwned).toBeUndefined()
    },
  )

  it('rejects a malformed definite path with States.Runtime', () => {
    expect(statesErrorOf(() => queryPath('$.a.length()', data)).errorCause).toContain('functions are not supported')
    expect(statesErrorOf(() => queryPath('items', data)).errorCause).toContain("must begin with '$'")
  })
})

describe('applyResultPath', () => {
  const master: JsonObject = {master: {detail: [1, 2, 3]}}

  it.each<[string, JsonValue, string | null | undefined, JsonValue, JsonValue]>([
    ['the spec overwrites an existing field', master, '$.master.detail', 6, {master: {detail: 6}}],
    ['the spec creates a chain of new fields', master, '$.master.result.sum', 6, {master: {detail: [1, 2, 3], result: {sum: 6}}}],
    ['the spec builds levels of objects', {a: 1}, '$.b.greeting', 'Hi!', {a: 1, b: {greeting: 'Hi!'}}],
    ['the spec adds a sum', {title: 'Numbers to add', numbers: {val1: 3, val2: 4}}, '$.sum', 7, {title: 'Numbers to add', numbers: {val1: 3, val2: 4}, sum: 7}],
    ['an absent ResultPath replaces the input', {comment: 'x'}, undefined, 'Hello, Step Functions!', 'Hello, Step Functions!'],
    ['$ replaces the input', {comment: 'x'}, '$', 'Hello, Step Functions!', 'Hello, Step Functions!'],
    ['null keeps the input', {comment: 'x'}, null, 'Hello, Step Functions!', {comment: 'x'}],
    ['$ replaces a non-object input', 'foo', '$', {r: 1}, {r: 1}],
    ['null keeps a non-object input', [1, 2], null, {r: 1}, [1, 2]],
    ['a field beside the input', {comment: 'x'}, '$.taskresult', 'Hello', {comment: 'x', taskresult: 'Hello'}],
    ['a null result', {a: 1}, '$.b', null, {a: 1, b: null}],
    ['bracket notation', {a: 1}, "$['b c']['d']", true, {a: 1, 'b c': {d: true}}],
    ['an existing array element', {a: [1, 2, 3]}, '$.a[1]', 'r', {a: [1, 'r', 3]}],
    ['the last array element', {a: [1, 2, 3]}, '$.a[-1]', 'r', {a: [1, 2, 'r']}],
    ['a field inside an array element', {a: [{b: 1}]}, '$.a[0].c', 2, {a: [{b: 1, c: 2}]}],
    ['a scalar replaced at the last step', {a: 'text'}, '$.a', {now: 'object'}, {a: {now: 'object'}}],
    ['a field of an object inside an existing field', {a: {b: {c: 1}}}, '$.a.b.d', 2, {a: {b: {c: 1, d: 2}}}],
  ])('places the result where %s', (_label, input, resultPath, result, expected) => {
    expect(applyResultPath(input, resultPath, result)).toEqual(expected)
  })

  it.each<[string, JsonValue, string, string]>([
    ['the input is a string (the spec example)', 'foo', '$.x', 'Unable to apply step "x" to input "foo"'],
    ['the input is an array (a Parallel result)', [1, 2], '$.agg', 'Unable to apply step "agg" to input [1,2]'],
    ['the input is null', null, '$.x', 'Unable to apply step "x" to input null'],
    ['the input is a number', 5, '$.x.y', 'Unable to apply step "x" to input 5'],
    ['an intermediate field is a string', {a: 'str'}, '$.a.b', 'Unable to apply step "b" to input {"a":"str"}'],
    ['an intermediate field is null', {a: null}, '$.a.b', 'Unable to apply step "b" to input {"a":null}'],
    ['an intermediate field is an array', {a: [1]}, '$.a.b', 'Unable to apply step "b" to input {"a":[1]}'],
    ['an index is past the end', {a: [1, 2]}, '$.a[5]', 'Unable to apply step "5" to input {"a":[1,2]}'],
    ['an index applies to an object', {a: {}}, '$.a[0]', 'Unable to apply step "0" to input {"a":{}}'],
    ['an index applies to a missing field', {}, '$.a[0]', 'Unable to apply step "0" to input {}'],
  ])('fails with ResultPathMatchFailure when %s', (_label, input, resultPath, cause) => {
    const error = statesErrorOf(() => applyResultPath(input, resultPath, 'result'))
    expect(error.error).toBe('States.ResultPathMatchFailure')
    expect(RESULT_PATH_ERROR).toBe('States.ResultPathMatchFailure')
    expect(error.errorCause).toBe(cause)
  })

  it.each<[string, string]>([
    ['$$.Execution.x', 'not the Context object or a variable'],
    ['$myVar.x', 'not the Context object or a variable'],
    ['$.items[*]', 'not a valid Reference Path'],
    ['$..x', 'not a valid Reference Path'],
    ['result', "must begin with '$'"],
  ])('rejects the ResultPath %j with States.Runtime', (resultPath, message) => {
    const error = statesErrorOf(() => applyResultPath({}, resultPath, 1))
    expect(error.error).toBe('States.Runtime')
    expect(error.errorCause).toContain(message)
  })

  it('never mutates its input, and copies only the objects on the path it writes', () => {
    // Given a deeply frozen input (any write would throw in strict mode)
    const keep = {x: 1}
    const other = {y: 2}
    const first = {a: 1}
    const input: JsonObject = deepFreeze({master: {detail: [1, 2, 3], keep}, list: [first, {b: 2}], other})
    const before = structuredClone(input)
    // When results are placed at several depths
    const fieldOutput = applyResultPath(input, '$.master.result.sum', 6) as JsonObject
    const indexOutput = applyResultPath(input, '$.list[1].c', 3) as JsonObject
    applyResultPath(input, '$.master.detail', 6)
    // Then the input is unchanged, the outputs are new objects along the path,
    // and untouched subtrees are shared rather than copied
    expect(input).toEqual(before)
    expect(fieldOutput).not.toBe(input)
    expect(fieldOutput.master).not.toBe(input.master)
    expect((fieldOutput.master as JsonObject).keep).toBe(keep)
    expect(fieldOutput.other).toBe(other)
    expect(indexOutput.list).not.toBe(input.list)
    expect((indexOutput.list as JsonValue[])[0]).toBe(first)
    expect(indexOutput.list).toEqual([{a: 1}, {b: 2, c: 3}])
  })

  it('writes a field named __proto__ as data, without touching any prototype', () => {
    const output = applyResultPath({}, '$.__proto__.polluted', true) as JsonObject
    expect(Object.hasOwn(output, '__proto__')).toBe(true)
    expect(JSON.stringify(output)).toBe('{"__proto__":{"polluted":true}}')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
