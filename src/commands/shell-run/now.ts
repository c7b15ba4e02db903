import {Flags} from '@oclif/core'
import {AeCommand} from '../../base-command.js'
import {loadConfig} from '../../config/load.js'
import {parseDuration} from '../../holds/manual-holds.js'
import type {StartedRun} from '../../runs/start.js'
import {startShellRunNow} from '../../shell-run/actions.js'

export default class ShellRunNow extends AeCommand<StartedRun> {
  static override summary = 'Start a shell run of the Saturday pipeline now (named shell-{date}-{n}).'
  static override description = 'Refused (exit 3) when the live definition lacks the shell-run gate or its defaults miss a skip flag: the run would do real work. With --wait, exits 1 unless it SUCCEEDED.'
  static override examples = ['<%= config.bin %> shell-run now', '<%= config.bin %> shell-run now --wait --json']
  static override flags = {
    wait: Flags.boolean({description: 'Follow the shell run until it ends.', default: false}),
    timeout: Flags.string({description: 'How long --wait waits: 30m, 2h.', default: '2h'}),
  }

  async run() {
    const {flags} = await this.parse(ShellRunNow)
    const started = await startShellRunNow(await this.aws(flags), loadConfig({flag: flags.config}), flags.wait ? {waitTimeoutMs: parseDuration(flags.timeout, '--timeout')} : {})
    if (!this.jsonEnabled()) {
      this.log(`Started shell run ${started.name}: ${started.executionArn}`)
      if (started.end) this.log(`${started.end.status}${started.end.error ? `: ${started.end.error}` : ''}`)
    }
    if (started.end && started.end.status !== 'SUCCEEDED') this.exitAfterOutput(1)
    return started
  }
}
