// Nothing a definition or an input contains may crash the engine: every run ends with a status,
// a terminal event and, when it fails, an error in AWS terms. Seeded random mutations of valid
// definitions probe that, plus the guard against endless loops without waits.
import {describe, expect, it} from 'vitest'
import {StatesError} from '../../../src/asl/states-error.js'
import type {JsonObject, JsonValue, StateMachineDefinition} from '../../../src/asl/types.js'
import {createVirtualClock, HISTORY_EVENT_LIMIT, startExecution} from '../../../src/local/engine/index.js'
import {START} from './engine-fixtures.js'

const TASK = 'arn:aws:states:::lambda:invoke'

const SEEDS: StateMachineDefinition[] = [
  {
    StartAt: 'Prepare',
    States: {
      Prepare: {Type: 'Pass', Parameters: {'items.$': '$.items', 'n.$': 'States.ArrayLength($.items)'}, ResultPath: '$.prepared', Assign: {count: 1}, Next: 'Pick'},
      Pick: {Type: 'Choice', Choices: [{Variable: '$.prepared.n', NumericGreaterThan: 1, Next: 'Each'}], Default: 'Done'},
      Each: {
        Type: 'Map',
        ItemsPath: '$.prepared.items',
        ItemSelector: {'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index'},
        MaxConcurrency: 2,
        ItemProcessor: {StartAt: 'Work', States: {Work: {Type: 'Task', Resource: TASK, Retry: [{ErrorEquals: ['States.ALL'], MaxAttempts: 1}], End: true}}},
        ResultPath: '$.results',
        Next: 'Both',
      },
      Both: {
        Type: 'Parallel',
        Branches: [
          {StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 5, End: true}}},
          {StartAt: 'T', States: {T: {Type: 'Task', Resource: TASK, TimeoutSeconds: 30, End: true}}},
        ],
        Catch: [{ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Done'}],
        ResultSelector: {'first.$': '$[0]'},
        Next: 'Done',
      },
      Done: {Type: 'Succeed'},
    },
  },
  {
    QueryLanguage: 'JSONata',
    StartAt: 'Setup',
    States: {
      Setup: {Type: 'Pass', Assign: {total: '{% $count($states.input.items) %}'}, Output: {items: '{% $states.input.items %}'}, Next: 'Check'},
      Check: {Type: 'Choice', Choices: [{Condition: '{% $total > 0 %}', Next: 'Loop'}], Default: 'Fail'},
      Loop: {
        Type: 'Map',
        Items: '{% $states.input.items %}',
        ItemSelector: {v: '{% $states.context.Map.Item.Value %}'},
        ItemProcessor: {StartAt: 'Call', States: {Call: {Type: 'Task', Resource: TASK, Arguments: {x: '{% $states.input.v %}'}, Output: '{% $states.result %}', End: true}}},
        Next: 'Sleep',
      },
      Sleep: {Type: 'Wait', Seconds: '{% 1 + 1 %}', Next: 'End'},
      End: {Type: 'Succeed', Output: {n: '{% $total %}'}},
      Fail: {Type: 'Fail', Error: 'Empty', Cause: '{% "no items: " & $string($total) %}'},
    },
  },
]

/** A small seeded generator (mulberry32), so a failure reproduces from its case number. */
function random(seed: number): () => number {
  let t = seed >>> 0
  return () => {
    t = (t + 0x6d2b79f5) >>> 0
    let r = Math.imul(t ^ (t >>> 15), t | 1)
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61)
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296
  }
}

const ODD_VALUES: JsonValue[] = [
  null,
  0,
  -1,
  1.5,
  1e12,
  '',
  'x',
  '$',
  '$.nope',
  '$$.Execution.Id',
  '$undefinedVar',
  '{% $nope %}',
  '{% ) %}',
  'States.Format(',
  'States.Array($.items)',
  true,
  [],
  [1, 'a'],
  {},
  {'a.$': '$.b'},
  {Type: 'Pass', End: true},
  'Done',
  'Prepare',
  'JSONata',
]

function mutate(definition: StateMachineDefinition, rnd: () => number): StateMachineDefinition {
  const copy = JSON.parse(JSON.stringify(definition)) as JsonObject
  const objects: JsonObject[] = []
  const walk = (value: JsonValue): void => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value !== null && typeof value === 'object') {
      objects.push(value)
      Object.values(value).forEach(walk)
    }
  }
  walk(copy)
  const times = 1 + Math.floor(rnd() * 3)
  for (let i = 0; i < times; i++) {
    const target = objects[Math.floor(rnd() * objects.length)] as JsonObject
    const keys = Object.keys(target)
    const key = keys[Math.floor(rnd() * keys.length)]
    const pick = rnd()
    if (key !== undefined && pick < 0.35) delete target[key]
    else if (key !== undefined && pick < 0.85) target[key] = ODD_VALUES[Math.floor(rnd() * ODD_VALUES.length)] as JsonValue
    else target[['Next', 'End', 'Type', 'Retry', 'Catch', 'ResultPath', 'InputPath', 'Assign', 'Output'][Math.floor(rnd() * 9)] as string] = ODD_VALUES[Math.floor(rnd() * ODD_VALUES.length)] as JsonValue
  }
  return copy as unknown as StateMachineDefinition
}

// Gentle mutations keep the shape of the definition (most survive validation) and change only
// leaf values, so the runtime paths get exercised too.
const LEAF_STRINGS = ['$.nope', '$.items', '$.items[5]', '$$.Map.Item.Value', '$', '{% $nope %}', '{% $states.input.items[0] %}', '{% $states.input %}', 'States.ArrayLength($.nope)']
const LEAF_NUMBERS = [0, -1, 1.5, 99_999_999, 3]
const STRUCTURAL = new Set(['Type', 'Next', 'End', 'StartAt', 'Default', 'QueryLanguage', 'Resource'])

function mutateGently(definition: StateMachineDefinition, rnd: () => number): StateMachineDefinition {
  const copy = JSON.parse(JSON.stringify(definition)) as JsonObject
  const leaves: Array<[JsonObject, string]> = []
  const walk = (value: JsonValue): void => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value !== null && typeof value === 'object') {
      for (const [key, member] of Object.entries(value)) {
        if ((typeof member === 'string' || typeof member === 'number') && !STRUCTURAL.has(key)) leaves.push([value, key])
        walk(member)
      }
    }
  }
  walk(copy)
  const [holder, key] = leaves[Math.floor(rnd() * leaves.length)] as [JsonObject, string]
  const pool: JsonValue[] = typeof holder[key] === 'number' ? LEAF_NUMBERS : LEAF_STRINGS
  holder[key] = pool[Math.floor(rnd() * pool.length)] as JsonValue
  return copy as unknown as StateMachineDefinition
}

const TERMINAL = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted'])

describe('robustness: randomly mutated definitions and inputs', () => {
  it('ends every run with a status, one terminal event and consecutive ids', async () => {
    const problems: string[] = []
    for (let n = 0; n < 600; n++) {
      // Given a mutated definition, an odd input and an integration that sometimes fails
      const rnd = random(n + 1)
      const seed = SEEDS[n % SEEDS.length] as StateMachineDefinition
      const definition = n % 4 < 2 ? mutate(seed, rnd) : mutateGently(seed, rnd)
      const input: JsonValue = rnd() < 0.8 ? {items: [1, 2, 3].slice(0, Math.floor(rnd() * 4))} : (ODD_VALUES[Math.floor(rnd() * ODD_VALUES.length)] as JsonValue)
      const failEvery = 1 + Math.floor(rnd() * 4)
      let calls = 0
      const integrations = {
        resolve: () => async (req: {input: JsonValue}) => {
          if (++calls % failEvery === 0) throw new StatesError('Random.Failure', `call ${calls}`)
          return {output: req.input, durationMs: Math.floor(rnd() * 40_000)}
        },
      }
      // When it runs
      const execution = startExecution({definition, input, clock: createVirtualClock({timeScale: 0, start: START}), integrations})
      const result = await execution.done
      // Then it ended properly
      const last = execution.events.at(-1)
      const idsOk = execution.events.every((e, i) => e.id === i + 1 && (e.previousEventId as number) < (e.id as number))
      const ended = execution.events.filter((e) => TERMINAL.has(String(e.type)))
      if (!['SUCCEEDED', 'FAILED', 'TIMED_OUT'].includes(result.status)) problems.push(`${n}: status ${result.status}`)
      if (ended.length !== 1 || ended[0] !== last) problems.push(`${n}: terminal events ${ended.map((e) => e.type).join(',')}`)
      if (!idsOk) problems.push(`${n}: ids not consecutive or a previousEventId points forward`)
      if (result.status === 'FAILED' && result.error !== undefined && typeof result.error !== 'string') problems.push(`${n}: error ${String(result.error)}`)
      if (result.status === 'FAILED' && result.cause?.includes('Internal error')) problems.push(`${n}: ${result.cause}`)
    }
    expect(problems).toEqual([])
  })

  it('fails an invalid definition with States.Runtime instead of throwing', async () => {
    for (const definition of [null, 42, 'x', {}, {StartAt: 'A'}, {StartAt: 'A', States: {A: {Type: 'Nope'}}}, {StartAt: 'A', States: {A: {Type: 'Pass'}}}]) {
      const execution = startExecution({definition: definition as unknown as StateMachineDefinition, input: {}, clock: createVirtualClock({timeScale: 0})})
      const result = await execution.done
      expect(result.status).toBe('FAILED')
      expect(result.error).toBe('States.Runtime')
      expect(result.cause).toMatch(/^Invalid State Machine Definition: /)
    }
  })

  it('fails an input that is not JSON with States.Runtime', async () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const execution = startExecution({definition: {StartAt: 'A', States: {A: {Type: 'Pass', End: true}}}, input: circular as unknown as JsonValue})
    expect((await execution.done).error).toBe('States.Runtime')
  })
})

describe('robustness: endless loops without waits', () => {
  it('fails the execution with States.Runtime once the history reaches AWS limit of 25,000 events', async () => {
    // Given two Pass states that send the execution back and forth forever
    const definition: StateMachineDefinition = {StartAt: 'Ping', States: {Ping: {Type: 'Pass', Next: 'Pong'}, Pong: {Type: 'Pass', Next: 'Ping'}}}
    // When it runs
    const execution = startExecution({definition, input: {}, clock: createVirtualClock({timeScale: 0})})
    const result = await execution.done
    // Then it fails at the limit, the failure being the last event
    expect(result.status).toBe('FAILED')
    expect(result.error).toBe('States.Runtime')
    expect(result.cause).toContain('history limit was exceeded')
    expect(execution.events).toHaveLength(HISTORY_EVENT_LIMIT)
    expect(execution.events.at(-1)?.type).toBe('ExecutionFailed')
  })

  it('lets another execution on the same clock progress while one loops', async () => {
    // Given a looping execution and a short one started after it on one clock
    const clock = createVirtualClock({timeScale: 0})
    const looping = startExecution({definition: {StartAt: 'Ping', States: {Ping: {Type: 'Pass', Next: 'Ping'}}}, input: {}, clock})
    let loopEventsWhenShortEnded = -1
    const short = startExecution({definition: {StartAt: 'A', States: {A: {Type: 'Pass', End: true}}}, input: {}, clock})
    // When both run, the short one finishes long before the loop hits its limit
    await short.done.then(() => (loopEventsWhenShortEnded = looping.events.length))
    await looping.done
    expect(loopEventsWhenShortEnded).toBeLessThan(1000)
  })
})
