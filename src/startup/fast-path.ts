// `ae --version` and the help screens, answered before oclif loads. oclif's own start (config,
// plugins, its module graph) costs about four times a bare `node -e 0`, and a runbook or a shell
// completion asks for these often. Everything needed is on disk: package.json and the committed
// manifests. Whenever an invocation is not plainly one of these, or a manifest uses something the
// renderer does not cover, this returns false and bin/run.js hands the argv to oclif unchanged.
// Only node:fs, node:os and node:path are imported here, and nothing from src/ but the renderer.
import {readFileSync} from 'node:fs'
import {arch, release} from 'node:os'
import {join} from 'node:path'
import {NotSupported, renderHelp, topicsOf, type HelpModel, type ManifestCommand, type Topic} from './help-render.js'

interface PackageJson {
  name: string
  version?: string
  description?: string
  oclif?: {bin?: string; description?: string; plugins?: string[]; topics?: Record<string, {description?: string; hidden?: boolean; subtopics?: unknown}>; hooks?: Record<string, unknown>; additionalHelpFlags?: string[]; additionalVersionFlags?: string[]; helpClass?: unknown; helpOptions?: unknown; state?: string}
}

export interface FastPathIo {
  write: (text: string) => void
  env: NodeJS.ProcessEnv
  stdout: {isTTY?: boolean; columns?: number}
  stderr: {isTTY?: boolean}
}

const defaultIo = (): FastPathIo => ({write: (t) => process.stdout.write(t), env: process.env, stdout: process.stdout, stderr: process.stderr})

/** Answers argv when it is `--version` or a help request it can render; false: let oclif run it. */
export function fastPath(argv: string[], root: string, io: FastPathIo = defaultIo()): boolean {
  let pjson: PackageJson
  try {
    pjson = readJson<PackageJson>(join(root, 'package.json'))
  } catch {
    return false
  }
  const oclif = pjson.oclif ?? {}
  // Flags, hooks or a help class of our own would change what oclif prints: leave those to it.
  if (oclif.additionalHelpFlags?.length || oclif.additionalVersionFlags?.length || oclif.helpClass || oclif.helpOptions || oclif.state || oclif.hooks?.init) return false
  const userAgent = `${pjson.name}/${pjson.version ?? '0.0.0'} ${platformName()}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}`
  if (argv[0] === '--version') {
    io.write(userAgent + '\n')
    return true
  }
  const subject = helpSubject(argv)
  if (subject === false) return false
  try {
    const model = loadModel(root, pjson, userAgent, io)
    if (!model) return false
    if (subject.help && !model.commands.some((c) => c.id === 'help')) return false
    const text = renderHelp(model, subject.words.join(':') || undefined)
    if (text === undefined) return false
    io.write(text)
    return true
  } catch (error) {
    if (error instanceof NotSupported || error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}

/**
 * The words naming what help is asked for: `ae`, `ae --help`, `ae <words> --help`, `ae help <words>`.
 * Anything with other flags, `--`, or values goes to oclif (it decides where the id ends).
 */
function helpSubject(argv: string[]): {words: string[]; help: boolean} | false {
  if (argv.length === 0) return {words: [], help: false}
  const plain = (a: string) => /^[a-z0-9][a-z0-9-]*$/i.test(a) && a !== 'help'
  if (argv.includes('--help')) {
    const words = argv.filter((a) => a !== '--help')
    // oclif reads `ae help X --help` as help for X
    if (words[0] === 'help') words.shift()
    return words.every(plain) ? {words, help: false} : false
  }
  if (argv[0] === 'help') {
    const words = argv.slice(1)
    return words.every(plain) ? {words, help: true} : false
  }
  return false
}

function loadModel(root: string, pjson: PackageJson, userAgent: string, io: FastPathIo): HelpModel | undefined {
  const commands: ManifestCommand[] = []
  const declared: Topic[] = []
  const plugins: Array<{dir: string; pjson: PackageJson}> = [{dir: root, pjson}]
  for (const name of pjson.oclif?.plugins ?? []) {
    const dir = join(root, 'node_modules', ...name.split('/'))
    plugins.push({dir, pjson: readJson<PackageJson>(join(dir, 'package.json'))})
  }
  for (const p of plugins) {
    if (p.pjson.oclif?.hooks?.init) return undefined
    const manifest = readJson<{commands: Record<string, ManifestCommand>}>(join(p.dir, 'oclif.manifest.json'))
    for (const c of Object.values(manifest.commands)) {
      if (commands.some((d) => d.id === c.id)) return undefined // oclif picks by plugin priority
      commands.push(c)
    }
    for (const [name, t] of Object.entries(p.pjson.oclif?.topics ?? {})) {
      if (t.subtopics) return undefined
      declared.push({name, ...(t.description ? {description: t.description} : {}), ...(t.hidden ? {hidden: true} : {})})
    }
  }
  return {
    bin: pjson.oclif?.bin ?? pjson.name,
    userAgent,
    description: pjson.oclif?.description ?? pjson.description ?? '',
    commands,
    topics: topicsOf(declared, commands),
    width: terminalWidth(io),
    color: colorOn(io),
  }
}

/** oclif's width: OCLIF_COLUMNS, else the terminal's (at least 40), else 80 when not a terminal. */
function terminalWidth(io: FastPathIo): number {
  const forced = Number.parseInt(io.env.OCLIF_COLUMNS ?? '', 10)
  if (forced) return forced
  if (!io.stdout.isTTY) return 80
  const width = io.stdout.columns ?? 0
  if (width < 1) return 80
  return Math.max(40, width)
}

/** Bold headers and underlined values only where oclif would colour: both streams terminals, not disabled. */
function colorOn(io: FastPathIo): boolean {
  if ('NO_COLOR' in io.env) return false
  const force = io.env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force !== 'false'
  return Boolean(io.stdout.isTTY && io.stderr.isTTY) && io.env.TERM !== 'dumb'
}

/** oclif reports WSL as its own platform. */
function platformName(): string {
  if (process.platform !== 'linux') return process.platform
  if (release().toLowerCase().includes('microsoft')) return 'wsl'
  try {
    return readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft') ? 'wsl' : 'linux'
  } catch {
    return 'linux'
  }
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T
