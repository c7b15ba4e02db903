// Runs an oclif command in-process and captures what it prints, the way a runbook sees it:
// stdout, stderr, the exit code, and stdout parsed as JSON when it is JSON.
import {Errors} from '@oclif/core'
import {fileURLToPath} from 'node:url'

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface CommandOutcome {
  stdout: string
  stderr: string
  exitCode: number
  json: unknown
}

interface Runnable {
  run(argv?: string[], opts?: string): Promise<unknown>
}

export interface RunOptions {
  env?: Record<string, string | undefined>
  /** Sees stdout as it is written, for a command that keeps running (ae local start). */
  onStdout?: (chunk: string) => void
}

export async function runCommand(Cmd: Runnable, argv: string[], options: RunOptions = {}): Promise<CommandOutcome> {
  const out: string[] = []
  const err: string[] = []
  const origOut = process.stdout.write.bind(process.stdout)
  const origErr = process.stderr.write.bind(process.stderr)
  const savedEnv: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(options.env ?? {})) {
    savedEnv[k] = process.env[k]
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), options.onStdout?.(String(chunk)), true)) as typeof process.stdout.write
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write
  let exitCode = 0
  try {
    await Cmd.run(argv, projectRoot)
  } catch (error) {
    if (error instanceof Errors.ExitError) exitCode = error.oclif.exit ?? 1
    else {
      exitCode = -1
      err.push(`UNCAUGHT ${(error as Error).stack ?? String(error)}`)
    }
  } finally {
    process.stdout.write = origOut
    process.stderr.write = origErr
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
  const stdout = out.join('')
  let json: unknown
  try {
    json = JSON.parse(stdout)
  } catch {
    json = undefined
  }
  return {stdout, stderr: err.join(''), exitCode, json}
}
