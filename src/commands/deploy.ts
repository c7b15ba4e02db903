import {Args, Flags} from '@oclif/core'
import {AeCommand} from '../base-command.js'
import {loadConfig} from '../config/load.js'
import {deploy, holdCheck, type ApplyResult, type DeployOutcome, type StepRunner} from '../deploy/deploy.js'
import {formatPlan, formatResult, planSummary} from '../deploy/format.js'
import {formatGate} from '../holds/format.js'
import {confirm} from '../ui/prompt.js'
import {currentRenderer} from '../ui/tasks.js'
import {parseVars} from '../util/vars.js'

type HoldCheckResult = Awaited<ReturnType<typeof holdCheck>>
type DeployResult = ReturnType<typeof planSummary> & {status: DeployOutcome['status']; result?: ApplyResult}

export default class Deploy extends AeCommand<DeployResult | HoldCheckResult> {
  static override summary = 'Deploy the pipeline definitions and their rules, behind the holds.'
  static override description =
    'Renders, lints and validates each definition, shows a state-by-state diff against the live one, checks the gate (manual holds, live recoveries, running executions, freeze windows, the deploy lock), then under the deploy lock updates and publishes each state machine and syncs its rules without ever flipping a rule on or off. Exit 3 when a hold refuses.'
  static override examples = [
    '<%= config.bin %> deploy --dry-run',
    '<%= config.bin %> deploy saturday --yes',
    '<%= config.bin %> deploy --hold-check --json',
    '<%= config.bin %> deploy saturday --override-hold hold-20260518-1432-3f9a --reason "hotfix for the failing Parity state" --yes',
  ]
  static override strict = false
  static override args = {pipeline: Args.string({description: 'Pipelines to deploy (default: all configured).'})}
  static override flags = {
    'hold-check': Flags.boolean({description: 'Only run the gate: exit 0 when clear, 3 when held, listing each hold.', default: false}),
    'dry-run': Flags.boolean({description: 'Show the diff and the gate; change nothing.', default: false}),
    yes: Flags.boolean({char: 'y', description: 'Deploy without asking (needed without a terminal).', default: false}),
    var: Flags.string({description: 'Substitution KEY=VALUE, overriding the config (repeatable).', multiple: true, default: []}),
    'override-hold': Flags.string({description: 'Deploy despite this manual hold (repeatable); needs --reason, recorded on the hold.', multiple: true, default: []}),
    reason: Flags.string({description: 'Why the hold is overridden.'}),
    'break-stale-lock': Flags.boolean({description: 'Remove a deploy lock older than its TTL (its deploy died) before taking it.', default: false}),
  }

  async run() {
    const {argv, flags} = await this.parse(Deploy)
    const loaded = loadConfig({flag: flags.config})
    const clients = await this.aws(flags)
    const names = argv as string[]
    const json = this.jsonEnabled()
    if (flags['hold-check']) {
      const report = await holdCheck(clients, loaded, names)
      if (!json) this.log(formatGate(report, report.pipelines))
      if (!report.clear) this.exitAfterOutput(3)
      return report
    }
    const outcome = await deploy(
      clients,
      loaded,
      {
        names,
        vars: parseVars(flags.var),
        dryRun: flags['dry-run'],
        overrideIds: flags['override-hold'],
        ...(flags.reason === undefined ? {} : {overrideReason: flags.reason}),
        breakStaleLock: flags['break-stale-lock'],
      },
      {
        showPlan: (plan) => {
          if (!json) this.log(formatPlan(plan))
        },
        confirm: (plan) => confirm(`Deploy ${plan.pipelines.map((p) => p.pipeline).join(', ')} to account ${plan.target.account} (${plan.target.region})?`, {yes: flags.yes, json}),
        runSteps: listrRunner(json),
        interrupt: {notify: (m) => this.diag(m)},
      },
    )
    if (!json) {
      if (outcome.status === 'dry-run') this.log('\nDry run: nothing was changed.')
      else if (outcome.status === 'unchanged') this.log('\nNothing to deploy: definitions and rules match the live ones.')
      else if (outcome.result) this.log(`\n${formatResult(outcome.result)}`)
    }
    return {status: outcome.status, ...planSummary(outcome.plan), ...(outcome.result ? {result: outcome.result} : {})}
  }
}

/**
 * listr2 shows the steps on a terminal, plain lines in CI and pipes, nothing under --json. Its own
 * SIGINT listener is off: the deploy's handler releases the lock and exits 130.
 */
function listrRunner(json: boolean): StepRunner {
  return async (steps) => {
    const {Listr} = await import('listr2')
    const tasks = steps.map((s) => ({
      title: s.title,
      task: async (_ctx: unknown, task: {title: string}) => {
        const note = await s.run()
        if (note) task.title = `${s.title}: ${note}`
      },
    }))
    await new Listr(tasks, {renderer: currentRenderer(json), exitOnError: true, concurrent: false, registerSignalListeners: false}).run()
  }
}
