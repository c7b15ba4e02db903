import {AeCommand} from '../../base-command.js'
import {loadConfig} from '../../config/load.js'
import {enableShellRun, type RuleView} from '../../shell-run/actions.js'
import {formatRule} from '../../shell-run/format.js'

export default class ShellRunEnable extends AeCommand<RuleView & {changed: boolean}> {
  static override summary = 'Enable the Friday shell-run rule, after checking its wiring.'
  static override description =
    'Refuses (exit 3) unless the rule starts the Saturday state machine with {"shell_run": true} and the live definition has the shell-run gate with defaults covering every skip flag; a missing rule is exit 4 (run `ae deploy`). Prints the next three firings in UTC and local time.'
  static override examples = ['<%= config.bin %> shell-run enable', '<%= config.bin %> shell-run enable --json']

  async run() {
    const {flags} = await this.parse(ShellRunEnable)
    const view = await enableShellRun(await this.aws(flags), loadConfig({flag: flags.config}))
    if (!this.jsonEnabled()) {
      this.log(view.changed ? `Enabled ${view.rule}.` : `${view.rule} was already enabled.`)
      this.log(formatRule(view))
    }
    return view
  }
}
