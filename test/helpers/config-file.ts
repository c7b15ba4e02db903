// Writes a config file derived from the shipped one (absolute definition paths), for tests that
// need other recovery settings, allowed accounts or extra pipelines.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {SHIPPED_CONFIG} from '../../src/config/load.js'
import {packageRoot} from '../../src/util/package-root.js'

export function writeConfig(change: (config: Record<string, any>) => void): string {
  const config = JSON.parse(readFileSync(SHIPPED_CONFIG, 'utf8')) as Record<string, any>
  delete config.$schema
  config.rulesFile = resolve(packageRoot, config.rulesFile as string)
  for (const p of Object.values(config.pipelines as Record<string, {definition: string}>)) p.definition = resolve(packageRoot, p.definition)
  change(config)
  const path = join(mkdtempSync(join(tmpdir(), 'ae-config-')), 'ae.config.json')
  writeFileSync(path, JSON.stringify(config, null, 2))
  return path
}
