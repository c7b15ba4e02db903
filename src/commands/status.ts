import {Args} from '@oclif/core'
import {AeCommand} from '../base-command.js'
import {pipelineSession} from '../aws/session.js'
import {loadConfig} from '../config/load.js'
import {loadPipelineDefinition} from '../asl/pipeline-view.js'
import {holdCheck} from '../deploy/deploy.js'
import type {Hold} from '../holds/types.js'
import {pipelineStatus, type PipelineStatus} from '../status/pipeline-status.js'
import {formatDuration} from '../ui/duration.js'

type WithHolds = PipelineStatus & {holds: Hold[]}

export default class Status extends AeCommand<{pipelines: WithHolds[]; deployClear: boolean}> {
  static override summary = 'Show each pipeline: deployed or not, drift, running and recent executions, the shell-run rule.'
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status saturday --json']
  static override args = {pipeline: Args.string({description: 'Only this pipeline.'})}

  async run() {
    const {args, flags} = await this.parse(Status)
    const loaded = loadConfig({flag: flags.config})
    const clients = await this.aws(flags)
    const session = await pipelineSession(clients, loaded, args.pipeline)
    const now = new Date()
    const [statuses, gate] = await Promise.all([
      Promise.all(session.pipelines.map((p) => pipelineStatus(clients, p, session.stateMachineArn(p), loadPipelineDefinition(loaded, p).definition, now))),
      holdCheck(clients, loaded, session.pipelines.map((p) => p.name), now),
    ])
    const pipelines = statuses.map((s) => ({...s, holds: gate.holds.filter((h) => h.pipeline === s.pipeline || h.pipeline === '*')}))
    if (!this.jsonEnabled()) this.log(pipelines.map(render).join('\n\n'))
    return {pipelines, deployClear: gate.clear}
  }
}

function render(s: WithHolds): string {
  const lines = [`${s.pipeline}: ${s.stateMachineName}`]
  if (!s.deployed) lines.push(`  not deployed (run \`ae deploy ${s.pipeline}\`)`)
  else lines.push(`  definition: ${s.definitionMatches ? 'matches the shipped one' : 'DIFFERS from the shipped one (see `ae diff`)'}`)
  lines.push(`  running: ${s.running.length ? s.running.map((r) => r.name).join(', ') : 'none'}`)
  for (const r of s.recent) lines.push(`  ${r.status.padEnd(10)} ${r.name}  ${r.startDate ?? ''}  ${formatDuration(r.durationMs)}`)
  lines.push(s.holds.length ? '  holds:' : '  holds: none (deploy is clear)')
  for (const h of s.holds) lines.push(`    ${h.kind}${h.id ? ` ${h.id}` : ''}: ${h.reason} (lift: ${h.lift})`)
  if (s.shellRunRule) {
    const r = s.shellRunRule
    lines.push(`  shell-run rule ${r.name}: ${r.state ?? 'missing (run `ae deploy`)'}${r.scheduleExpression ? ` ${r.scheduleExpression}` : ''}${r.nextFiring ? `, next ${r.nextFiring}` : ''}`)
  }
  return lines.join('\n')
}
