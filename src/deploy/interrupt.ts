// Ctrl-C while a deploy holds the lock: release it, then exit 130, so an interrupted deploy never
// leaves a fresh lock behind for the next operator to wait out. The handler exists only while the
// lock is held; before and after, Ctrl-C behaves as usual.

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
