import {Plugin} from '@oclif/core'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {projectRoot} from './helpers/run-command.js'

// The committed manifest is what `ae --help` and command lookup read at startup without loading
// any command module; if it drifts from the sources, users see stale flags. `npm run build` regenerates it.
describe('oclif.manifest.json', () => {
  it('matches the commands and flags in src/commands (run `npm run build` to regenerate)', async () => {
    const plugin = new Plugin({root: projectRoot, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true})
    await plugin.load()
    const committed = JSON.parse(readFileSync(join(projectRoot, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>}
    const strip = (commands: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(commands).map(([id, c]) => {
        const {relativePath: _r, isESM: _e, ...rest} = c as Record<string, unknown>
        return [id, rest]
      }))
    expect(Object.keys(committed.commands).sort()).toEqual(Object.keys(plugin.manifest.commands).sort())
    expect(strip(committed.commands)).toEqual(strip(JSON.parse(JSON.stringify(plugin.manifest.commands)) as Record<string, unknown>))
  })
})
