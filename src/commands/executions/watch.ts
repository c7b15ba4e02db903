import {Args, Flags} from '@oclif/core'
import {AeCommand} from '../../base-command.js'
import {pipelineSession} from '../../aws/session.js'
import {loadConfig} from '../../config/load.js'
import {followExecution} from '../../executions/follow.js'
import {resolveExecution} from '../../executions/resolve.js'

export default class ExecutionsWatch extends AeCommand<{executionArn: string; status: string}> {
  static override summary = 'Follow an execution until it ends.'
  static override description = 'Prints each state transition as it happens. With --json, one JSON object per line per transition (for scripts), then the final status; exit 0 when the execution SUCCEEDED, 1 otherwise.'
  static override examples = ['<%= config.bin %> executions watch latest', '<%= config.bin %> executions watch recover-2026-11-21-1 --json | jq .state']
  static override args = {execution: Args.string({description: 'ARN, name, latest or latest-failed.', required: true})}
  static override flags = {
    pipeline: Flags.string({description: 'Pipeline to look the execution up in.'}),
    interval: Flags.integer({description: 'Seconds between polls.', default: 5, min: 1}),
    timeout: Flags.integer({description: 'Give up after this many minutes.', default: 24 * 60, min: 1}),
  }

  async run() {
    const {args, flags} = await this.parse(ExecutionsWatch)
    const loaded = loadConfig({flag: flags.config})
    const clients = await this.aws(flags)
    const session = await pipelineSession(clients, loaded, flags.pipeline)
    const {executionArn} = await resolveExecution(args.execution, {sfn: clients.sfn, pipelines: session.pipelines, stateMachineArn: session.stateMachineArn})
    const json = this.jsonEnabled()
    const stop = new AbortController()
    const onInterrupt = () => stop.abort()
    process.once('SIGINT', onInterrupt)
    const final = await followExecution(clients.sfn, executionArn, {
      pollMs: flags.interval * 1000,
      deadlineMs: flags.timeout * 60_000,
      signal: stop.signal,
      onEvents: (events) => {
        for (const e of events) {
          const state = e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name
          if (!state && !e.type?.startsWith('Execution') && !e.type?.endsWith('Failed')) continue
          const line = {id: e.id, at: e.timestamp?.toISOString(), type: e.type, state: state ?? null, error: e.taskFailedEventDetails?.error ?? e.executionFailedEventDetails?.error ?? null}
          process.stdout.write(json ? JSON.stringify(line) + '\n' : `${line.at}  ${line.type?.padEnd(24)} ${state ?? ''}${line.error ? `  ${line.error}` : ''}\n`)
        }
      },
    }).finally(() => process.off('SIGINT', onInterrupt))
    const result = {executionArn, status: final.status ?? 'UNKNOWN'}
    if (json) process.stdout.write(JSON.stringify(result) + '\n')
    else this.log(`${executionArn}: ${result.status}`)
    if (result.status !== 'SUCCEEDED') this.exitAfterOutput(1)
    // Printed as lines already; returning undefined keeps oclif from printing a second JSON document.
    return undefined as unknown as typeof result
  }
}
