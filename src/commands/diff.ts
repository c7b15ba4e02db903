import {Args, Flags} from '@oclif/core'
import {AeCommand} from '../base-command.js'
import {loadConfig} from '../config/load.js'
import {formatPlan, planSummary} from '../deploy/format.js'
import {driftReport} from '../deploy/plan.js'
import {resolveTarget} from '../aws/target.js'
import {parseVars} from '../util/vars.js'

type DriftResult = Omit<ReturnType<typeof planSummary>, 'gate'> & {drift: boolean}

export default class Diff extends AeCommand<DriftResult> {
  static override summary = 'Show the drift between the shipped definitions and rules and the live ones.'
  static override description =
    'Renders each definition as `ae deploy` would and compares it state by state with the live state machine (added, removed and changed states and edges), and each rule in the rules file with the live rule and target. Changes nothing.'
  static override examples = ['<%= config.bin %> diff', '<%= config.bin %> diff saturday --json']
  static override strict = false
  static override args = {pipeline: Args.string({description: 'Pipelines to compare (default: all configured).'})}
  static override flags = {
    var: Flags.string({description: 'Substitution KEY=VALUE, overriding the config (repeatable).', multiple: true, default: []}),
  }

  async run() {
    const {argv, flags} = await this.parse(Diff)
    const loaded = loadConfig({flag: flags.config})
    const clients = await this.aws(flags)
    const plan = await driftReport(clients, loaded, argv as string[], parseVars(flags.var), await resolveTarget(clients))
    if (!this.jsonEnabled()) this.log(formatPlan(plan, {gate: false}) + (plan.changes ? '' : '\n\nNo drift: the live definitions and rules match the shipped ones.'))
    const {gate: _gate, ...summary} = planSummary(plan)
    return {drift: plan.changes, ...summary}
  }
}
