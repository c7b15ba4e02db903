import {AeCommand} from '../../base-command.js'
import {loadConfig} from '../../config/load.js'
import {describeAllPipelines} from '../../asl/pipeline-view.js'
import {renderTable} from '../../ui/table.js'

type Row = ReturnType<typeof describeAllPipelines>[number]

export default class PipelinesList extends AeCommand<{pipelines: Row[]}> {
  static override summary = 'List the configured pipelines.'
  static override examples = ['<%= config.bin %> pipelines list', '<%= config.bin %> pipelines list --json']

  async run() {
    const {flags} = await this.parse(PipelinesList)
    const pipelines = describeAllPipelines(loadConfig({flag: flags.config}))
    if (!this.jsonEnabled()) {
      this.log(renderTable(['PIPELINE', 'STATE MACHINE', 'SKIP GATES', 'DEFINITION', 'RULES'], pipelines.map((p) => [p.name, p.stateMachineName, String(p.gates), p.definition, p.rules.join(', ')])))
    }
    return {pipelines}
  }
}
