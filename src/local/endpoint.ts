// The embedded AWS endpoint: one server, the stores behind it, one virtual clock, the scenarios,
// the scheduler that fires enabled rules as virtual time passes, and optional persistence. The CLI
// reaches it exactly as it reaches AWS; nothing in the CLI knows it is local.
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {JsonValue} from '../asl/types.js'
import type {Clock} from './engine/api.js'
import {createVirtualClock, type VirtualClock} from './engine/clock.js'
import {createEventsHandler, dueFirings, EventsStore, type EventsSnapshot} from './events/index.js'
import type {FaultOptions} from './faults.js'
import {createIntegrations, createRecords, DynamoTables} from './integrations/index.js'
import {operationOf} from './operations.js'
import {createS3Handler} from './s3/handler.js'
import {S3Store, type S3Snapshot} from './s3/store.js'
import {chooseTestCase, loadScenarioFile, loadShippedScenarios, resolveScenario, UnknownTestCaseError} from './scenarios/index.js'
import {serve} from './server.js'
import {createSfnHandler, RESTART_CAUSE, SfnStore, startExecutionDirect, type SfnSnapshot} from './sfn/index.js'
import {validationError} from './aws-json/index.js'
import {createStsHandler, LOCAL_ACCOUNT_ID} from './sts.js'

export interface LocalEndpointOptions {
  port?: number
  /** Keep state across restarts in this folder. */
  dataDir?: string
  /** A Step Functions Local mock config file with ae's extensions; default: the shipped scenarios. */
  scenariosFile?: string
  /** 0 runs instantly (default), 1 in real time. */
  timeScale?: number
  faults?: FaultOptions
  accountId?: string
  region?: string
  /** Start of the virtual clock (default: now). */
  start?: Date
  /** Buckets that exist from the start (the holds bucket, the resume-key buckets). */
  buckets?: string[]
}

export interface LocalEndpoint {
  url: string
  region: string
  accountId: string
  clock: VirtualClock
  /**
   * Every request answered, as "sfn:StartExecution", "s3:PutObject", "events:PutRule",
   * "sts:GetCallerIdentity"; one entry per attempt, so a call retried after an injected fault shows twice.
   */
  calls: string[]
  /** Everything stored (state machines, executions, rules, buckets): tests compare it before and after. */
  snapshot(): {sfn: SfnSnapshot; events: EventsSnapshot; s3: S3Snapshot}
  /** SNS messages the pipelines published. */
  snsMessages(): Array<{topicArn: string; message: string; subject?: string; executionArn?: string}>
  /** Writes the state to the data dir now (it also does so shortly after every change and on close). */
  persist(): void
  close(): Promise<void>
}

interface PersistedState {
  version: 1
  clock: string
  sfn: SfnSnapshot
  events: EventsSnapshot
  s3: S3Snapshot
}

export async function startLocalEndpoint(options: LocalEndpointOptions = {}): Promise<LocalEndpoint> {
  const region = options.region ?? 'us-east-1'
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID
  const statePath = options.dataDir ? join(options.dataDir, 'ae-local-state.json') : undefined
  const saved = statePath ? readState(statePath) : undefined
  const clock = createVirtualClock({timeScale: options.timeScale ?? 0, start: saved ? new Date(saved.clock) : options.start})
  const scenarios = options.scenariosFile ? loadScenarioFile(options.scenariosFile) : loadShippedScenarios()
  const sfnStore = saved ? SfnStore.fromSnapshot(saved.sfn, clock.now()) : new SfnStore()
  const eventsStore = saved ? EventsStore.fromSnapshot(saved.events) : new EventsStore()
  const s3Store = new S3Store({now: () => clock.now()})
  if (saved) s3Store.restore(saved.s3)
  for (const bucket of options.buckets ?? []) if (s3Store.headBucket(bucket) === undefined) s3Store.createBucket(bucket)
  const records = createRecords()
  const dynamo = new DynamoTables()

  const sfnDeps = {
    region,
    accountId,
    clock: scheduledClock(clock, () => fireSchedules()),
    integrationsFor(stateMachineName: string, testCase: string | undefined, input: unknown) {
      const chosen = chooseTestCase(testCase, input as JsonValue)
      try {
        const scenario = chosen === undefined ? undefined : resolveScenario(scenarios, stateMachineName, chosen)
        return createIntegrations({clock, s3Store, records, scenario, dynamo})
      } catch (error) {
        if (error instanceof UnknownTestCaseError) throw validationError(error.message)
        throw error
      }
    },
  }

  // Enabled schedule rules start their targets as virtual time passes over their firings.
  let scheduledUpTo = clock.now()
  const fireSchedules = () => {
    const now = clock.now()
    if (now <= scheduledUpTo) return
    const due = dueFirings(eventsStore, scheduledUpTo, now)
    scheduledUpTo = now
    for (const f of due) {
      try {
        startExecutionDirect(sfnStore, sfnDeps, {stateMachineArn: f.target.arn, input: f.target.input ?? '{}'})
      } catch {
        // A target that cannot start (deleted state machine) fails the way EventBridge's does: silently, to its DLQ.
      }
    }
  }

  const calls: string[] = []
  let dirty = false
  const server = await serve({
    port: options.port,
    faults: options.faults,
    handlers: {
      sfn: createSfnHandler({...sfnDeps, store: sfnStore}),
      events: createEventsHandler({region, accountId, clock, store: eventsStore}),
      s3: createS3Handler(s3Store),
      sts: createStsHandler(accountId),
    },
    onRequest(protocol, req) {
      calls.push(`${protocol}:${operationOf(protocol, req)}`)
      fireSchedules()
      if (req.method !== 'GET' && req.method !== 'HEAD') dirty = true
    },
    onFault(protocol, req) {
      calls.push(`${protocol}:${operationOf(protocol, req)}`)
    },
  })
  const snapshot = () => ({sfn: sfnStore.snapshot(), events: eventsStore.snapshot(), s3: s3Store.snapshot()})
  const persist = () => {
    if (!statePath) return
    const state: PersistedState = {version: 1, clock: clock.now().toISOString(), ...snapshot()}
    mkdirSync(options.dataDir!, {recursive: true})
    writeFileSync(statePath + '.tmp', JSON.stringify(state))
    renameSync(statePath + '.tmp', statePath) // atomic: a crash never leaves half a file
    dirty = false
  }
  const ticker = setInterval(() => {
    fireSchedules()
    if (dirty) persist()
  }, 1000)
  ticker.unref()

  return {
    url: server.url,
    region,
    accountId,
    clock,
    calls,
    snapshot,
    snsMessages: () => records.sns.map((m) => ({topicArn: m.topicArn, message: m.message, subject: m.subject, executionArn: m.executionArn})),
    persist,
    async close() {
      clearInterval(ticker)
      persist()
      await server.close()
      // Persisted as RUNNING above (so a restart shows them ABORTED); their engines must not outlive
      // the endpoint, or a scaled clock's timers would keep the process up for hours of virtual time.
      for (const execution of sfnStore.running()) execution.live?.stop(undefined, RESTART_CAUSE)
    },
  }
}

/** The engine's clock, with a hook after every sleep: that is when virtual time has moved on. */
function scheduledClock(clock: VirtualClock, afterSleep: () => void): Clock {
  return {
    now: () => clock.now(),
    sleep: async (ms, signal) => {
      await clock.sleep(ms, signal)
      afterSleep()
    },
  }
}

function readState(path: string): PersistedState | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
  const state = JSON.parse(text) as PersistedState
  if (state.version !== 1) throw new Error(`${path}: unknown state version ${String(state.version)}`)
  return state
}
