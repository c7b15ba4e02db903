// bench/recover: planning a recovery from a 25,000-event history, against a bare SDK loop paging the
// same history in the same run; and 600 resume-key checks concurrently against one by one.
// Prints figures and ratios; asserts nothing. Run: npm run bench:recover
import {GetExecutionHistoryCommand, SFNClient} from '@aws-sdk/client-sfn'
import {performance} from 'node:perf_hooks'
import {createClients} from '../src/aws/clients.js'
import {loadConfig} from '../src/config/load.js'
import {configBuckets} from '../src/local/config-buckets.js'
import {startLocalEndpoint} from '../src/local/endpoint.js'
import {expandResumeKeys} from '../src/recovery/evidence.js'
import {checkKeys} from '../src/recovery/evidence-check.js'
import {recover} from '../src/recovery/recover.js'
import {writeConfig} from '../test/helpers/config-file.js'
import {longExecution} from '../test/helpers/long-history.js'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const credentials = {accessKeyId: 'bench', secretAccessKey: 'bench'}
const RUNS = 7

const configPath = writeConfig((c) => {
  c.pipelines.bench = {stateMachineName: 'ae-bench-long', definition: '/dev/null', roleArn: 'arn:aws:iam::000000000000:role/x', runDate: {state: 'Init', field: 'run_date'}}
})
const loaded = loadConfig({flag: configPath})
const endpoint = await startLocalEndpoint({buckets: configBuckets(loaded)})
const clients = await createClients({endpoint: endpoint.url, region: endpoint.region, credentials})
// A failed run of close to 25,000 events (the most a history can hold).
const arn = await longExecution({clients}, 24_996, 'ae-bench-long', 'fail')

// The bare loop: what any script paging the history would do.
const bare = new SFNClient({endpoint: endpoint.url, region: endpoint.region, credentials})
let events = 0
let bareCalls = 0
const bareTimes: number[] = []
for (let i = 0; i < RUNS; i++) {
  const t = performance.now()
  let token: string | undefined
  events = 0
  bareCalls = 0
  do {
    const page = await bare.send(new GetExecutionHistoryCommand({executionArn: arn, maxResults: 1000, nextToken: token}))
    bareCalls++
    events += page.events?.length ?? 0
    token = page.nextToken
  } while (token)
  bareTimes.push(performance.now() - t)
}

const planTimes: number[] = []
let sfnCalls: [string, number][] = []
for (let i = 0; i < RUNS; i++) {
  const c = await createClients({endpoint: endpoint.url, region: endpoint.region, credentials})
  const t = performance.now()
  await recover({from: arn, dryRun: true, rerun: [], strategy: 'auto'}, {loaded, clients: async () => c, confirm: async () => {}})
  planTimes.push(performance.now() - t)
  sfnCalls = [...c.calls].filter(([k]) => k.startsWith('sfn:'))
  c.destroy()
}
const pages = Math.ceil(events / 1000)
const ours = sfnCalls.reduce((n, [, v]) => n + v, 0)
console.log(`execution ${arn.split(':').pop()}: FAILED, ${events} history events`)
console.log(`SFN calls for the plan: ${ours} (${sfnCalls.map(([k, v]) => `${k.slice(4)} x${v}`).join(', ')})`)
console.log(`  minimum named in the issue: ${2 + pages} (DescribeExecution, DescribeStateMachineForExecution, ${pages} pages);`)
console.log('  the plan adds DescribeStateMachine: the live definition it verifies itself on.')
console.log(`bare SDK loop: ${bareCalls} calls, median ${median(bareTimes).toFixed(1)} ms`)
console.log(`ae plan:       median ${median(planTimes).toFixed(1)} ms (load, timeline, evidence, plan, verification)`)
console.log(`ratio plan/bare: ${(median(planTimes) / median(bareTimes)).toFixed(2)} (goal <= 1.25)`)

// 600 resume keys, half present, on an endpoint that answers each S3 call after 0-20 ms (a modelled
// round trip: on the in-process endpoint a call costs microseconds, which would hide what
// concurrency buys against real S3).
const slow = await startLocalEndpoint({buckets: ['alpha-engine-research'], faults: {latencyMs: 20, seed: 7}})
const s3Clients = await createClients({endpoint: slow.url, region: slow.region, credentials})
const teams = Array.from({length: 600}, (_, i) => `team-${i}`)
const probes = expandResumeKeys([{workload: 'Research', bucket: 'alpha-engine-research', key: 'archive/{run_date}/{team}.json', each: {team: teams}, role: 'progress'}], '2026-11-21')
const {PutObjectCommand} = await import('@aws-sdk/client-s3')
for (const p of probes.slice(0, 300)) await s3Clients.s3.send(new PutObjectCommand({Bucket: p.bucket, Key: p.key, Body: '{"ok": true}'}))
const time = async (concurrency: number) => {
  const t = performance.now()
  const results = await checkKeys(s3Clients.s3, probes, {concurrency, marker: '[DRY-RUN'})
  if (results.filter((r) => r.present).length !== 300) throw new Error('wrong evidence count')
  return performance.now() - t
}
const one = await time(1)
const many = await time(loaded.config.recovery.evidenceConcurrency)
console.log(`600 resume keys: one by one ${one.toFixed(0)} ms, ${loaded.config.recovery.evidenceConcurrency} at a time ${many.toFixed(0)} ms: ${(one / many).toFixed(1)}x faster (goal >= 8x)`)

bare.destroy()
clients.destroy()
s3Clients.destroy()
await endpoint.close()
await slow.close()
