// Loaded with `node --import` in a child process: records the URL of every module resolved, ESM
// and CommonJS alike, and writes them to the file named by AE_TRACE_FILE when the process exits.
// test/startup.test.ts uses it to prove what `ae --version` and the help screens load.
import {writeFileSync} from 'node:fs'
import {registerHooks} from 'node:module'

const seen = new Set()
registerHooks({
  resolve(specifier, context, next) {
    const resolved = next(specifier, context)
    seen.add(resolved.url)
    return resolved
  },
})
process.on('exit', () => writeFileSync(process.env.AE_TRACE_FILE, [...seen].join('\n')))
