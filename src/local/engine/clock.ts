// The engine's notion of time. Time moves only when something sleeps on the clock (Wait states,
// retry intervals, simulated task durations); it never drifts with real time in between, so a
// 7-hour pipeline runs in milliseconds and its history still reads like the real one.
//
// The clock is a discrete-event scheduler: pending sleeps are timers ordered by due time (then by
// creation). When nothing else can run (checked on setImmediate, after the microtask queue has
// drained), it advances `now` to the earliest due timer and wakes every timer due at that instant.
// With timeScale 0 that happens at once; with timeScale > 0 the clock first waits the scaled real
// time. One clock serves every execution of an endpoint, so concurrent executions and Parallel
// branches wake in virtual-time order.
import type {Clock} from './api.js'

export interface VirtualClockOptions {
  /** Real milliseconds per virtual millisecond: 0 runs instantly, 1 in real time, 0.001 1000x faster. */
  timeScale: number
  /** The virtual time the clock starts at; default the real current time. */
  start?: Date | number
}

export interface VirtualClock extends Clock {
  readonly timeScale: number
  /** How many sleeps are waiting: for tests and diagnostics. */
  pending(): number
  /**
   * Keeps time from moving on while real work is under way (a task handler doing I/O): timers due
   * now still fire, later ones wait. Returns the release function (calling it twice is harmless).
   */
  hold(): () => void
}

/** The hold of a clock that has one (a VirtualClock); a no-op for any other Clock. */
export function holdClock(clock: Clock): () => void {
  const hold = (clock as Partial<VirtualClock>).hold
  return typeof hold === 'function' ? hold.call(clock) : () => {}
}

const MAX_TIMEOUT_MS = 2_147_483_647

interface Timer {
  due: number
  seq: number
  resolve: () => void
  reject: (reason: unknown) => void
  cleanup?: () => void
  settled: boolean
}

export function createVirtualClock(options: VirtualClockOptions): VirtualClock {
  return new Scheduler(options)
}

class Scheduler implements VirtualClock {
  readonly timeScale: number
  private current: number
  private seq = 0
  private readonly heap = new TimerHeap()
  private tickScheduled = false
  private holds = 0
  // Scaled mode: the real wait in progress towards `waitTarget`, started at real time `waitStartReal`.
  private realTimer: NodeJS.Timeout | undefined
  private waitTarget = 0
  private waitStartReal = 0
  private waitStartVirtual = 0

  constructor(options: VirtualClockOptions) {
    const scale = Number(options.timeScale)
    this.timeScale = Number.isFinite(scale) && scale > 0 ? scale : 0
    const start = options.start === undefined ? Date.now() : new Date(options.start).getTime()
    this.current = Number.isFinite(start) ? start : Date.now()
  }

  // Virtual time stands still between sleeps, so a run of events shares one Date (nobody mutates
  // them): one allocation per instant instead of one per event.
  private lastNow: Date | undefined

  now(): Date {
    const ms = this.nowMs()
    if (this.lastNow === undefined || this.lastNow.getTime() !== ms) this.lastNow = new Date(ms)
    return this.lastNow
  }

  pending(): number {
    return this.heap.size
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {due: this.nowMs() + delay, seq: this.seq++, resolve, reject, settled: false}
      if (signal !== undefined) {
        const onAbort = (): void => {
          if (timer.settled) return
          timer.settled = true
          this.heap.remove(timer)
          reject(signal.reason)
          this.schedule()
        }
        signal.addEventListener('abort', onAbort, {once: true})
        timer.cleanup = () => signal.removeEventListener('abort', onAbort)
      }
      this.heap.push(timer)
      this.schedule()
    })
  }

  hold(): () => void {
    this.holds++
    let released = false
    return () => {
      if (released) return
      released = true
      this.holds--
      this.schedule()
    }
  }

  private nowMs(): number {
    if (this.realTimer === undefined) return this.current
    // A scaled real wait is under way: virtual time flows with it, up to its target.
    const elapsed = (Date.now() - this.waitStartReal) / this.timeScale
    return Math.min(this.waitTarget, Math.max(this.current, this.waitStartVirtual + elapsed))
  }

  private schedule(): void {
    if (this.tickScheduled) return
    if (this.heap.size === 0) {
      this.cancelRealWait()
      return
    }
    this.tickScheduled = true
    setImmediate(() => {
      this.tickScheduled = false
      this.tick()
    })
  }

  private tick(): void {
    const first = this.heap.peek()
    if (first === undefined) {
      this.cancelRealWait()
      return
    }
    if (first.due <= this.nowMs()) {
      this.cancelRealWait()
      this.fireUpTo(this.current)
      return
    }
    // Held: only timers already due may fire; the release reschedules.
    if (this.holds > 0) {
      this.cancelRealWait()
      return
    }
    if (this.timeScale === 0) {
      this.fireUpTo(first.due)
      return
    }
    // Scaled mode: wait the real time to the earliest timer. An earlier timer added meanwhile
    // re-plans the wait; virtual time keeps the progress made so far.
    if (this.realTimer !== undefined && this.waitTarget === first.due) return
    const now = this.nowMs()
    this.cancelRealWait()
    this.current = now
    this.waitTarget = first.due
    this.waitStartReal = Date.now()
    this.waitStartVirtual = now
    const realDelay = Math.max(0, (first.due - now) * this.timeScale)
    // setTimeout cannot wait longer than 2^31-1 ms; a longer wait is taken in several steps.
    const clamped = realDelay > MAX_TIMEOUT_MS
    this.realTimer = setTimeout(
      () => {
        const reached = this.nowMs()
        this.realTimer = undefined
        if (clamped) {
          this.current = reached
          this.tick()
        } else {
          this.fireUpTo(Math.max(this.current, this.waitTarget))
        }
      },
      clamped ? MAX_TIMEOUT_MS : realDelay,
    )
  }

  private fireUpTo(instant: number): void {
    this.current = instant
    const due: Timer[] = []
    for (let t = this.heap.peek(); t !== undefined && t.due <= instant; t = this.heap.peek()) {
      this.heap.pop()
      due.push(t)
    }
    for (const t of due) {
      if (t.settled) continue
      t.settled = true
      t.cleanup?.()
      t.resolve()
    }
    this.schedule()
  }

  private cancelRealWait(): void {
    if (this.realTimer === undefined) return
    this.current = this.nowMs()
    clearTimeout(this.realTimer)
    this.realTimer = undefined
  }
}

/** A binary min-heap of timers by (due, seq), with removal for aborted sleeps. */
class TimerHeap {
  private readonly items: Timer[] = []
  private readonly index = new Map<Timer, number>()

  get size(): number {
    return this.items.length
  }

  peek(): Timer | undefined {
    return this.items[0]
  }

  push(timer: Timer): void {
    this.items.push(timer)
    this.index.set(timer, this.items.length - 1)
    this.up(this.items.length - 1)
  }

  pop(): Timer | undefined {
    const top = this.items[0]
    if (top !== undefined) this.removeAt(0)
    return top
  }

  remove(timer: Timer): void {
    const at = this.index.get(timer)
    if (at !== undefined) this.removeAt(at)
  }

  private removeAt(at: number): void {
    const removed = this.items[at] as Timer
    const last = this.items.pop() as Timer
    this.index.delete(removed)
    if (at === this.items.length) return
    this.items[at] = last
    this.index.set(last, at)
    this.down(at)
    this.up(at)
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a] as Timer
    const y = this.items[b] as Timer
    return x.due !== y.due ? x.due < y.due : x.seq < y.seq
  }

  private swap(a: number, b: number): void {
    const x = this.items[a] as Timer
    const y = this.items[b] as Timer
    this.items[a] = y
    this.items[b] = x
    this.index.set(y, a)
    this.index.set(x, b)
  }

  private up(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (!this.less(at, parent)) return
      this.swap(at, parent)
      at = parent
    }
  }

  private down(at: number): void {
    for (;;) {
      const left = 2 * at + 1
      const right = left + 1
      let smallest = at
      if (left < this.items.length && this.less(left, smallest)) smallest = left
      if (right < this.items.length && this.less(right, smallest)) smallest = right
      if (smallest === at) return
      this.swap(at, smallest)
      at = smallest
    }
  }
}
