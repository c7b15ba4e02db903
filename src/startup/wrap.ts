// Text layout for the help fast path, byte-compatible with what oclif's help does through
// wrap-ansi (hard wrap, trimmed), indent-string and widest-line, for the plain text our manifests
// hold. Kept separate so the help renderer reads as oclif's section logic and nothing else.

/** Display width: one column per code point (help text is ASCII and Latin punctuation). */
export const widthOf = (s: string): number => [...stripAnsi(s)].length

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[\d+m/g
export const stripAnsi = (s: string): string => s.replace(ANSI, '')

/** The widest line of a block. */
export const widestLine = (s: string): number => Math.max(0, ...s.split('\n').map(widthOf))

/** Prefixes every line that is not blank with `count` spaces. */
export const indent = (s: string, count: number): string => (count === 0 ? s : s.replace(/^(?!\s*$)/gm, ' '.repeat(count)))

/** Greedy word wrap at `columns`, words longer than a line broken hard, lines trimmed: wrap-ansi's {hard: true}. */
export function wrap(text: string, columns: number): string {
  return text
    .normalize()
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => wrapLine(line, columns))
    .join('\n')
}

function wrapLine(line: string, columns: number): string {
  if (line.trim() === '') return ''
  const words = line.split(' ')
  const rows = ['']
  const last = () => rows.length - 1
  for (const [index, word] of words.entries()) {
    rows[last()] = rows[last()]!.trimStart()
    let rowLength = widthOf(rows[last()]!)
    if (index !== 0 && rowLength > 0) {
      rows[last()] += ' '
      rowLength++
    }
    const length = widthOf(word)
    if (length > columns) {
      const remaining = columns - rowLength
      const breaksThisLine = 1 + Math.floor((length - remaining - 1) / columns)
      const breaksNextLine = Math.floor((length - 1) / columns)
      if (breaksNextLine < breaksThisLine) rows.push('')
      breakWord(rows, word, columns)
      continue
    }
    if (rowLength + length > columns && rowLength > 0 && length > 0) rows.push('')
    rows[last()] += word
  }
  return rows.map(trimEndSpaces).join('\n')
}

function breakWord(rows: string[], word: string, columns: number): void {
  const chars = [...word]
  let visible = widthOf(rows.at(-1)!)
  for (const [index, ch] of chars.entries()) {
    if (visible + 1 <= columns) rows[rows.length - 1] += ch
    else {
      rows.push(ch)
      visible = 0
    }
    visible += 1
    if (visible === columns && index < chars.length - 1) {
      rows.push('')
      visible = 0
    }
  }
  if (!visible && rows.at(-1)!.length > 0 && rows.length > 1) {
    const tail = rows.pop()!
    rows[rows.length - 1] += tail
  }
}

/** Drops trailing empty words (spaces) of a row, as wrap-ansi's trim does. */
function trimEndSpaces(row: string): string {
  const words = row.split(' ')
  let end = words.length
  while (end > 0 && widthOf(words[end - 1]!) === 0) end--
  return end === words.length ? row : words.slice(0, end).join(' ') + words.slice(end).join('')
}
