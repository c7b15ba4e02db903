// `ae --version`, `ae --help` and `ae recover --help` start without the AWS SDK, the engine,
// listr2 or enquirer (proved by tracing the modules a real child process resolves), and the help
// they print without oclif is the help oclif prints, for every command and topic at several widths.
import {Config, Help} from '@oclif/core'
import {execFileSync} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fastPath, type FastPathIo} from '../src/startup/fast-path.js'
import {projectRoot} from './helpers/run-command.js'

const FORBIDDEN = [/\/node_modules\/@aws-sdk\//, /\/(src|dist)\/local\/engine\//, /\/node_modules\/listr2\//, /\/node_modules\/enquirer\//]

/** The package as installed: bin/run.js, package.json, the manifest, the fast path compiled, node_modules. */
function installedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ae-startup-'))
  for (const f of ['package.json', 'oclif.manifest.json']) cpSync(join(projectRoot, f), join(dir, f))
  mkdirSync(join(dir, 'bin'))
  cpSync(join(projectRoot, 'bin/run.js'), join(dir, 'bin/run.js'))
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'))
  // tsc follows the imports, so this compiles exactly what bin/run.js loads on the fast path.
  execFileSync(
    process.execPath,
    [join(projectRoot, 'node_modules/typescript/bin/tsc'), '--outDir', join(dir, 'dist'), '--rootDir', join(projectRoot, 'src'), '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2023', '--strict', '--skipLibCheck', '--types', 'node', join(projectRoot, 'src/startup/fast-path.ts')],
    {cwd: projectRoot, stdio: 'pipe'},
  )
  return dir
}

function traced(root: string, argv: string[]): {stdout: string; modules: string[]} {
  const traceFile = join(root, `trace-${argv.join('_') || 'none'}.txt`)
  const stdout = execFileSync(process.execPath, ['--import', join(projectRoot, 'test/helpers/trace-modules.mjs'), join(root, 'bin/run.js'), ...argv], {
    env: {...process.env, AE_TRACE_FILE: traceFile, OCLIF_COLUMNS: ''},
    encoding: 'utf8',
  })
  return {stdout, modules: readFileSync(traceFile, 'utf8').split('\n')}
}

describe('startup: what the cheap invocations load', () => {
  let root: string
  beforeAll(() => {
    root = installedCopy()
  }, 120_000)

  it.each([[['--version']], [['--help']], [['recover', '--help']]])('ae %j loads no AWS SDK, engine, listr2 or enquirer (nor oclif)', (argv) => {
    // When it runs in a child process with a module tracer
    const {stdout, modules} = traced(root, argv)
    // Then it printed its answer, and none of the heavy modules was even resolved
    expect(stdout).toMatch(argv[0] === '--version' ? /^ae-cli\/\d+\.\d+\.\d+ \S+-\S+ node-v\d+/ : /USAGE/)
    expect(modules.some((m) => m.includes('/dist/startup/fast-path.js'))).toBe(true)
    for (const pattern of FORBIDDEN) expect(modules.filter((m) => pattern.test(m))).toEqual([])
    expect(modules.filter((m) => m.includes('/node_modules/@oclif/core/'))).toEqual([])
  })

  it('hands everything else to oclif (a real command still runs)', () => {
    const {stdout, modules} = traced(root, ['recover', '--from', 'x', '--help'])
    expect(stdout).toMatch(/USAGE\n {2}\$ ae recover --from <value>/)
    expect(modules.some((m) => m.includes('/node_modules/@oclif/core/'))).toBe(true)
  })
})

/** oclif's own help, rendered in-process on a fresh config (its Help renames command ids as it goes). */
async function oclifHelp(argv: string[], width: number): Promise<string> {
  const config = await Config.load(projectRoot)
  const out: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write
  try {
    await new Help(config, {maxWidth: width}).showHelp(argv)
  } finally {
    process.stdout.write = write
  }
  return out.join('')
}

function fastHelp(argv: string[], width: number, tty = false): string | undefined {
  const out: string[] = []
  const io: FastPathIo = {write: (t) => out.push(t), env: {OCLIF_COLUMNS: String(width)}, stdout: {isTTY: tty, columns: width}, stderr: {isTTY: tty}}
  return fastPath(argv, projectRoot, io) ? out.join('') : undefined
}

describe('startup: the fast help is oclif help', () => {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>}
  const ids = Object.keys(manifest.commands)
  const topics = [...new Set(ids.filter((id) => id.includes(':')).map((id) => id.split(':')[0]!))]
  const subjects = [[], ...topics.map((t) => [t]), ...ids.map((id) => id.split(':')), ['help'], ['autocomplete']]

  it.each([80, 120, 50])('renders root, every topic and every command exactly as oclif does at width %i', async (width) => {
    for (const words of subjects) {
      const fast = fastHelp([...words, '--help'], width)
      expect(fast, `ae ${words.join(' ')} --help`).toBeDefined()
      expect(fast, `ae ${words.join(' ')} --help at ${width}`).toBe(await oclifHelp([...words, '--help'], width))
    }
  })

  it('answers `ae`, `ae help` and `ae help <command>` like `--help`', () => {
    expect(fastHelp([], 80)).toBe(fastHelp(['--help'], 80))
    expect(fastHelp(['help'], 80)).toBe(fastHelp(['--help'], 80))
    expect(fastHelp(['help', 'hold', 'place'], 80)).toBe(fastHelp(['hold', 'place', '--help'], 80))
  })

  it('prints the version line oclif prints', async () => {
    const out: string[] = []
    expect(fastPath(['--version'], projectRoot, {write: (t) => out.push(t), env: {}, stdout: {}, stderr: {}})).toBe(true)
    expect(out.join('')).toBe(`${(await Config.load(projectRoot)).userAgent}\n`)
  })

  it('bolds section headers on a terminal, as oclif does', () => {
    expect(fastHelp(['recover', '--help'], 80, true)).toMatch(/\u001B\[1mUSAGE\u001B\[22m/)
  })

  it.each([
    [['recover', '--from', 'x', '--help']],
    [['deploy', 'saturday', '--help']],
    [['no-such-command', '--help']],
    [['status']],
    [['help', '--nested-commands']],
    [['--help', '--', 'x']],
  ])('leaves %j to oclif', (argv) => {
    expect(fastHelp(argv, 80)).toBeUndefined()
  })
})
