// Our ASL engine against aws-local-stepfunctions 3 (a devDependency, imported only here), side by
// side in one process: a 100-state Pass chain, a 2 x 50 Parallel, and the shipped Saturday pipeline
// with the same instant Task stubs for both engines, timed two ways: "validate + run" on a fresh
// definition each run (ours validates in startExecution, theirs in the StateMachine constructor)
// and "run only" on a definition validated once (ours caches per definition object; theirs is a
// machine built once). Then parse + validate of a 200-state definition: ours (validateDefinition +
// lint) against theirs (the constructor, which runs asl-validator).
// Goals: ours/theirs <= 1.0 both ways; ours under 50 ms.
// Run: npm run bench:engine [-- runs]
import {performance} from 'node:perf_hooks'
import {StateMachine} from 'aws-local-stepfunctions'
import {lintDefinition} from '../src/asl/lint.js'
import {loadPipelineDefinition} from '../src/asl/pipeline-view.js'
import type {JsonValue, StateMachineDefinition} from '../src/asl/types.js'
import {getPipeline, loadConfig} from '../src/config/load.js'
import type {Integrations} from '../src/local/engine/api.js'
import {createVirtualClock, startExecution, validateDefinition} from '../src/local/engine/index.js'
import {createIntegrations, createRecords} from '../src/local/integrations/index.js'
import {S3Store} from '../src/local/s3/store.js'
import {loadShippedScenarios, resolveScenario} from '../src/local/scenarios/index.js'
import {generatePipeline} from '../test/asl/fixtures.js'

const RUNS = Number(process.argv[2] ?? 200)
const WARMUP = 5
const PARSE_GOAL_MS = 50

type Stubs = Map<string, JsonValue>
type TheirDefinition = ConstructorParameters<typeof StateMachine>[0]

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

async function time(runs: number, once: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await once()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await once()
    times.push(performance.now() - start)
  }
  return median(times)
}

function passChain(n: number): StateMachineDefinition {
  const States: Record<string, unknown> = {}
  for (let i = 0; i < n; i++) States[`P${i}`] = i === n - 1 ? {Type: 'Pass', End: true} : {Type: 'Pass', Next: `P${i + 1}`}
  return {StartAt: 'P0', States} as unknown as StateMachineDefinition
}

function parallel(branches: number, depth: number): StateMachineDefinition {
  const branch = (b: number) => passChain(depth).States && {StartAt: `B${b}P0`, States: Object.fromEntries(Object.entries(passChain(depth).States).map(([k, v]) => [`B${b}${k}`, rename(v, `B${b}`)]))}
  const rename = (state: unknown, prefix: string) => {
    const s = state as {Next?: string}
    return s.Next === undefined ? s : {...s, Next: prefix + s.Next}
  }
  return {StartAt: 'Fan', States: {Fan: {Type: 'Parallel', Branches: Array.from({length: branches}, (_, b) => branch(b)), End: true}}} as unknown as StateMachineDefinition
}

/** Every Task and Wait state name, Parallel branches and Map processors included. */
function statesOf(def: StateMachineDefinition, type: string): string[] {
  const out: string[] = []
  const walk = (states: Record<string, {Type: string; Branches?: Array<{States: Record<string, never>}>; ItemProcessor?: {States: Record<string, never>}; Iterator?: {States: Record<string, never>}}>) => {
    for (const [name, s] of Object.entries(states)) {
      if (s.Type === type) out.push(name)
      for (const b of s.Branches ?? []) walk(b.States)
      const processor = s.ItemProcessor ?? s.Iterator
      if (processor) walk(processor.States)
    }
  }
  walk(def.States as never)
  return out
}

/**
 * Instant stubs for the Saturday pipeline: the last output each Task state gave in one happy-path
 * run on the local integrations. Served for every invocation, so every poll loop ends at its first
 * poll, identically in both engines.
 */
async function recordStubs(def: StateMachineDefinition, stateMachineName: string): Promise<Stubs> {
  const clock = createVirtualClock({timeScale: 0, start: Date.parse('2026-05-16T06:00:00Z')})
  const real = createIntegrations({clock, s3Store: new S3Store({now: () => clock.now()}), records: createRecords(), scenario: resolveScenario(loadShippedScenarios(), stateMachineName, 'happy-path')})
  const stubs: Stubs = new Map()
  const recording: Integrations = {
    resolve(resource) {
      const handler = real.resolve(resource)
      return handler && (async (req) => {
        const result = await handler(req)
        stubs.set(req.stateName, result.output)
        return result
      })
    },
  }
  const result = await startExecution({definition: def, input: {}, clock, integrations: recording}).done
  if (result.status !== 'SUCCEEDED') throw new Error(`recording run ended ${result.status}`)
  return stubs
}

const ourStubs = (stubs: Stubs): Integrations => ({resolve: () => async (req) => ({output: stubs.get(req.stateName) ?? {}})})

async function ours(def: StateMachineDefinition, stubs: Stubs): Promise<string> {
  const result = await startExecution({definition: def, input: {}, clock: createVirtualClock({timeScale: 0}), integrations: ourStubs(stubs)}).done
  return result.status
}

// Theirs has no Context object of its own beyond what it is given; the pipelines read $$.Execution.
const CONTEXT = {
  Execution: {Id: 'arn:aws:states:us-east-1:000000000000:execution:bench:run', Name: 'run', StartTime: '2026-05-16T06:00:00.000Z', Input: {}, RoleArn: 'arn:aws:iam::000000000000:role/bench'},
  StateMachine: {Id: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench', Name: 'bench'},
}

function theirMachine(def: StateMachineDefinition): StateMachine {
  return new StateMachine(def as unknown as TheirDefinition, {validationOptions: {checkArn: false}})
}

async function theirs(def: StateMachineDefinition | StateMachine, stubs: Stubs, waits: string[], tasks: string[]): Promise<string> {
  const machine = def instanceof StateMachine ? def : theirMachine(def)
  const taskResourceLocalHandlers = Object.fromEntries(tasks.map((name) => [name, () => (stubs.get(name) ?? {}) as never]))
  const waitTimeOverrides = Object.fromEntries(waits.map((name) => [name, 0]))
  try {
    await machine.run({}, {overrides: {taskResourceLocalHandlers, waitTimeOverrides}, context: CONTEXT as never}).result
    return 'SUCCEEDED'
  } catch (error) {
    return `FAILED (${(error as Error).message.slice(0, 80)})`
  }
}

async function compare(label: string, def: StateMachineDefinition, stubs: Stubs = new Map()): Promise<void> {
  const waits = statesOf(def, 'Wait')
  const tasks = statesOf(def, 'Task')
  const ourStatus = await ours(def, stubs)
  const theirStatus = await theirs(def, stubs, waits, tasks)
  // Validate + run: a fresh definition object each run, so ours validates every time (it caches
  // validation per definition object, as an endpoint does per state machine version); theirs
  // validates in its constructor.
  const text = JSON.stringify(def)
  const a = await time(RUNS, () => ours(JSON.parse(text) as StateMachineDefinition, stubs))
  const b = await time(RUNS, () => theirs(JSON.parse(text) as StateMachineDefinition, stubs, waits, tasks))
  // Run only: the definition validated once (ours: the same object; theirs: a machine built once).
  await ours(def, stubs)
  const built = theirMachine(def)
  const c = await time(RUNS, () => ours(def, stubs))
  const d = await time(RUNS, () => theirs(built, stubs, waits, tasks))
  console.log(`${label} (ours ${ourStatus}, theirs ${theirStatus})`)
  console.log(`  validate + run: ours ${ms(a)}  theirs ${ms(b)}  ours/theirs ${(a / b).toFixed(3)} (goal <= 1.0)`)
  console.log(`  run only:       ours ${ms(c)}  theirs ${ms(d)}  ours/theirs ${(c / d).toFixed(3)} (goal <= 1.0)`)
}

const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`

async function parseAndValidate(): Promise<void> {
  const text = JSON.stringify(generatePipeline(200).definition)
  const a = await time(RUNS * 3, async () => {
    const def = JSON.parse(text) as StateMachineDefinition
    return [validateDefinition(def), lintDefinition(def)]
  })
  const b = await time(RUNS * 3, async () => new StateMachine(JSON.parse(text) as TheirDefinition, {validationOptions: {checkArn: false}}))
  console.log('parse + validate, a 200-state definition')
  console.log(`  ours ${ms(a)} (validateDefinition + lint)  theirs ${ms(b)} (constructor: asl-validator)  ours/theirs ${(a / b).toFixed(3)}; ours/goal ${(a / PARSE_GOAL_MS).toFixed(3)} (goal ${PARSE_GOAL_MS} ms)`)
}

const loaded = loadConfig({env: {}, cwd: '/'})
const saturday = getPipeline(loaded, 'saturday')
const saturdayDef = loadPipelineDefinition(loaded, saturday).definition

console.log(`engine benchmark: medians of ${RUNS} runs after ${WARMUP} warm-up, Node ${process.version}`)
await compare('Pass chain, 100 states', passChain(100))
await compare('Parallel, 2 branches x 50 Pass', parallel(2, 50))
await compare('Saturday pipeline (instant stubs)', saturdayDef, await recordStubs(saturdayDef, saturday.stateMachineName))
await parseAndValidate()
