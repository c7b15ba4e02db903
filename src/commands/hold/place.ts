import {Flags} from '@oclif/core'
import {AeCommand} from '../../base-command.js'
import {loadConfig} from '../../config/load.js'
import {placeHoldAs} from '../../holds/actions.js'
import type {ManualHold} from '../../holds/manual-holds.js'

export default class HoldPlace extends AeCommand<{hold: ManualHold}> {
  static override summary = 'Place a manual hold: deploys of the held pipelines are refused until it is released.'
  static override description = 'The hold is a JSON object in the holds bucket, recording who placed it (the STS caller) and why. Without --pipeline it holds every pipeline.'
  static override examples = [
    '<%= config.bin %> hold place --reason "recovery of 2026-05-16 in flight; deploy after it is green"',
    '<%= config.bin %> hold place --reason "SF topology change under review" --pipeline saturday --expires 24h --json',
  ]
  static override flags = {
    reason: Flags.string({description: 'Why deploys must wait.', required: true}),
    pipeline: Flags.string({description: 'Pipeline to hold (repeatable; default: all).', multiple: true, default: []}),
    expires: Flags.string({description: 'Lift the hold by itself after this long: 30m, 24h, 7d (default: never).'}),
  }

  async run() {
    const {flags} = await this.parse(HoldPlace)
    const hold = await placeHoldAs(await this.aws(flags), loadConfig({flag: flags.config}), {
      reason: flags.reason,
      pipelines: flags.pipeline,
      ...(flags.expires === undefined ? {} : {expires: flags.expires}),
    })
    if (!this.jsonEnabled()) {
      this.log(`Placed hold ${hold.id} on ${hold.pipelines.join(', ') || 'every pipeline'}${hold.expiresAt ? ` until ${hold.expiresAt}` : ''}.`)
      this.log(`Release it with: ae hold release ${hold.id} --reason "..."`)
    }
    return {hold}
  }
}
