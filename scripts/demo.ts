// `npm run demo`: ae's main job on a fresh machine, against the embedded endpoint. A Saturday run
// fails in Research (a 429) after PredictorTraining finished; `ae recover` re-runs only what did
// not finish. Exits 0 only when the recovery SUCCEEDED and PredictorTraining did not run again.
import {CreateStateMachineCommand, StartExecutionCommand} from '@aws-sdk/client-sfn'
import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {loadPipelineDefinition} from '../src/asl/pipeline-view.js'
import {createClients} from '../src/aws/clients.js'
import {listPipelines, loadConfig} from '../src/config/load.js'
import {followExecution} from '../src/executions/follow.js'
import {configBuckets} from '../src/local/config-buckets.js'
import {startLocalEndpoint} from '../src/local/endpoint.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const loaded = loadConfig({env: {}, cwd: root})
const endpoint = await startLocalEndpoint({buckets: configBuckets(loaded)})
const env = {...process.env, AWS_ENDPOINT_URL: endpoint.url, AWS_REGION: endpoint.region, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AE_CONFIG: ''}
const clients = await createClients({endpoint: endpoint.url, region: endpoint.region, credentials: {accessKeyId: 'local', secretAccessKey: 'local'}})

// The endpoint serves from this process, so the CLI runs as a child without blocking the event loop.
const ae = (argv: string[], options: {quiet?: boolean} = {}) =>
  new Promise<{status: number | null; stdout: string}>((resolve) => {
    if (!options.quiet) process.stdout.write(`\n$ ae ${argv.join(' ')}\n`)
    const child = spawn(process.execPath, ['bin/dev.js', ...argv], {cwd: root, env})
    let stdout = ''
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString()
      if (!options.quiet) process.stdout.write(c)
    })
    child.stderr.on('data', (c: Buffer) => options.quiet || process.stderr.write(c))
    child.on('close', (status) => resolve({status, stdout}))
  })

let ok = false
try {
  process.stdout.write(`Local endpoint: ${endpoint.url} (virtual clock: hours of pipeline run in milliseconds)\n`)
  for (const p of listPipelines(loaded)) {
    const {definition} = loadPipelineDefinition(loaded, p)
    await clients.sfn.send(new CreateStateMachineCommand({name: p.stateMachineName, definition: JSON.stringify(definition), roleArn: p.roleArn}))
  }
  const smArn = `arn:aws:states:${endpoint.region}:${endpoint.accountId}:stateMachine:alpha-engine-saturday-pipeline`
  const started = await clients.sfn.send(new StartExecutionCommand({stateMachineArn: `${smArn}#research-rate-limited`, name: 'saturday-demo', input: '{}'}))
  await followExecution(clients.sfn, started.executionArn!, {pollMs: 50})
  await ae(['executions', 'show', 'saturday-demo'])
  const recovered = await ae(['recover', '--from', 'saturday-demo', '--yes', '--wait'])
  const plan = JSON.parse((await ae(['recover', '--from', 'saturday-demo', '--dry-run', '--json'], {quiet: true})).stdout) as {skip: string[]; run: string[]; savedMs: number; executionName: string}
  const show = JSON.parse((await ae(['executions', 'show', plan.executionName, '--json'], {quiet: true})).stdout) as {status: string; workloads: Array<{workload: string; outcome: string}>}
  const ran = show.workloads.filter((w) => w.outcome !== 'skipped' && w.outcome !== 'not-run').map((w) => w.workload)
  const predictorRanAgain = ran.includes('PredictorTraining')
  process.stdout.write(
    [
      '',
      `Skipped (already done): ${plan.skip.join(', ')}`,
      `Ran in the recovery:    ${ran.join(', ')}`,
      `Compute not paid again: ${(plan.savedMs / 3_600_000).toFixed(1)} h`,
      `Recovery ${plan.executionName}: ${show.status}; PredictorTraining ran again: ${predictorRanAgain ? 'YES' : 'no'}`,
      '',
    ].join('\n'),
  )
  ok = recovered.status === 0 && show.status === 'SUCCEEDED' && !predictorRanAgain
} finally {
  clients.destroy()
  await endpoint.close()
}
process.exit(ok ? 0 : 1)
