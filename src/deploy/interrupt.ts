// Ctrl-C while a deploy (or a recovery's start) holds the lock: release it, then exit 130, so an
// interrupted command never leaves a fresh lock behind for the next operator to wait out. The
// handler exists only while the lock is held or being taken; before and after, Ctrl-C behaves as usual.
import {AeError, ExitCode} from '../errors.js'

export interface InterruptSource {
  on(event: 'SIGINT', listener: () => void): unknown
  off(event: 'SIGINT', listener: () => void): unknown
}

export interface InterruptOptions {
  /** Where SIGINT comes from (default the process); tests pass an EventEmitter. */
  source?: InterruptSource
  /** How to leave (default process.exit). */
  exit?: (code: number) => void
  /** A line for stderr before leaving. */
  notify?: (message: string) => void
}

export const INTERRUPTED_EXIT_CODE = 130

export function installInterruptRelease(release: () => Promise<unknown>, options: InterruptOptions = {}): () => void {
  const source = options.source ?? process
  const exit = options.exit ?? ((code: number) => process.exit(code))
  let fired = false
  const onSigint = () => {
    if (fired) return // a second Ctrl-C while releasing: keep releasing
    fired = true
    options.notify?.('Interrupted: releasing the deploy lock before exiting.')
    void release()
      .catch((error: unknown) => options.notify?.(`could not release the deploy lock: ${(error as Error).message}; it goes stale after its TTL`))
      .finally(() => exit(INTERRUPTED_EXIT_CODE))
  }
  source.on('SIGINT', onSigint)
  return () => {
    source.off('SIGINT', onSigint)
  }
}

export interface LockInterrupts {
  /** The lock acquisition in flight: a Ctrl-C during it releases the lock once it is taken. */
  acquiring(taking: Promise<unknown>): void
  /** About to change something: from now on Ctrl-C lets the work finish first. */
  commit(): void
  /** All the work, running: what a Ctrl-C after the commit waits for. */
  running(work: Promise<unknown>): void
  /** A step that, after a Ctrl-C before the commit, waits for the release and throws instead of running. */
  guard<T>(run: () => Promise<T>): () => Promise<T>
  uninstall(): void
}

/** For callers that leave Ctrl-C alone (library use, tests). */
export const NO_INTERRUPTS: LockInterrupts = {acquiring: () => {}, commit: () => {}, running: () => {}, guard: (run) => run, uninstall: () => {}}

/**
 * Ctrl-C during work under the deploy lock (a deploy, a recovery's start). Before the work changes
 * anything, it stops at the next step and the lock (also one being taken at that moment) is
 * released, then the process exits 130. Once it has begun changing things (override records,
 * switch-overs, the StartExecution), Ctrl-C lets it finish (tags, rules, the release) and then
 * exits 130: a definition switched without its tags and rules, or an override recorded for a
 * deploy that never happened, is worse than waiting a few seconds more.
 */
export function installLockInterrupts(release: () => Promise<unknown>, options: InterruptOptions = {}, what = 'the deploy'): LockInterrupts {
  const quiet = () => undefined
  let committed = false
  let taking: Promise<unknown> | undefined
  let work: Promise<unknown> = Promise.resolve()
  let stopped: Promise<unknown> | undefined
  const uninstall = installInterruptRelease(() => {
    if (committed) {
      options.notify?.(`${what} has already begun changing things: finishing it before exiting.`)
      return work.catch(quiet).then(release)
    }
    stopped = (async () => {
      await taking?.catch(quiet)
      await release()
    })()
    return stopped
  }, options)
  return {
    acquiring: (p) => void (taking = p),
    commit: () => void (committed = true),
    running: (p) => void (work = p),
    guard: (run) => async () => {
      if (stopped && !committed) {
        await stopped.catch(quiet)
        throw new Interrupted(what)
      }
      return run()
    },
    uninstall,
  }
}

/** Thrown by a guarded step after Ctrl-C; the interrupt handler exits 130 meanwhile. */
export class Interrupted extends AeError {
  constructor(what: string) {
    super('INTERRUPTED', `${what} was interrupted before it changed anything; the lock is released`, ExitCode.failed, ['Run it again when ready.'])
  }
}
