// The combined endpoint under load, over HTTP with the real SDK clients, everything in one process
// (clients, server and engine share the event loop and the machine's cores, as in the tests):
//  1. Saturday happy-path executions completed per second by 16 concurrent clients, each a real
//     SFNClient doing StartExecution (`<arn>#happy-path`) then DescribeExecution every POLL_MS until
//     the execution ends; 160 executions or 20 s, whichever comes first.
//  2. GetExecutionHistory pages of 1000 over one execution of 24,990 events (a Pass/Choice loop just
//     under the 25,000-event limit): median and p99 per page. Goal: median under 10 ms.
// Run: npm run bench:endpoint
import {CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand} from '@aws-sdk/client-sfn'
import {performance} from 'node:perf_hooks'
import {loadPipelineDefinition} from '../src/asl/pipeline-view.js'
import {getPipeline, loadConfig} from '../src/config/load.js'
import {configBuckets} from '../src/local/config-buckets.js'
import {startLocalEndpoint, type LocalEndpoint} from '../src/local/endpoint.js'
import {LOCAL_CREDENTIALS} from '../src/local/run-endpoint.js'
import {iterationsFor, loopDefinition} from '../test/helpers/long-history.js'

const CLIENTS = 16
const EXECUTIONS = 160
const BUDGET_MS = 20_000
const POLL_MS = Number(process.env.POLL_MS ?? 20)
const HISTORY_EVENTS = 24_996
const PAGE_PASSES = 10
const GOAL_MS = 10
const ROLE = 'arn:aws:iam::000000000000:role/bench'

const client = (endpoint: LocalEndpoint) => new SFNClient({endpoint: endpoint.url, region: endpoint.region, credentials: LOCAL_CREDENTIALS})
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function throughput(): Promise<void> {
  const loaded = loadConfig({env: {}, cwd: '/'})
  const saturday = getPipeline(loaded, 'saturday')
  const endpoint = await startLocalEndpoint({buckets: configBuckets(loaded)})
  const setup = client(endpoint)
  const {stateMachineArn} = await setup.send(
    new CreateStateMachineCommand({name: saturday.stateMachineName, roleArn: ROLE, definition: JSON.stringify(loadPipelineDefinition(loaded, saturday).definition)}),
  )
  setup.destroy()
  const clients = Array.from({length: CLIENTS}, () => client(endpoint))
  let started = 0
  const durations: number[] = []
  const statuses = new Map<string, number>()
  const t0 = performance.now()
  const deadline = t0 + BUDGET_MS
  await Promise.all(
    clients.map(async (sfn) => {
      while (started < EXECUTIONS && performance.now() < deadline) {
        started++
        const begin = performance.now()
        const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn: `${stateMachineArn}#happy-path`, input: '{}'}))
        let status = 'RUNNING'
        while (status === 'RUNNING') {
          await sleep(POLL_MS)
          status = (await sfn.send(new DescribeExecutionCommand({executionArn}))).status ?? 'UNKNOWN'
        }
        durations.push(performance.now() - begin)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
    }),
  )
  const elapsed = performance.now() - t0
  for (const c of clients) c.destroy()
  await endpoint.close()
  durations.sort((a, b) => a - b)
  console.log(`Saturday happy-path, ${CLIENTS} concurrent SFNClients, DescribeExecution every ${POLL_MS} ms:`)
  console.log(
    `  ${durations.length} executions in ${(elapsed / 1000).toFixed(2)} s: ${((durations.length * 1000) / elapsed).toFixed(1)} executions/s; ` +
      `start-to-seen-done median ${percentile(durations, 50).toFixed(0)} ms, p99 ${percentile(durations, 99).toFixed(0)} ms; ` +
      `statuses ${[...statuses].map(([s, n]) => `${s} x${n}`).join(', ')}`,
  )
}

async function historyPages(): Promise<void> {
  const endpoint = await startLocalEndpoint()
  const sfn = client(endpoint)
  const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'history-bench', roleArn: ROLE, definition: JSON.stringify(loopDefinition(iterationsFor(HISTORY_EVENTS)))}))
  const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn, input: '{}'}))
  let status = 'RUNNING'
  while (status === 'RUNNING') {
    await sleep(50)
    status = (await sfn.send(new DescribeExecutionCommand({executionArn}))).status ?? 'UNKNOWN'
  }
  for (const includeExecutionData of [true, false]) {
    const pages: number[] = []
    let events = 0
    for (let pass = 0; pass < PAGE_PASSES + 1; pass++) {
      let nextToken: string | undefined
      events = 0
      do {
        const start = performance.now()
        const page = await sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: 1000, nextToken, includeExecutionData}))
        // The first pass serializes each event once and is the warm-up; the later ones are measured.
        if (pass > 0) pages.push(performance.now() - start)
        events += page.events?.length ?? 0
        nextToken = page.nextToken
      } while (nextToken)
    }
    pages.sort((a, b) => a - b)
    const median = percentile(pages, 50)
    console.log(
      `GetExecutionHistory, ${events} events (${status}), pages of 1000, includeExecutionData ${includeExecutionData}, ${pages.length} pages through SFNClient: ` +
        `median ${median.toFixed(2)} ms, p99 ${percentile(pages, 99).toFixed(2)} ms; median/${GOAL_MS} ms ${(median / GOAL_MS).toFixed(3)}`,
    )
  }
  sfn.destroy()
  await endpoint.close()
}

console.log(`endpoint benchmark, Node ${process.version}`)
await throughput()
await historyPages()
