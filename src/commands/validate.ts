import {Args, Flags} from '@oclif/core'
import {relative} from 'node:path'
import {AeCommand} from '../base-command.js'
import {loadConfig} from '../config/load.js'
import {validateTargets, validationTargets, type FileReport} from '../asl/validate-files.js'
import {parseVars} from '../util/vars.js'

export default class Validate extends AeCommand<{files: FileReport[]; errors: number; warnings: number}> {
  static override summary = 'Lint state machine definitions with ae\'s rules.'
  static override description = 'Renders each definition with its pipeline\'s substitutions and runs the lint rules: dangling targets, unreachable states, branch isolation, shell-run defaults, gate shape, unbounded poll loops, task timeouts. Exit 1 when any rule reports an error.'
  static override examples = ['<%= config.bin %> validate', '<%= config.bin %> validate asl/saturday-pipeline.asl.json --json']
  static override strict = false
  static override args = {file: Args.string({description: 'Definition files (default: every configured pipeline\'s definition).'})}
  static override flags = {
    var: Flags.string({description: 'Substitution KEY=VALUE, overriding the config (repeatable).', multiple: true, default: []}),
  }

  async run() {
    const {argv, flags} = await this.parse(Validate)
    const loaded = loadConfig({flag: flags.config})
    const reports = validateTargets(validationTargets(loaded, argv as string[], parseVars(flags.var)))
    const errors = reports.reduce((n, r) => n + r.errors, 0)
    const warnings = reports.reduce((n, r) => n + r.warnings, 0)
    if (!this.jsonEnabled()) this.log(render(reports, errors, warnings))
    if (errors > 0) this.exitAfterOutput(1)
    return {files: reports, errors, warnings}
  }
}

function render(reports: FileReport[], errors: number, warnings: number): string {
  const lines: string[] = []
  for (const r of reports) {
    const name = relative(process.cwd(), r.file) || r.file
    lines.push(`${r.errors ? 'FAIL' : 'ok  '} ${name}${r.pipeline ? ` (${r.pipeline})` : ''}`)
    for (const d of r.diagnostics) lines.push(`     ${d.severity.padEnd(7)} ${d.id.padEnd(22)} ${d.state ? d.state + ': ' : ''}${d.message}`)
  }
  lines.push(`${reports.length} file(s): ${errors} error(s), ${warnings} warning(s)`)
  return lines.join('\n')
}
