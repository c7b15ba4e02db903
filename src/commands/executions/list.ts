import {Flags} from '@oclif/core'
import {AeCommand} from '../../base-command.js'
import {pipelineSession} from '../../aws/session.js'
import {loadConfig} from '../../config/load.js'
import {listExecutions, parseSince, STATUSES, type ListedExecution} from '../../executions/list.js'
import {formatDuration} from '../../ui/duration.js'
import {renderTable} from '../../ui/table.js'

export default class ExecutionsList extends AeCommand<{executions: ListedExecution[]; notDeployed: string[]}> {
  static override summary = 'List executions of the configured pipelines, newest first.'
  static override examples = ['<%= config.bin %> executions list', '<%= config.bin %> executions list --pipeline saturday --status FAILED --since 7d --json']
  static override flags = {
    pipeline: Flags.string({description: 'Only this pipeline.'}),
    status: Flags.string({description: 'Only executions with this status.', options: [...STATUSES]}),
    since: Flags.string({description: 'Only executions started within this long (30m, 12h, 7d, 2w).'}),
    limit: Flags.integer({description: 'At most this many.', default: 20, min: 1, max: 1000}),
  }

  async run() {
    const {flags} = await this.parse(ExecutionsList)
    const loaded = loadConfig({flag: flags.config})
    const sinceMs = flags.since ? parseSince(flags.since) : undefined
    const clients = await this.aws(flags)
    const session = await pipelineSession(clients, loaded, flags.pipeline)
    const result = await listExecutions(clients.sfn, session.pipelines.map((p) => ({pipeline: p, stateMachineArn: session.stateMachineArn(p)})), {status: flags.status, sinceMs, limit: flags.limit})
    if (!this.jsonEnabled()) {
      this.log(renderTable(['PIPELINE', 'NAME', 'STATUS', 'STARTED', 'DURATION'], result.executions.map((e) => [e.pipeline, e.name, e.status, e.startDate ?? '', formatDuration(e.durationMs)])))
      for (const p of result.notDeployed) this.diag(`${p}: not deployed (run \`ae deploy ${p}\`)`)
    }
    return result
  }
}
