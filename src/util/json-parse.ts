import {usageError} from '../errors.js'
import {firstJsonErrorOffset} from './json-locate.js'

/**
 * JSON.parse that reports where the text is broken as `file:line:column`, because "Unexpected
 * token at position 48213" in a 3,000-line definition tells an operator nothing.
 */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const at = lineColumn(text, firstJsonErrorOffset(text))
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '').replace(/, ".*" is not valid JSON$/s, '')
    throw usageError('INVALID_JSON', `${source}:${at.line}:${at.column}: invalid JSON: ${reason}`, `Fix the JSON in ${source} at line ${at.line}, column ${at.column}.`)
  }
}

export function lineColumn(text: string, offset: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return {line, column: offset - lineStart + 1}
}
