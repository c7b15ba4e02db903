// The help screens oclif prints (root, topic, command), rendered from the committed manifests
// without loading oclif: its help path alone costs over twice a bare `node` start. The layout is
// oclif's own (@oclif/core 5 help/*.js), followed section by section, and test/startup checks the
// text against oclif's for every command at several widths. Anything outside the subset our
// manifests use (aliases, deprecations, flag relations, dynamic defaults) throws NotSupported and
// the caller hands the invocation to oclif instead.
import {indent, stripAnsi, widestLine, widthOf, wrap} from './wrap.js'

export interface ManifestFlag {
  name: string
  type: 'boolean' | 'option'
  char?: string
  summary?: string
  description?: string
  helpGroup?: string
  helpValue?: string | string[]
  helpLabel?: string
  multiple?: boolean
  options?: string[]
  default?: unknown
  required?: boolean
  hidden?: boolean
  allowNo?: boolean
  env?: string
  dependsOn?: string[]
  exclusive?: string[]
  combinable?: string[]
  relationships?: unknown
  deprecated?: unknown
}

export interface ManifestArg {
  name: string
  description?: string
  required?: boolean
  multiple?: boolean
  default?: unknown
  options?: string[]
  hidden?: boolean
}

export interface ManifestCommand {
  id: string
  summary?: string
  description?: string
  examples?: unknown[]
  usage?: unknown
  flags?: Record<string, ManifestFlag>
  args?: Record<string, ManifestArg>
  hidden?: boolean
  strict?: boolean
  aliases?: string[]
  hiddenAliases?: string[]
  state?: string
  deprecationOptions?: unknown
  deprecateAliases?: boolean
  hasDynamicHelp?: boolean
}

export interface Topic {
  name: string
  description?: string
  hidden?: boolean
}

export interface HelpModel {
  bin: string
  /** `ae-cli/0.1.0 linux-x64 node-v24.21.0`, as `--version` prints it. */
  userAgent: string
  /** The CLI's description (package.json). */
  description: string
  /** Every command of every plugin, in the order oclif loads them. */
  commands: ManifestCommand[]
  /** Topics oclif would know: declared ones and the prefixes of visible commands, first description wins. */
  topics: Topic[]
  width: number
  color: boolean
}

export class NotSupported extends Error {}

const unsupported = (what: string): never => {
  throw new NotSupported(what)
}

/** Help for `ae`, `ae <topic>` or `ae <command>` (ids use ':'); undefined when the subject is neither. */
export function renderHelp(model: HelpModel, subject: string | undefined): string | undefined {
  const h = new Renderer(model)
  if (!subject) return h.root()
  const command = model.commands.find((c) => c.id === subject)
  if (command) return h.command(command)
  const topic = model.topics.find((t) => t.name === subject)
  return topic ? h.topic(topic) : undefined
}

/** oclif's topic list: declared topics, then every prefix of a visible command id (first description wins). */
export function topicsOf(declared: Topic[], commands: ManifestCommand[]): Topic[] {
  const topics = new Map<string, Topic>()
  for (const t of declared) topics.set(t.name, {...topics.get(t.name), ...t})
  for (const c of commands.filter((c) => !c.hidden)) {
    const parts = c.id.split(':')
    while (parts.length > 0) {
      const name = parts.join(':')
      if (name && !topics.has(name)) topics.set(name, {name, description: c.summary || c.description})
      parts.pop()
    }
  }
  return [...topics.values()]
}

const sortBy = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
/** oclif keeps the last of duplicates. */
const uniqBy = <T>(items: T[], key: (t: T) => string) => items.filter((a, i) => items.every((b, j) => !(j > i && key(b) === key(a))))
const firstLine = (s: string) => s.split('\n', 1)[0] ?? ''
const spaced = (id: string) => id.replaceAll(':', ' ')
const lines = (s: string) => s.split(/\r\n|\n/)
/** The summary, a blank line, the description. */
const descriptionLines = (c: ManifestCommand) => (c.summary ? [...lines(`${c.summary}\n`), ...lines(c.description ?? '')] : lines(c.description ?? ''))

class Renderer {
  constructor(private readonly m: HelpModel) {}

  private bold = (s: string) => (this.m.color ? `\u001B[1m${s}\u001B[22m` : s)
  private underline = (s: string) => (this.m.color ? `\u001B[4m${s}\u001B[24m` : s)

  /** oclif renders every text as an EJS template; ours use only these two variables. */
  private render(text: string, commandId = ''): string {
    const out = text.replaceAll('<%= config.bin %>', this.m.bin).replaceAll('<%= command.id %>', commandId)
    if (out.includes('<%')) unsupported('an EJS template beyond config.bin and command.id')
    return out
  }

  private wrap(text: string, spacing = 2, id = ''): string {
    return wrap(this.render(text, id), this.m.width - spacing)
  }

  private section(header: string, body: string | Array<[string, string | undefined]>, id = ''): string {
    const text = typeof body === 'string' ? this.render(body, id) : this.list(body.map(([l, r]) => [this.render(l, id), r && this.render(r, id)]), 2, id)
    return [this.bold(header), indent(text, 2)].join('\n')
  }

  /** Two columns, the right one wrapped beside the widest left; over four continuation lines, stacked instead. */
  private list(rows: Array<[string, string | undefined]>, indentation: number, id = ''): string {
    if (rows.length === 0) return ''
    const stacked = () => {
      let out = ''
      for (const [left, right] of rows) {
        if (!left && !right) continue
        if (left) out += this.wrap(left.trim(), indentation, id)
        if (right) out += '\n' + indent(this.wrap(right.trim(), indentation + 2, id), 4)
        out += '\n\n'
      }
      return out.trim()
    }
    const max = widestLine(rows.map((r) => r[0]).join('\n'))
    let out = ''
    let cur = ''
    for (const [left, r] of rows) {
      if (cur) out += '\n' + cur
      cur = left || ''
      if (!r) {
        cur = cur.trim()
        continue
      }
      const [first, ...more] = this.wrap(r.trim(), indentation + max + 2, id)
        .split('\n')
        .map((s) => s.trim())
      cur += ' '.repeat(max - widthOf(cur) + 2) + first
      if (more.length === 0) continue
      if (more.length > 4) return stacked()
      cur += '\n' + indent(more.join('\n'), max + 2)
    }
    if (cur) out += '\n' + cur
    return out.trim()
  }

  private get visibleCommands(): ManifestCommand[] {
    return uniqBy(
      sortBy(
        this.m.commands.filter((c) => !c.hidden),
        (c) => c.id,
      ),
      (c) => c.id,
    )
  }

  /** A topic counts only if some topic name contains `<name>:` (oclif's test, substring and all). */
  private get visibleTopics(): Topic[] {
    const all = this.m.topics
    const withChildren = all.filter((t) => all.some((s) => s.name.includes(`${t.name}:`)))
    return uniqBy(
      sortBy(
        withChildren.filter((t) => !t.hidden),
        (t) => t.name,
      ),
      (t) => t.name,
    )
  }

  private summaryOf(c: ManifestCommand): string | undefined {
    if (c.summary) return this.render(firstLine(c.summary))
    return c.description === undefined ? undefined : firstLine(this.render(c.description))
  }

  private commandList(commands: ManifestCommand[]): string {
    if (commands.length === 0) return ''
    const body = this.list(
      commands.map((c) => [spaced(c.id), this.summaryOf(c) && stripAnsi(this.summaryOf(c)!)]),
      2,
    )
    return this.section('COMMANDS', body)
  }

  private topicList(topics: Topic[]): string {
    if (topics.length === 0) return ''
    const body = this.list(
      topics.map((t) => [spaced(t.name), t.description && this.render(firstLine(t.description))]),
      2,
    )
    return this.section('TOPICS', body)
  }

  private children(name: string) {
    const depth = name.split(':').length
    const child = (id: string) => id.startsWith(name + ':') && id.split(':').length === depth + 1
    return {topics: this.visibleTopics.filter((t) => child(t.name)), commands: this.visibleCommands.filter((c) => child(c.id))}
  }

  root(): string {
    const description = this.render(this.m.description)
    const rest = description.split('\n').slice(1).join('\n')
    const head = [
      firstLine(description),
      this.section('VERSION', this.wrap(this.m.userAgent)),
      this.section('USAGE', this.wrap(`$ ${this.m.bin} [COMMAND]`)),
      rest ? this.section('DESCRIPTION', this.wrap(rest)) : '',
    ]
      .filter(Boolean)
      .join('\n\n')
    let out = head + '\n\n'
    const topics = this.visibleTopics.filter((t) => !t.name.includes(':'))
    const commands = this.visibleCommands.filter((c) => c.id && !c.id.includes(':'))
    if (topics.length > 0) out += this.topicList(topics) + '\n\n'
    if (commands.length > 0) out += this.commandList(commands) + '\n\n'
    return out
  }

  topic(t: Topic): string {
    const description = this.render(t.description ?? '')
    const rest = description.split('\n').slice(1).join('\n')
    const head = [firstLine(description), this.section('USAGE', `$ ${this.m.bin} ${spaced(`${t.name}:COMMAND`)}`), rest ? this.section('DESCRIPTION', this.wrap(rest)) : '']
      .filter(Boolean)
      .join('\n\n')
    let out = head + '\n\n'
    const {topics, commands} = this.children(t.name)
    if (topics.length > 0) out += this.topicList(topics) + '\n\n'
    if (commands.length > 0) out += this.commandList(commands) + '\n\n'
    return out
  }

  command(c: ManifestCommand): string {
    if (c.aliases?.length || c.hiddenAliases?.length || c.state || c.deprecationOptions || c.hasDynamicHelp || c.usage !== undefined) unsupported('aliases, state, usage or dynamic help')
    const id = spaced(c.id)
    const flags = Object.entries(c.flags ?? {})
      .filter(([, f]) => !f.hidden)
      .map(([name, f]) => ({...f, name}))
    for (const f of flags) if (f.dependsOn || f.exclusive || f.combinable || f.relationships || f.helpLabel || f.summary || f.deprecated) unsupported(`flag --${f.name} uses a feature the fast path does not render`)
    const args = Object.values(c.args ?? {}).filter((a) => !a.hidden)
    const sorted = [...flags].sort((a, b) => {
      if (Boolean(a.char) !== Boolean(b.char)) return a.char ? -1 : 1
      const ka = `${a.char ?? ''}\u0000${a.name}`
      const kb = `${b.char ?? ''}\u0000${b.name}`
      return ka < kb ? -1 : ka > kb ? 1 : 0
    })
    const sections = [
      this.section('USAGE', this.usage(c, flags, args), id),
      this.argsSection(c, args, id),
      ...this.flagSections(sorted, id),
      c.description ? this.section('DESCRIPTION', this.wrap(descriptionLines(c).join('\n'), 2, id), id) : '',
      this.examples(c.examples, id),
    ]
    const summary = this.summaryOf(c)
    let out = summary ? `${summary}\n\n` : ''
    out += sections.filter(Boolean).join('\n\n') + '\n\n'
    const {topics, commands} = this.children(c.id)
    if (topics.length > 0) out += this.topicList(topics) + '\n\n'
    if (commands.length > 0) out += this.commandList(commands) + '\n\n'
    return out
  }

  private usageType(f: ManifestFlag, showOptions: boolean): string {
    if (f.type !== 'option') return ''
    const values = f.helpValue ? (typeof f.helpValue === 'string' ? [f.helpValue] : f.helpValue) : f.options ? [showOptions ? f.options.join('|') : '<option>'] : ['<value>']
    return values.map((v) => `${v}${f.multiple ? '...' : ''}`).join(' ')
  }

  /** docopts: the id, the args, required flags then optional ones in declaration order, split where oclif splits it. */
  private usage(c: ManifestCommand, flags: ManifestFlag[], args: ManifestArg[]): string {
    const suffix = (a: ManifestArg) => (a.multiple || c.strict === false ? '...' : '')
    const element = (f: ManifestFlag) => `${f.char ? `-${f.char}` : `--${f.name}`}${f.type === 'option' ? ` ${this.usageType(f, true)}` : ''}`
    const parts = [
      ...args.map((a) => (a.required ? `${a.name.toUpperCase()}${suffix(a)}` : `[${a.name.toUpperCase()}${suffix(a)}]`)),
      ...flags.filter((f) => f.required).map(element),
      ...flags.filter((f) => !f.required).map((f) => `[${element(f)}]`),
    ]
    // oclif measures and splits the line before the command id placeholder is rendered.
    const placeholder = '<%= command.id %>'
    const line = `$ ${this.m.bin} ${placeholder} ${parts.join(' ')}`.trim()
    const allowed = this.m.width - 2
    if (line.length > allowed) {
      const split = line.slice(0, Math.max(0, allowed)).lastIndexOf(' ')
      return line.slice(0, Math.max(0, split)) + '\n' + indent(this.wrap(line.slice(Math.max(0, split)), 4), 2)
    }
    return this.wrap(line, 2, spaced(c.id))
  }

  private argsSection(c: ManifestCommand, args: ManifestArg[], id: string): string {
    if (!args.some((a) => a.description)) return ''
    const rows = args.map((a): [string, string | undefined] => {
      let name = `${a.name.toUpperCase()}${a.multiple || c.strict === false ? '...' : ''}`
      name = a.required ? name : `[${name}]`
      let description = a.description || ''
      if (a.default) description = `[default: ${String(a.default)}] ${description}`
      if (a.options) description = `(${a.options.join('|')}) ${description}`
      return [name, description || undefined]
    })
    return this.section('ARGUMENTS', rows, id)
  }

  private flagSections(sorted: ManifestFlag[], id: string): string[] {
    const main = sorted.filter((f) => !f.helpGroup)
    const groups = new Map<string, ManifestFlag[]>()
    for (const f of sorted) if (f.helpGroup) groups.set(f.helpGroup, [...(groups.get(f.helpGroup) ?? []), f])
    const out: string[] = []
    if (main.length > 0) out.push(this.section('FLAGS', this.flagRows(main), id))
    for (const [name, flags] of groups) out.push(this.section(`${name.toUpperCase()} FLAGS`, this.flagRows(flags), id))
    return out
  }

  private flagRows(flags: ManifestFlag[]): Array<[string, string]> {
    const noChar = flags.every((f) => f.char === undefined)
    return flags.map((f) => {
      const labels = [f.char ? `-${f.char[0]}` : '  ', f.type === 'boolean' && f.allowNo ? `--[no-]${f.name.trim()}` : `--${f.name.trim()}`]
      let left = labels.join(f.char ? ', ' : '  ')
      if (f.type === 'option') {
        const value = this.usageType(f, false)
        left += `=${value.includes('|') ? value : this.underline(value)}`
      }
      if (noChar) left = left.replace('    ', '')
      let right = f.description || ''
      const meta: string[] = []
      if (f.type === 'option' && f.default) meta.push(`default: ${String(f.default)}`)
      if (f.env) meta.push(`env: ${f.env}`)
      if (meta.length > 0) right = `[${meta.join(', ')}] ${right}`
      if (f.required) right = `(required) ${right}`
      if (f.type === 'option' && f.options && !f.helpValue) right += `\n<options: ${f.options.join('|')}>`
      return [left, right.trim()]
    })
  }

  private examples(examples: unknown[] | undefined, id: string): string {
    if (!examples || examples.length === 0) return ''
    const body = examples
      .map((e) => {
        if (typeof e !== 'string' || e.includes('\n')) return unsupported('an example that is not a one-line string')
        const rendered = this.render(e, id)
        if (rendered.startsWith(this.m.bin)) return `$ ${rendered}`
        if (rendered.startsWith(`$ ${this.m.bin}`)) return `$${rendered.replace('$', '')}`
        return rendered
      })
      .join('\n\n')
    return this.section('EXAMPLES', body, id)
  }
}
