import {Args, Flags} from '@oclif/core'
import {AeCommand} from '../../base-command.js'
import {loadConfig} from '../../config/load.js'
import {releaseHoldAs} from '../../holds/actions.js'
import type {ManualHold} from '../../holds/manual-holds.js'

export default class HoldRelease extends AeCommand<{hold: ManualHold}> {
  static override summary = 'Release a manual hold. The hold object stays, with the release recorded, for audit.'
  static override examples = ['<%= config.bin %> hold release hold-20260518-1432-3f9a --reason "recovery is green"']
  static override args = {id: Args.string({description: 'The hold id (see `ae hold list`).', required: true})}
  static override flags = {
    reason: Flags.string({description: 'Why the hold is lifted (recorded on the hold).'}),
  }

  async run() {
    const {args, flags} = await this.parse(HoldRelease)
    const hold = await releaseHoldAs(await this.aws(flags), loadConfig({flag: flags.config}), args.id, flags.reason === undefined ? {} : {reason: flags.reason})
    if (!this.jsonEnabled()) this.log(`Released hold ${hold.id} (${hold.reason}).`)
    return {hold}
  }
}
