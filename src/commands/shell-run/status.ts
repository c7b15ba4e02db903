import {AeCommand} from '../../base-command.js'
import {loadConfig} from '../../config/load.js'
import {shellRunStatus, type ShellRunStatus} from '../../shell-run/actions.js'
import {formatStatus} from '../../shell-run/format.js'

export default class ShellRunStatusCommand extends AeCommand<ShellRunStatus> {
  static override summary = 'Show the shell-run rule: State, schedule, target, next firings, and the last shell run.'
  static override examples = ['<%= config.bin %> shell-run status', '<%= config.bin %> shell-run status --json']

  async run() {
    const {flags} = await this.parse(ShellRunStatusCommand)
    const status = await shellRunStatus(await this.aws(flags), loadConfig({flag: flags.config}))
    if (!this.jsonEnabled()) this.log(formatStatus(status))
    return status
  }
}
