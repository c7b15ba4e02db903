// bench/startup: wall time of `ae --version`, `ae --help` and `ae recover --help` (the built CLI,
// bin/run.js, in child processes) as a ratio to `node -e 0` measured in the same run, rounds
// interleaved so background load hits every command alike. `ae pipelines list` (full oclif start,
// no AWS) is printed for scale. Goals: --version at most 1.5x, the help screens at most 2.0x.
// Prints figures; asserts nothing. Run: npm run bench:startup [-- RUNS]
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {packageRoot} from '../src/util/package-root.js'

const RUNS = Number(process.argv[2] ?? 30)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

// The bench measures the built CLI: build it when dist is missing or older than the fast path's sources.
const built = join(packageRoot, 'dist/startup/fast-path.js')
const newestSource = Math.max(...readdirSync(join(packageRoot, 'src/startup')).map((f) => statSync(join(packageRoot, 'src/startup', f)).mtimeMs))
if (!existsSync(built) || statSync(built).mtimeMs < newestSource) {
  console.log('building dist (tsc -p tsconfig.build.json)...')
  spawnSync(process.execPath, [join(packageRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {cwd: packageRoot, stdio: 'inherit'})
}

const run = join(packageRoot, 'bin/run.js')
const cases: Array<{label: string; args: string[]; goal?: number}> = [
  {label: 'node -e 0', args: ['-e', '0']},
  {label: 'ae --version', args: [run, '--version'], goal: 1.5},
  {label: 'ae --help', args: [run, '--help'], goal: 2.0},
  {label: 'ae recover --help', args: [run, 'recover', '--help'], goal: 2.0},
  {label: 'ae pipelines list --json', args: [run, 'pipelines', 'list', '--json']},
]
const env = {...process.env, OCLIF_COLUMNS: ''}
const once = (args: string[]) => {
  const t = performance.now()
  execFileSync(process.execPath, args, {env, stdio: ['ignore', 'ignore', 'inherit']})
  return performance.now() - t
}

for (const c of cases) once(c.args) // warm the OS file cache and node's compile cache
const times = new Map(cases.map((c) => [c.label, [] as number[]]))
for (let i = 0; i < RUNS; i++) for (const c of cases) times.get(c.label)!.push(once(c.args))

const base = median(times.get('node -e 0')!)
console.log(`startup, median of ${RUNS} runs each (node ${process.version}, ${process.platform}-${process.arch})`)
for (const c of cases) {
  const m = median(times.get(c.label)!)
  const ratio = m / base
  const verdict = c.goal === undefined ? '' : ratio <= c.goal ? `  (goal <= ${c.goal.toFixed(1)}x: met)` : `  (goal <= ${c.goal.toFixed(1)}x: MISSED)`
  console.log(`  ${c.label.padEnd(26)} ${m.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}x${verdict}`)
}
