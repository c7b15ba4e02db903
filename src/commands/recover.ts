import {Flags} from '@oclif/core'
import {AeCommand} from '../base-command.js'
import {loadConfig} from '../config/load.js'
import type {RecoveryPlan} from '../recovery/plan.js'
import {recover} from '../recovery/recover.js'
import {confirm} from '../ui/prompt.js'
import {renderPlan} from '../ui/plan-view.js'

type Result = RecoveryPlan & {final?: {status: string; executionArn: string}}

export default class Recover extends AeCommand<Result> {
  static override summary = 'Plan and start a recovery that re-runs only what did not finish.'
  static override description = `Reads the failed execution, the lineage of earlier recoveries and the S3 resume keys, computes the minimal skip-set, verifies it by walking the live definition with the exact input, shows the plan, and starts the recovery (or a native redrive when that re-runs less).
Exit 0 started (or planned with --dry-run), 1 the --wait-ed recovery did not succeed, 2 bad input, 3 refused by a guard (running source, nothing to recover, poisoned evidence, unverified plan, deploy lock, account, a recovery already started), 4 not found.`
  static override examples = [
    '<%= config.bin %> recover --from latest-failed --dry-run',
    '<%= config.bin %> recover --from arn:aws:states:us-east-1:123456789012:execution:alpha-engine-saturday-pipeline:sat-2026-11-21 --yes --wait',
    '<%= config.bin %> recover --from history.json --definition asl/saturday-pipeline.asl.json --pipeline saturday --dry-run --json',
  ]
  static override flags = {
    from: Flags.string({description: 'The execution: ARN, name, latest, latest-failed, or an exported history file (with --definition).', required: true}),
    pipeline: Flags.string({description: 'Pipeline to look the execution up in (default: every configured pipeline).'}),
    definition: Flags.string({description: 'The definition the exported history ran (with --from FILE).'}),
    'dry-run': Flags.boolean({description: 'Plan and print; start nothing.', default: false}),
    yes: Flags.boolean({description: 'Start without asking (needed without a TTY).', default: false}),
    wait: Flags.boolean({description: 'Follow the recovery until it ends; exit 0 only if it SUCCEEDED.', default: false}),
    rerun: Flags.string({description: 'Force a workload, and everything downstream of it, to run (repeatable).', multiple: true, default: []}),
    strategy: Flags.string({description: 'rerun with skip flags, native redrive, or whichever re-runs less.', options: ['auto', 'rerun', 'redrive'], default: 'auto'}),
  }

  async run(): Promise<Result> {
    const {flags} = await this.parse(Recover)
    const loaded = loadConfig({flag: flags.config})
    const json = this.jsonEnabled()
    const {plan, calls} = await recover(
      {from: flags.from, pipeline: flags.pipeline, definition: flags.definition, dryRun: flags['dry-run'], rerun: flags.rerun, strategy: flags.strategy as 'auto'},
      {
        loaded,
        clients: () => this.aws(flags),
        confirm: async (p) => {
          if (!json) this.log(renderPlan(p) + '\n')
          await confirm(`Start ${p.strategy === 'redrive' ? 'the redrive' : p.executionName}?`, {yes: flags.yes, json})
        },
        interrupt: {notify: (m) => this.diag(m)},
      },
    )
    if (flags.verbose) this.diag(`SFN/S3/STS calls: ${calls}`)
    if (flags['dry-run'] || !plan.started) {
      if (!json) this.log(renderPlan(plan))
      if (plan.blocked.length > 0) this.exitAfterOutput(3)
      return plan
    }
    if (!json) this.log(`\nStarted ${plan.started.executionArn}`)
    if (!flags.wait) return plan
    const clients = await this.aws(flags)
    const {followWithView} = await import('../ui/follow-view.js')
    // Ctrl-C stops the wait, not the recovery: it keeps running, and the error says how to follow it.
    const stop = new AbortController()
    const onInterrupt = () => stop.abort()
    process.once('SIGINT', onInterrupt)
    const final = await followWithView(clients.sfn, plan.started.executionArn, {json, workloads: plan.run, signal: stop.signal}).finally(() => process.off('SIGINT', onInterrupt))
    if (!json) this.log(`${final.executionArn}: ${final.status}`)
    if (final.status !== 'SUCCEEDED') this.exitAfterOutput(1)
    return {...plan, final: {status: final.status, executionArn: final.executionArn}}
  }
}
