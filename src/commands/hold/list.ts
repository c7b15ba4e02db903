import {Flags} from '@oclif/core'
import {AeCommand} from '../../base-command.js'
import {loadConfig} from '../../config/load.js'
import {listHoldsIn} from '../../holds/actions.js'
import {formatHolds} from '../../holds/format.js'
import type {ListedHold} from '../../holds/manual-holds.js'

export default class HoldList extends AeCommand<{holds: ListedHold[]}> {
  static override summary = 'List the manual holds (the active ones, or --all for released and expired too).'
  static override examples = ['<%= config.bin %> hold list', '<%= config.bin %> hold list --all --json']
  static override flags = {
    all: Flags.boolean({description: 'Include released and expired holds, with their release and override records.', default: false}),
  }

  async run() {
    const {flags} = await this.parse(HoldList)
    const holds = await listHoldsIn(await this.aws(flags), loadConfig({flag: flags.config}), {all: flags.all})
    if (!this.jsonEnabled()) this.log(formatHolds(holds, flags.all))
    return {holds}
  }
}
