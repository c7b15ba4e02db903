#!/usr/bin/env node
// `ae --version` and the help screens are answered from package.json and the committed manifests
// (dist/startup/fast-path.js) without loading oclif, whose start alone costs several times a bare
// `node`; every other invocation, and any the fast path is unsure of, goes to oclif unchanged.
// The compile cache lets repeated runs skip recompiling oclif and the SDK.
import {enableCompileCache} from 'node:module'
import {fileURLToPath} from 'node:url'

enableCompileCache?.()
const fast = await import('../dist/startup/fast-path.js').catch(() => undefined)
if (!fast?.fastPath(process.argv.slice(2), fileURLToPath(new URL('..', import.meta.url)))) {
  // oclif's execute(), unrolled for one reason: plugin-not-found ends an unknown command with 127
  // (the shell's "command not found"); ae documents 2 for bad usage, and runbooks branch on it.
  const {flush, handle, run} = await import('@oclif/core')
  try {
    await run(process.argv.slice(2), import.meta.url)
    await flush()
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown))
    if (error.oclif?.exit === 127) error.oclif.exit = 2
    await handle(error)
  }
}
