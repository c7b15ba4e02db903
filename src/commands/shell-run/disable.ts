import {AeCommand} from '../../base-command.js'
import {loadConfig} from '../../config/load.js'
import {disableShellRun, type RuleView} from '../../shell-run/actions.js'
import {formatRule} from '../../shell-run/format.js'

export default class ShellRunDisable extends AeCommand<RuleView & {changed: boolean}> {
  static override summary = 'Disable the Friday shell-run rule.'
  static override examples = ['<%= config.bin %> shell-run disable', '<%= config.bin %> shell-run disable --json']

  async run() {
    const {flags} = await this.parse(ShellRunDisable)
    const view = await disableShellRun(await this.aws(flags), loadConfig({flag: flags.config}))
    if (!this.jsonEnabled()) {
      this.log(view.changed ? `Disabled ${view.rule}.` : `${view.rule} was already disabled.`)
      this.log(formatRule(view))
    }
    return view
  }
}
