import {describe, expect, it} from 'vitest'
import type {StateMachineDefinition} from '../../../src/asl/types.js'
import {createVirtualClock, startExecution} from '../../../src/local/engine/index.js'

const START = Date.parse('2026-03-01T00:00:00Z')

describe('virtual clock at timeScale 0', () => {
  it('wakes concurrent sleepers in virtual-time order, whatever order they slept in', async () => {
    // Given a clock and three sleepers registered longest first
    const clock = createVirtualClock({timeScale: 0, start: START})
    const woke: Array<[string, number]> = []
    const sleeper = (name: string, ms: number) => clock.sleep(ms).then(() => woke.push([name, clock.now().getTime() - START]))
    // When they all sleep at once
    await Promise.all([sleeper('slow', 3000), sleeper('fast', 1000), sleeper('middle', 2000)])
    // Then each woke at its own due time, earliest first
    expect(woke).toEqual([
      ['fast', 1000],
      ['middle', 2000],
      ['slow', 3000],
    ])
  })

  it('wakes every sleeper due at the same instant together, in the order they slept', async () => {
    const clock = createVirtualClock({timeScale: 0, start: START})
    const woke: string[] = []
    await Promise.all(['a', 'b', 'c'].map((name) => clock.sleep(500).then(() => woke.push(`${name}@${clock.now().getTime() - START}`))))
    expect(woke).toEqual(['a@500', 'b@500', 'c@500'])
  })

  it('orders sleeps that are chained after earlier ones against independent ones', async () => {
    // Given one sleeper that sleeps 1 s three times and another that sleeps 2.5 s once
    const clock = createVirtualClock({timeScale: 0, start: START})
    const log: string[] = []
    const chain = (async () => {
      for (let i = 1; i <= 3; i++) {
        await clock.sleep(1000)
        log.push(`chain ${clock.now().getTime() - START}`)
      }
    })()
    const single = clock.sleep(2500).then(() => log.push(`single ${clock.now().getTime() - START}`))
    // When both run
    await Promise.all([chain, single])
    // Then the single sleeper wakes between the chain's second and third steps
    expect(log).toEqual(['chain 1000', 'chain 2000', 'single 2500', 'chain 3000'])
  })

  it('does not move time for anything but sleeps', async () => {
    const clock = createVirtualClock({timeScale: 0, start: START})
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(clock.now().getTime()).toBe(START)
  })

  it('rejects an aborted sleep with the signal reason and forgets its timer', async () => {
    // Given a long sleep and a short one
    const clock = createVirtualClock({timeScale: 0, start: START})
    const controller = new AbortController()
    const long = clock.sleep(60_000, controller.signal)
    // When the long one is aborted
    controller.abort(new Error('stopped'))
    // Then it rejects with the reason, and time never reaches its due time
    await expect(long).rejects.toThrow('stopped')
    await clock.sleep(10)
    expect(clock.now().getTime() - START).toBe(10)
    expect(clock.pending()).toBe(0)
  })

  it('rejects at once when the signal is already aborted', async () => {
    const clock = createVirtualClock({timeScale: 0, start: START})
    const controller = new AbortController()
    controller.abort(new Error('already'))
    await expect(clock.sleep(5, controller.signal)).rejects.toThrow('already')
  })

  it('keeps time still while held, then moves on when released', async () => {
    // Given a sleeper and a hold taken before the clock could advance
    const clock = createVirtualClock({timeScale: 0, start: START})
    const release = clock.hold()
    let woke = false
    const sleeping = clock.sleep(1000).then(() => (woke = true))
    // When real time passes under the hold
    await new Promise((resolve) => setTimeout(resolve, 20))
    // Then the sleeper is still asleep, until the hold is released
    expect(woke).toBe(false)
    release()
    await sleeping
    expect(clock.now().getTime() - START).toBe(1000)
  })

  it('still wakes zero-length sleeps while held (they do not move time)', async () => {
    const clock = createVirtualClock({timeScale: 0, start: START})
    const release = clock.hold()
    await clock.sleep(0)
    expect(clock.now().getTime()).toBe(START)
    release()
  })
})

describe('virtual clock at timeScale > 0', () => {
  it('wakes sleepers in order and advances virtual time by their length', async () => {
    // Given a clock 1000x faster than real time
    const clock = createVirtualClock({timeScale: 0.001, start: START})
    const woke: string[] = []
    // When two sleepers sleep 20 s and 10 s of virtual time
    await Promise.all([clock.sleep(20_000).then(() => woke.push('b')), clock.sleep(10_000).then(() => woke.push('a'))])
    // Then they woke in order and the clock stands at (at least) 20 s
    expect(woke).toEqual(['a', 'b'])
    expect(clock.now().getTime() - START).toBeGreaterThanOrEqual(20_000)
  })
})

describe('executions on the virtual clock', () => {
  it('finishes a 7-hour definition at once, with timestamps 7 hours apart', async () => {
    // Given a definition that waits 25,200 seconds
    const definition: StateMachineDefinition = {
      StartAt: 'Before',
      States: {
        Before: {Type: 'Pass', Next: 'Sleep'},
        Sleep: {Type: 'Wait', Seconds: 25_200, Next: 'After'},
        After: {Type: 'Pass', End: true},
      },
    }
    const clock = createVirtualClock({timeScale: 0, start: START})
    // When it runs at timeScale 0
    const execution = startExecution({definition, input: {}, clock})
    const result = await execution.done
    // Then it succeeded, seven virtual hours after it started
    expect(result.status).toBe('SUCCEEDED')
    expect(result.stopDate.getTime() - result.startDate.getTime()).toBe(7 * 3600 * 1000)
    const at = (type: string) => (execution.events.find((e) => e.type === type)?.timestamp as Date).getTime()
    expect(at('WaitStateExited') - at('WaitStateEntered')).toBe(25_200_000)
    expect(at('ExecutionStarted')).toBe(START)
  })

  it('interleaves executions sharing one clock in virtual-time order', async () => {
    // Given two executions on one clock: A waits 30 s, B waits 10 s then 10 s
    const clock = createVirtualClock({timeScale: 0, start: START})
    const a = startExecution({definition: {StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 30, End: true}}}, input: {}, clock, name: 'a'})
    const b = startExecution({
      definition: {StartAt: 'W1', States: {W1: {Type: 'Wait', Seconds: 10, Next: 'W2'}, W2: {Type: 'Wait', Seconds: 10, End: true}}},
      input: {},
      clock,
      name: 'b',
    })
    // When both finish
    const [ra, rb] = await Promise.all([a.done, b.done])
    // Then each stopped at its own virtual time: B at 20 s, A at 30 s
    expect(rb.stopDate.getTime() - START).toBe(20_000)
    expect(ra.stopDate.getTime() - START).toBe(30_000)
  })

  it('runs Parallel branch waits concurrently: the state takes as long as its longest branch', async () => {
    const clock = createVirtualClock({timeScale: 0, start: START})
    const branch = (name: string, seconds: number) => ({StartAt: name, States: {[name]: {Type: 'Wait' as const, Seconds: seconds, End: true}}})
    const execution = startExecution({
      definition: {StartAt: 'P', States: {P: {Type: 'Parallel', Branches: [branch('Long', 300), branch('Short', 60)], End: true}}},
      input: {},
      clock,
    })
    const result = await execution.done
    expect(result.stopDate.getTime() - START).toBe(300_000)
    const exited = execution.events.filter((e) => e.type === 'WaitStateExited').map((e) => e.stateExitedEventDetails?.name)
    expect(exited).toEqual(['Short', 'Long'])
  })
})
