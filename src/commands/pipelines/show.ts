import {Args} from '@oclif/core'
import {AeCommand} from '../../base-command.js'
import {loadConfig} from '../../config/load.js'
import {describePipeline, type PipelineView} from '../../asl/pipeline-view.js'
import {renderTable} from '../../ui/table.js'

export default class PipelinesShow extends AeCommand<PipelineView> {
  static override summary = 'Show a pipeline\'s skip gates and the workloads they guard.'
  static override description = 'Each workload is derived from the definition: every state on a path from the gate\'s run entry to its skip target. This is the table a recovery plan is built from.'
  static override examples = ['<%= config.bin %> pipelines show saturday', '<%= config.bin %> pipelines show weekday --json']
  static override args = {pipeline: Args.string({description: 'Pipeline name from the config.', required: true})}

  async run() {
    const {args, flags} = await this.parse(PipelinesShow)
    const view = describePipeline(loadConfig({flag: flags.config}), args.pipeline)
    if (!this.jsonEnabled()) this.log(render(view))
    return view
  }
}

function render(view: PipelineView): string {
  const rows = view.workloads.map((w) => [w.name, w.flag, `${w.gate} -> ${w.skipTarget}`, w.parent ?? '', w.states.join(', ')])
  return [`${view.pipeline}: ${view.stateMachineName} (${view.workloads.length} skip gates)`, '', renderTable(['WORKLOAD', 'FLAG', 'GATE -> SKIP TARGET', 'NESTED IN', 'WORK STATES'], rows)].join('\n')
}
