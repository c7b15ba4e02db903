// GetExecutionHistory page time over a 25,000-event history (AWS's limit), the way `ae` reads
// histories: pages of 1000, forward and reverse, with and without execution data. Goal: a median
// page under 10 ms. Pages are measured through the handler (no network), as a raw HTTP round
// trip, and through the real SFNClient over HTTP (the SDK's own parsing of 1000 events is most of
// that). The cold pass serializes each event the first time a page needs it.
// Run: npx tsx bench/sfn-history.ts [passes]
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {performance} from 'node:perf_hooks'

import {GetExecutionHistoryCommand, SFNClient} from '@aws-sdk/client-sfn'

import {createVirtualClock} from '../src/local/engine/clock.js'
import type {LocalHandler, LocalRequest} from '../src/local/http.js'
import {createSfnHandler, SfnStore, type SfnSnapshot} from '../src/local/sfn/index.js'

const GOAL_MS = 10
const EVENTS = 25_000
const passes = Number(process.argv[2] ?? 5)
const SM = 'arn:aws:states:us-east-1:123456789012:stateMachine:bench'
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:bench:big'

function syntheticHistory(): Array<Record<string, unknown>> {
  const payload = JSON.stringify({run_date: '2026-03-02', items: Array.from({length: 8}, (_, i) => ({i, key: `archive/sector_team_runs/${i}.json`}))})
  const start = Date.parse('2026-03-02T00:00:00Z')
  const events: Array<Record<string, unknown>> = [
    {timestamp: new Date(start).toISOString(), type: 'ExecutionStarted', id: 1, previousEventId: 0, executionStartedEventDetails: {input: payload, inputDetails: {truncated: false}}},
  ]
  const cycle = ['TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited']
  for (let id = 2; id < EVENTS; id++) {
    const type = cycle[(id - 2) % cycle.length] as string
    const event: Record<string, unknown> = {timestamp: new Date(start + id * 1000).toISOString(), type, id, previousEventId: id - 1}
    const name = `Step${Math.floor((id - 2) / cycle.length)}`
    if (type === 'TaskStateEntered') event.stateEnteredEventDetails = {name, input: payload, inputDetails: {truncated: false}}
    if (type === 'TaskScheduled') event.taskScheduledEventDetails = {resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: payload}
    if (type === 'TaskStarted') event.taskStartedEventDetails = {resourceType: 'lambda', resource: 'invoke'}
    if (type === 'TaskSucceeded') event.taskSucceededEventDetails = {resourceType: 'lambda', resource: 'invoke', output: payload, outputDetails: {truncated: false}}
    if (type === 'TaskStateExited') event.stateExitedEventDetails = {name, output: payload, outputDetails: {truncated: false}}
    events.push(event)
  }
  events.push({timestamp: new Date(start + EVENTS * 1000).toISOString(), type: 'ExecutionSucceeded', id: EVENTS, previousEventId: EVENTS - 1, executionSucceededEventDetails: {output: payload}})
  return events
}

function snapshot(): SfnSnapshot {
  const at = '2026-03-02T00:00:00.000Z'
  const definition = JSON.stringify({StartAt: 'A', States: {A: {Type: 'Pass', End: true}}})
  return {
    stateMachines: [
      {name: 'bench', arn: SM, type: 'STANDARD', definition, roleArn: 'arn:aws:iam::123456789012:role/R', creationDate: at, updateDate: at, tags: [], versions: [], nextVersion: 1, createdWith: {publish: false}},
    ],
    executions: [
      {
        seq: 1,
        executionArn: EXECUTION,
        stateMachineArn: SM,
        name: 'big',
        input: '{}',
        startDate: at,
        ran: {definition, roleArn: 'arn:aws:iam::123456789012:role/R', updateDate: at},
        status: 'SUCCEEDED',
        stopDate: at,
        output: '{}',
        redriveCount: 0,
        redriveTokens: [],
        events: syntheticHistory(),
      },
    ],
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number

function report(label: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b)
  const median = percentile(sorted, 50)
  console.log(
    `${label}: ${times.length} pages, median ${median.toFixed(3)} ms, p95 ${percentile(sorted, 95).toFixed(3)} ms, max ${(sorted.at(-1) ?? 0).toFixed(3)} ms; ` +
      `goal ${GOAL_MS} ms, median/goal ${(median / GOAL_MS).toFixed(3)}`,
  )
}

type Variant = {reverseOrder: boolean; includeExecutionData: boolean}
const VARIANTS: Variant[] = [
  {reverseOrder: false, includeExecutionData: true},
  {reverseOrder: true, includeExecutionData: true},
  {reverseOrder: false, includeExecutionData: false},
]

async function viaHandler(handler: LocalHandler, variant: Variant): Promise<number[]> {
  const times: number[] = []
  let nextToken: string | undefined
  do {
    const body = Buffer.from(JSON.stringify({executionArn: EXECUTION, maxResults: 1000, nextToken, ...variant}))
    const req: LocalRequest = {method: 'POST', url: new URL('http://127.0.0.1/'), headers: {'x-amz-target': 'AWSStepFunctions.GetExecutionHistory'}, body}
    const t0 = performance.now()
    const res = await handler(req)
    times.push(performance.now() - t0)
    nextToken = (JSON.parse(String(res.body)) as {nextToken?: string}).nextToken
  } while (nextToken !== undefined)
  return times
}

async function viaSdk(client: SFNClient, variant: Variant): Promise<number[]> {
  const times: number[] = []
  let nextToken: string | undefined
  do {
    const t0 = performance.now()
    const page = await client.send(new GetExecutionHistoryCommand({executionArn: EXECUTION, maxResults: 1000, nextToken, ...variant}))
    times.push(performance.now() - t0)
    nextToken = page.nextToken
  } while (nextToken !== undefined)
  return times
}

async function viaFetch(url: string, variant: Variant): Promise<number[]> {
  const times: number[] = []
  let nextToken: string | undefined
  do {
    const t0 = performance.now()
    const res = await fetch(url, {
      method: 'POST',
      headers: {'x-amz-target': 'AWSStepFunctions.GetExecutionHistory', 'content-type': 'application/x-amz-json-1.0'},
      body: JSON.stringify({executionArn: EXECUTION, maxResults: 1000, nextToken, ...variant}),
    })
    const text = await res.text()
    times.push(performance.now() - t0)
    nextToken = (JSON.parse(text) as {nextToken?: string}).nextToken
  } while (nextToken !== undefined)
  return times
}

async function main(): Promise<void> {
  const store = SfnStore.fromSnapshot(snapshot())
  const handler = createSfnHandler({
    region: 'us-east-1',
    accountId: '123456789012',
    clock: createVirtualClock({timeScale: 0}),
    store,
    integrationsFor: () => ({resolve: () => undefined}),
  })

  const cold: number[] = []
  for (const variant of VARIANTS) cold.push(...(await viaHandler(handler, variant)))
  report('handler, cold (first serialization)', cold)
  const warm: number[] = []
  for (let p = 0; p < passes; p++) for (const variant of VARIANTS) warm.push(...(await viaHandler(handler, variant)))
  report('handler, warm', warm)

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void handler({method: req.method ?? 'POST', url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers, body: Buffer.concat(chunks)}).then((r) => {
        res.writeHead(r.status, r.headers ?? {})
        res.end(r.body ?? '')
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  const raw: number[] = []
  for (let p = 0; p < passes; p++) for (const variant of VARIANTS) raw.push(...(await viaFetch(`http://127.0.0.1:${port}`, variant)))
  report('HTTP round trip (fetch, body as text)', raw)
  const client = new SFNClient({endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
  const sdk: number[] = []
  for (let p = 0; p < passes; p++) for (const variant of VARIANTS) sdk.push(...(await viaSdk(client, variant)))
  report('SFNClient over HTTP (request, serve, parse)', sdk)
  client.destroy()
  server.closeAllConnections()
  server.close()
}

await main()
