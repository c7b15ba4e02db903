// A recovery starts under the deploy lock. A deploy takes the lock, then re-checks for running
// executions, then switches the definition; a recovery that only looked at the lock before its
// StartExecution could check, let a deploy take the lock and re-check, and then start, leaving
// the deploy to switch definitions under a running recovery. Holding the same lock for the start
// makes the two exclusive (test/reliability/races.test.ts enumerates the interleavings). The lock
// is held for one StartExecution; another recovery holding it is waited out, a deploy refuses.
import type {S3Client} from '@aws-sdk/client-s3'
import type {HoldsConfig} from '../config/types.js'
import {installLockInterrupts, NO_INTERRUPTS, type InterruptOptions, type LockInterrupts} from '../deploy/interrupt.js'
import {isAeError, refusedError} from '../errors.js'
import {acquireLock, RECOVER_LOCK_COMMAND, releaseLock, type HeldLock, type LockBody} from '../holds/lock.js'

export interface StartLockOptions {
  holder: string
  pipelines: string[]
  /** How long to wait for other recoveries' starts (default 20 s). */
  waitMs?: number
  /** Ctrl-C handling while the lock is taken or held (the command passes the process's; library callers need not). */
  interrupt?: InterruptOptions
  /** Told what the caller should warn about: a stale lock left in place, a release that failed. */
  warn?: (message: string) => void
}

export async function withStartLock<T>(s3: S3Client, holds: HoldsConfig, options: StartLockOptions, start: () => Promise<T>): Promise<T> {
  let held: HeldLock | undefined
  const release = async () => {
    if (!held) return
    const lock = held
    held = undefined
    await releaseLock(s3, holds, lock)
  }
  const interrupts = options.interrupt ? installLockInterrupts(release, options.interrupt, 'the recovery start') : NO_INTERRUPTS
  try {
    const work = (async () => {
      await interrupts.guard(() => acquire(s3, holds, options, interrupts, (lock) => (held = lock)))()
      return interrupts.guard(async () => {
        interrupts.commit()
        return start()
      })()
    })()
    interrupts.running(work)
    return await work
  } finally {
    interrupts.uninstall()
    // The start stands whatever the release does: a lock left behind only delays deploys until its TTL.
    await release().catch((e: unknown) => options.warn?.(`could not release the deploy lock after starting: ${(e as Error).message}; it goes stale after its TTL`))
  }
}

/** Takes the lock, waiting out other recoveries' starts; a stale lock is left alone and not taken. */
async function acquire(s3: S3Client, holds: HoldsConfig, options: StartLockOptions, interrupts: LockInterrupts, onHeld: (lock: HeldLock) => void): Promise<void> {
  const deadline = Date.now() + (options.waitMs ?? 20_000)
  let pause = 50
  for (;;) {
    try {
      // onHeld runs in the acquisition's first callback, before an interrupt handler awaiting it releases.
      const taking = acquireLock(s3, holds, {holder: options.holder, pipelines: options.pipelines, command: RECOVER_LOCK_COMMAND, now: () => new Date()}).then((t) => onHeld(t.lock))
      interrupts.acquiring(taking)
      return await taking
    } catch (error) {
      if (!isAeError(error) || error.code !== 'DEPLOY_LOCKED') throw error
      const lock = error.details?.lock as (LockBody & {stale: boolean}) | undefined
      // A stale lock is a deploy that died: it never blocked a recovery, and breaking it is the
      // operator's call (`ae deploy --break-stale-lock`), so the start goes ahead without the lock.
      if (lock?.stale) {
        options.warn?.(`a stale deploy lock (held by ${lock.holder}) is past its TTL; it does not block a recovery`)
        return
      }
      if (lock?.command !== RECOVER_LOCK_COMMAND) {
        throw refusedError('DEPLOY_IN_PROGRESS', `a deploy is in progress: ${error.message}`, ['Wait for the deploy to finish, then rerun.'], error.details)
      }
      if (Date.now() > deadline) {
        throw refusedError('RECOVERY_STARTING', `another recovery is being started: ${error.message}`, ['Rerun in a minute; `ae executions list --status RUNNING` shows what started.'], error.details)
      }
      await new Promise((r) => setTimeout(r, pause + Math.floor(Math.random() * pause)))
      pause = Math.min(pause * 2, 1000)
    }
  }
}
