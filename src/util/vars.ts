import {usageError} from '../errors.js'

/** Parses repeated `--var KEY=VALUE` flags. */
export function parseVars(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw usageError('BAD_VAR', `--var ${pair} is not KEY=VALUE`, 'Write it as --var Name=value, e.g. --var AccountId=123456789012.')
    out[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return out
}
