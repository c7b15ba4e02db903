import {Flags} from '@oclif/core'
import {AeCommand} from '../base-command.js'
import {loadConfig} from '../config/load.js'
import {usageError} from '../errors.js'
import {COMMAND_GRANTS} from '../security/iam-actions.js'
import {renderPolicy, type PolicyDocument} from '../security/policy.js'
import {policyTarget} from '../security/target.js'
import {suggest} from '../util/suggest.js'

export default class IamPolicy extends AeCommand<PolicyDocument> {
  static override summary = 'Print the least-privilege IAM policy for some ae commands.'
  static override description = 'From one table of API actions per command, scoped to the configured state machines, rules, roles and buckets. Default: every command. Region and account default to the session\'s (or * when there is none).'
  static override examples = ['<%= config.bin %> iam-policy --command recover --command executions:show', '<%= config.bin %> iam-policy --account 123456789012 --region us-east-1 > ae-operator-policy.json']
  static override flags = {
    command: Flags.string({description: 'A command id (recover, deploy, executions:show...), repeatable; default all.', multiple: true, default: []}),
    account: Flags.string({description: 'Account id for the resource ARNs (default: the caller\'s, or *).'}),
  }

  async run() {
    const {flags} = await this.parse(IamPolicy)
    const loaded = loadConfig({flag: flags.config})
    const known = Object.keys(COMMAND_GRANTS)
    for (const c of flags.command) {
      if (!known.includes(c)) {
        const near = suggest(c.replace(/ /g, ':'), known)
        throw usageError('UNKNOWN_COMMAND', `--command ${c} is not an ae command${near ? ` (did you mean ${near}?)` : ''}`, `Commands: ${known.join(', ')}.`)
      }
    }
    const target = policyTarget(loaded, {region: flags.region, account: flags.account})
    const policy = renderPolicy(flags.command.length ? flags.command : known, loaded.config, target)
    if (!this.jsonEnabled()) this.log(JSON.stringify(policy, null, 2))
    return policy
  }
}
