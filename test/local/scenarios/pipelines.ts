// Loads the shipped pipelines (rendered with the shipped config's substitutions) and runs one
// shipped scenario of one through the engine with the local integrations.
import type {HistoryEvent} from '@aws-sdk/client-sfn'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {loadDefinition} from '../../../src/asl/load.js'
import type {State, StateMachineDefinition} from '../../../src/asl/types.js'
import {loadConfig} from '../../../src/config/load.js'
import {createVirtualClock, startExecution, type ExecutionResult} from '../../../src/local/engine/index.js'
import {createIntegrations, createRecords, type IntegrationRecords} from '../../../src/local/integrations/index.js'
import {S3Store} from '../../../src/local/s3/store.js'
import {loadShippedScenarios, resolveScenario} from '../../../src/local/scenarios/index.js'

export type PipelineName = 'saturday' | 'weekday'

export interface Pipeline {
  stateMachineName: string
  definition: StateMachineDefinition
}

// An empty directory, so a stray ./ae.config.json cannot replace the shipped config.
const config = loadConfig({cwd: mkdtempSync(join(tmpdir(), 'ae-scenarios-'))})

export function pipeline(name: PipelineName): Pipeline {
  const p = config.config.pipelines[name]
  if (p === undefined) throw new Error(`no pipeline ${name} in the shipped config`)
  const {definition} = loadDefinition(join(config.baseDir, p.definition), p.substitutions)
  return {stateMachineName: p.stateMachineName, definition}
}

/** Every state of a definition, Parallel branches and Map processors included, by name. */
export function allStates(def: StateMachineDefinition): Map<string, State> {
  const out = new Map<string, State>()
  const walk = (states: Record<string, State>) => {
    for (const [name, state] of Object.entries(states)) {
      out.set(name, state)
      if (state.Type === 'Parallel') for (const b of state.Branches) walk(b.States)
      if (state.Type === 'Map') walk((state.ItemProcessor ?? state.Iterator)?.States ?? {})
    }
  }
  walk(def.States)
  return out
}

export interface Run {
  result: ExecutionResult
  events: HistoryEvent[]
  records: IntegrationRecords
  s3Store: S3Store
  /** Names of the states entered, in order, with repeats. */
  entered: string[]
}

export const RUN_START = Date.parse('2026-05-16T06:00:00.000Z')

export async function runScenario(name: PipelineName, testCase: string): Promise<Run> {
  const {stateMachineName, definition} = pipeline(name)
  const clock = createVirtualClock({timeScale: 0, start: RUN_START})
  const s3Store = new S3Store({now: () => clock.now()})
  const records = createRecords()
  const scenario = resolveScenario(loadShippedScenarios(), stateMachineName, testCase)
  const execution = startExecution({
    definition,
    input: {},
    name: `${testCase}-1`,
    stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:${stateMachineName}`,
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:${stateMachineName}:${testCase}-1`,
    clock,
    integrations: createIntegrations({clock, s3Store, records, scenario}),
  })
  const result = await execution.done
  const entered = execution.events.filter((e) => String(e.type).endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails?.name ?? '')
  return {result, events: execution.events, records, s3Store, entered}
}

export function keysIn(store: S3Store, bucket: string): string[] {
  return store.headBucket(bucket) === undefined ? [] : store.list(bucket).objects.map((o) => o.key)
}
