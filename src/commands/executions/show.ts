import {Args, Flags} from '@oclif/core'
import {AeCommand} from '../../base-command.js'
import {pipelineSession} from '../../aws/session.js'
import {loadConfig} from '../../config/load.js'
import {renderFlowchart, renderGantt} from '../../executions/diagrams.js'
import {resolveExecution} from '../../executions/resolve.js'
import {viewExecution, type ExecutionView} from '../../executions/view.js'
import {renderExecution} from '../../ui/execution-view.js'

export default class ExecutionsShow extends AeCommand<ExecutionView> {
  static override summary = 'Show what an execution did: workloads, branches, the failure and the lineage.'
  static override description = 'EXECUTION is an ARN, an execution name, latest or latest-failed. --format mermaid prints the definition as a flowchart coloured by outcome, gantt a chart of workload durations; both render in GitHub markdown.'
  static override examples = [
    '<%= config.bin %> executions show latest-failed',
    '<%= config.bin %> executions show sat-2026-11-21 --pipeline saturday --json',
    '<%= config.bin %> executions show latest --format mermaid > incident.md',
  ]
  static override args = {execution: Args.string({description: 'ARN, name, latest or latest-failed.', required: true})}
  static override flags = {
    pipeline: Flags.string({description: 'Pipeline to look the execution up in (default: every configured pipeline).'}),
    events: Flags.boolean({description: 'Include the raw history events.', default: false}),
    format: Flags.string({description: 'Output format.', options: ['text', 'json', 'mermaid', 'gantt'], default: 'text'}),
  }

  async run() {
    const {args, flags} = await this.parse(ExecutionsShow)
    const loaded = loadConfig({flag: flags.config})
    const clients = await this.aws(flags)
    const session = await pipelineSession(clients, loaded, flags.pipeline)
    const resolved = await resolveExecution(args.execution, {sfn: clients.sfn, pipelines: session.pipelines, stateMachineArn: session.stateMachineArn})
    const {view, record} = await viewExecution(clients.sfn, resolved.executionArn, resolved.pipeline, {events: flags.events, recoveryTemplate: loaded.config.recovery.nameTemplate, described: resolved.described})
    if (flags.verbose) this.diag(`SFN calls for the history and lineage: ${view.calls}`)
    if (this.jsonEnabled()) return view
    if (flags.format === 'json') this.log(JSON.stringify(view, null, 2))
    else if (flags.format === 'mermaid') this.log(renderFlowchart(record.timeline.graph, record.timeline))
    else if (flags.format === 'gantt') this.log(renderGantt(record.timeline, `${record.name} ${view.runDate}`))
    else this.log(renderExecution(view))
    return view
  }
}
