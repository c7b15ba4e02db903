// `npm run demo`: the README's main job on a fresh machine. Until `ae recover` lands it shows what
// ae derives from the shipped definitions: lint results and the Saturday workloads table.
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const steps: string[][] = [
  ['validate'],
  ['pipelines', 'show', 'saturday'],
]
for (const argv of steps) {
  process.stdout.write(`\n$ ae ${argv.join(' ')}\n`)
  const r = spawnSync(process.execPath, ['bin/dev.js', ...argv], {cwd: root, stdio: 'inherit'})
  if (r.status !== 0) process.exit(r.status ?? 1)
}
