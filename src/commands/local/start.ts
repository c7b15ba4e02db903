import {Flags} from '@oclif/core'
import {AeCommand} from '../../base-command.js'
import {loadConfig} from '../../config/load.js'
import {DEFAULT_LOCAL_PORT, localStartOptions} from '../../local/start-options.js'

export default class LocalStart extends AeCommand<void> {
  static override summary = 'Serve the embedded AWS endpoint (Step Functions, EventBridge, S3, STS) until Ctrl-C.'
  static override description =
    'Prints the endpoint URL alone on the first line, then the environment to export; with --json the first line is {url, region, env}. The buckets the config names exist from the start. With --data-dir the state survives restarts, and executions still running at shutdown come back ABORTED. Scenarios are chosen per execution: `ae run PIPELINE --scenario NAME`, or StartExecution with `<stateMachineArn>#<name>`.'
  static override examples = [
    '<%= config.bin %> local start',
    '<%= config.bin %> local start --port 0 --data-dir .ae-local --json',
    '<%= config.bin %> local start --throttle-rate 0.2 --error-rate 0.05 --latency-ms 50 --seed 7',
  ]
  static override flags = {
    port: Flags.integer({description: 'Port on 127.0.0.1; 0 picks a free one.', default: DEFAULT_LOCAL_PORT}),
    'data-dir': Flags.string({description: 'Keep state (state machines, executions, rules, objects) in this folder across restarts.'}),
    scenarios: Flags.string({description: 'Scenario file (Step Functions Local mock config with ae extensions; default: the shipped scenarios).'}),
    'time-scale': Flags.string({description: 'Real time per virtual time: 0 runs instantly, 1 in real time, 0.01 100x faster.', default: '0'}),
    'throttle-rate': Flags.string({description: 'Fraction of requests answered with throttling (0..1).'}),
    'error-rate': Flags.string({description: 'Fraction of requests answered with a 5xx (0..1).'}),
    'latency-ms': Flags.integer({description: 'Add up to this many milliseconds to every request.'}),
    seed: Flags.integer({description: 'Seed of the fault injection, to replay a run.'}),
  }

  async run() {
    const {flags} = await this.parse(LocalStart)
    const options = localStartOptions(
      {
        port: flags.port,
        dataDir: flags['data-dir'],
        scenarios: flags.scenarios,
        timeScale: flags['time-scale'],
        throttleRate: flags['throttle-rate'],
        errorRate: flags['error-rate'],
        latencyMs: flags['latency-ms'],
        seed: flags.seed,
        region: flags.region,
      },
      loadConfig({flag: flags.config}),
    )
    const {exportLines, runLocalEndpoint} = await import('../../local/run-endpoint.js')
    const stop = new AbortController()
    const onSignal = () => stop.abort()
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    try {
      const summary = await runLocalEndpoint(options, {
        signal: stop.signal,
        onReady: ({url, region, env}) => {
          // One line either way, written at once: a script reads it while the endpoint keeps serving.
          const first = this.jsonEnabled() ? JSON.stringify({url, region, env}) : [url, ...exportLines(env)].join('\n')
          process.stdout.write(first + '\n')
          this.diag(`Serving on ${url}${options.dataDir ? `, state in ${options.dataDir}` : ''}. Ctrl-C to stop.`)
        },
      })
      this.diag(`Stopped${summary.dataDir ? `; state saved in ${summary.dataDir}` : ''}.`)
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}
