import {Command, Errors, Flags, type Interfaces} from '@oclif/core'
import type {AwsClients} from './aws/clients.js'
import {AeError, ExitCode, isAeError} from './errors.js'
import {mapAwsError} from './aws/errors.js'
import {redactSecrets} from './ui/redact.js'

export type AeFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof AeCommand)['baseFlags'] & T['flags']>

/**
 * The one base command. It owns the shared flags, --json, and the single place where any error
 * becomes `{code, message, suggestions}` plus the documented exit code, under --json too (oclif's
 * default catch prints the error object and loses our code).
 */
export abstract class AeCommand<T> extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {
    region: Flags.string({description: 'AWS region (default: AWS_REGION, then the profile).', helpGroup: 'GLOBAL'}),
    profile: Flags.string({description: 'Shared-config profile, SSO profiles included (default: AWS_PROFILE).', helpGroup: 'GLOBAL'}),
    endpoint: Flags.string({
      description: 'AWS endpoint URL, e.g. the local endpoint from `ae local start` (default: AWS_ENDPOINT_URL).',
      helpGroup: 'GLOBAL',
    }),
    config: Flags.string({
      description: 'Path to ae.config.json (default: AE_CONFIG, ./ae.config.json, then the shipped config).',
      helpGroup: 'GLOBAL',
    }),
    verbose: Flags.boolean({description: 'Print diagnostics (AWS calls made) to stderr.', helpGroup: 'GLOBAL', default: false}),
  }

  abstract override run(): Promise<T>

  /** Set by a command whose result is complete but means failure (lint errors): printed, then this exit code. */
  private pendingExit: number | undefined

  protected exitAfterOutput(code: number): void {
    this.pendingExit = code
  }

  protected override async _run<R>(): Promise<R> {
    const result = await super._run<R>()
    if (this.pendingExit) throw new Errors.ExitError(this.pendingExit)
    return result
  }

  private clientsCache: AwsClients | undefined

  /** SDK clients from the shared flags; built once per command run, destroyed when it ends. */
  protected async aws(flags: {region?: string; profile?: string; endpoint?: string}): Promise<AwsClients> {
    if (!this.clientsCache) {
      const {createClients} = await import('./aws/clients.js')
      this.clientsCache = await createClients({region: flags.region, profile: flags.profile, endpoint: flags.endpoint})
    }
    return this.clientsCache
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    const clients = this.clientsCache
    if (clients) {
      const verbose = (this.argv ?? []).includes('--verbose')
      if (verbose) this.diag(`AWS calls: ${[...clients.calls].map(([k, n]) => `${k} x${n}`).join(', ') || 'none'}`)
      clients.destroy()
    }
    return super.finally(err)
  }

  /** Diagnostics go to stderr, under --json too (oclif's logToStderr is silent then), so stdout stays parseable. */
  protected diag(message: string): void {
    process.stderr.write(redactSecrets(message) + '\n')
  }

  override async catch(err: Error & {oclif?: {exit?: number}; exitCode?: number}): Promise<never> {
    if (err instanceof Errors.ExitError) throw err
    const e = withNextStep(toAeError(err))
    if (this.jsonEnabled()) {
      this.logJson({error: {code: e.code, message: redactSecrets(e.message), exitCode: e.exitCode, suggestions: e.suggestions, ...e.details}})
    } else {
      this.logToStderr(`Error: ${redactSecrets(e.message)}`)
      for (const s of e.suggestions) this.logToStderr(`  Next: ${redactSecrets(s)}`)
      if (e.code === 'INTERNAL' && err.stack && process.env.AE_DEBUG) this.logToStderr(err.stack)
    }
    throw new Errors.ExitError(e.exitCode)
  }
}

/** Every error says what to do next; these are the fallbacks for errors raised without one. */
const FALLBACK_NEXT: Record<number, string> = {
  1: 'Rerun with --verbose to see the AWS calls made.',
  2: 'See `ae <command> --help` for the flags and arguments.',
  3: 'Run `ae deploy --hold-check` and `ae status` to see what holds or guards apply.',
  4: 'Check the name: `ae pipelines list`, `ae executions list`.',
}

function withNextStep(e: AeError): AeError {
  if (e.suggestions.length > 0) return e
  const next = FALLBACK_NEXT[e.exitCode]
  return next ? new AeError(e.code, e.message, e.exitCode, [next], e.details) : e
}

/**
 * oclif's parse errors span lines ("The following error occurred:\n  Missing required flag from\nSee
 * more help with --help"); the one line worth printing is the one that names the problem.
 */
function parseErrorLine(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^The following error/.test(l) && !/^See more help/.test(l))
  return lines.join('; ') || message.trim()
}

/** Maps anything thrown to an AeError: ours pass through, oclif's parse errors are usage errors. */
export function toAeError(err: Error & {oclif?: {exit?: number}; exitCode?: number}): AeError {
  if (isAeError(err)) return err
  if ((err as {$metadata?: unknown}).$metadata !== undefined || /Credentials|Region is missing/.test(err.name + err.message)) return mapAwsError(err)
  const oclifExit = err.oclif?.exit
  if (oclifExit === 2 || err.name?.includes('Parse') || err.constructor?.name?.includes('Parse')) {
    return new AeError('USAGE', parseErrorLine(err.message ?? ''), ExitCode.usage, ['See `ae <command> --help` for the flags and arguments.'])
  }
  if (typeof oclifExit === 'number' && oclifExit > 0) {
    return new AeError('FAILED', (err.message ?? '').split('\n')[0] ?? '', oclifExit > 4 ? ExitCode.failed : (oclifExit as 1 | 2 | 3 | 4))
  }
  return new AeError('INTERNAL', `unexpected error: ${err.message ?? String(err)}`, ExitCode.failed, [
    'This is a bug in ae; rerun with AE_DEBUG=1 for the stack trace and report it.',
  ])
}
