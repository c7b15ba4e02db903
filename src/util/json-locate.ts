// Finds the offset of the first syntax error in JSON text. V8's JSON.parse messages stopped carrying
// a position for many errors, and an operator needs line:column. Only runs after JSON.parse failed.

export function firstJsonErrorOffset(text: string): number {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const fail = (): never => {
    throw i
  }
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail())
  const string = () => {
    i++ // opening quote
    while (i < text.length) {
      const c = text[i]!
      if (c === '"') return void i++
      if (c === '\\') {
        const e = text[i + 1]
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) (i += 2), fail()
          i += 6
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
        else (i += 1), fail()
      } else if (c.charCodeAt(0) < 0x20) fail()
      else i++
    }
    fail()
  }
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!m || m[0] === '-' || m[0] === '') fail()
    i += m![0].length
  }
  const value = (): void => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        if (text[i] !== '"') fail()
        string()
        ws()
        if (text[i] !== ':') fail()
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    }
    if (c === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    }
    if (c === '"') return string()
    if (c === 't') return void literal('true')
    if (c === 'f') return void literal('false')
    if (c === 'n') return void literal('null')
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number()
    fail()
  }
  try {
    value()
    ws()
    if (i < text.length) fail()
    return text.length
  } catch (offset) {
    if (typeof offset === 'number') return offset
    throw offset
  }
}
