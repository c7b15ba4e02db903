// `ae executions show` on a 25,000-event execution (AWS's history limit) against a bare SDK loop
// paging the same history, in the same run on the same local endpoint. Goals: show makes the
// minimum number of SFN calls, and takes at most 1.25x the bare loop's wall time.
//   bare loop: GetExecutionHistory, maxResults 1000, nextToken until done (execution data included,
//              the SDK's default): ceil(events / 1000) calls.
//   show:      DescribeExecution + DescribeStateMachineForExecution + ceil(events / 1000) history
//              pages (the first with execution data, the rest newest-first without) + one
//              ListExecutions for the lineage; then the timeline (visits, workloads, branches).
// Run: npx tsx bench/history.ts [runs]
import {GetExecutionHistoryCommand} from '@aws-sdk/client-sfn'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {createClients, totalCalls, type AwsClients} from '../src/aws/clients.js'
import ExecutionsShow from '../src/commands/executions/show.js'
import {viewExecution} from '../src/executions/view.js'
import {localAws} from '../test/helpers/local-aws.js'
import {writeConfig} from '../test/helpers/config-file.js'
import {longExecution, loopDefinition, iterationsFor} from '../test/helpers/long-history.js'
import {runCommand} from '../test/helpers/run-command.js'

const EVENTS = 24_996
const GOAL_RATIO = 1.25
const runs = Number(process.argv[2] ?? 9)

const local = await localAws()
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

/** Fresh clients per measured run, so each run's calls are counted alone and no connection is shared. */
async function measure(label: string, body: (clients: AwsClients) => Promise<unknown>): Promise<{ms: number; calls: Map<string, number>}> {
  const times: number[] = []
  let calls = new Map<string, number>()
  for (let i = 0; i < runs + 1; i++) {
    const clients = await createClients({endpoint: local.endpoint.url, region: local.endpoint.region, credentials: {accessKeyId: 'bench', secretAccessKey: 'bench'}})
    const t0 = performance.now()
    await body(clients)
    const ms = performance.now() - t0
    calls = new Map(clients.calls)
    clients.destroy()
    if (i > 0) times.push(ms) // the first run warms the endpoint's per-event serialization caches
  }
  const ms = median(times)
  const total = [...calls.values()].reduce((a, b) => a + b, 0)
  console.log(`${label.padEnd(34)} ${String(total).padStart(3)} SFN calls  median ${ms.toFixed(1).padStart(7)} ms  (${[...calls].map(([k, n]) => `${k.replace(/^sfn:/, '')} x${n}`).join(', ')})`)
  return {ms, calls}
}

try {
  const t0 = performance.now()
  const executionArn = await longExecution(local, EVENTS, 'bench-history')
  const pages = Math.ceil(EVENTS / 1000)
  console.log(`Execution of ${EVENTS} history events built in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${runs} measured runs each, after one warm-up.\n`)

  const bare = await measure('bare SDK loop (data on every page)', async (clients) => {
    let nextToken: string | undefined
    let events = 0
    do {
      const page = await clients.sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: 1000, nextToken}))
      events += page.events?.length ?? 0
      nextToken = page.nextToken
    } while (nextToken)
    if (events !== EVENTS) throw new Error(`the bare loop read ${events} events`)
  })

  const ours = await measure('viewExecution (what show runs)', async (clients) => {
    const {view} = await viewExecution(clients.sfn, executionArn, undefined, {})
    if (view.status !== 'SUCCEEDED' || view.workloads[0]?.outcome !== 'completed') throw new Error(`unexpected view: ${view.status}`)
    if (view.calls !== totalCalls(clients)) throw new Error(`the view counted ${view.calls} calls, the clients ${totalCalls(clients)}`)
  })

  // The whole command in-process, for scale: config, clients, STS for the account, the ARN check
  // against a config that names the loop's state machine as a pipeline.
  const dir = mkdtempSync(join(tmpdir(), 'ae-bench-history-'))
  const definitionFile = join(dir, 'loop.asl.json')
  writeFileSync(definitionFile, JSON.stringify(loopDefinition(iterationsFor(EVENTS))))
  const config = writeConfig((c) => {
    c.pipelines.loop = {stateMachineName: 'bench-history', definition: definitionFile, roleArn: 'arn:aws:iam::000000000000:role/bench', substitutions: {}}
  })
  const command: number[] = []
  let commandCalls = ''
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now()
    const r = await runCommand(ExecutionsShow, [executionArn, '--format', 'json', '--verbose', '--config', config, ...local.flags], {env: local.env})
    if (r.exitCode !== 0) throw new Error(`show failed: ${r.stderr}`)
    if (i > 0) command.push(performance.now() - t)
    commandCalls = /AWS calls: (.*)/.exec(r.stderr)?.[1] ?? '?'
  }
  console.log(`${'ae executions show (in-process)'.padEnd(34)}   median ${median(command).toFixed(1).padStart(7)} ms  (${commandCalls})`)

  const minimum = 2 + pages + 1
  const oursCalls = [...ours.calls.values()].reduce((a, b) => a + b, 0)
  const bareCalls = [...bare.calls.values()].reduce((a, b) => a + b, 0)
  const ratio = ours.ms / bare.ms
  console.log(
    [
      '',
      `history pages: ceil(${EVENTS} / 1000) = ${pages}; bare loop ${bareCalls} calls (minimum ${pages})`,
      `show: minimum ${minimum} = DescribeExecution 1 + DescribeStateMachineForExecution 1 + GetExecutionHistory ${pages} + ListExecutions 1 (lineage); made ${oursCalls} ${oursCalls === minimum ? '(= minimum)' : '(ABOVE the minimum)'}`,
      `time: show ${ours.ms.toFixed(1)} ms / bare ${bare.ms.toFixed(1)} ms = ${ratio.toFixed(3)} (goal <= ${GOAL_RATIO}: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'})`,
    ].join('\n'),
  )
  process.exitCode = oursCalls === minimum && bareCalls === pages && ratio <= GOAL_RATIO ? 0 : 1
} finally {
  await local.close()
}
