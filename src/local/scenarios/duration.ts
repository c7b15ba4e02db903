// Simulated durations as scenario files write them: "28m", "45s", "2h", "1h30m", "750ms", or a
// number of milliseconds. Virtual time only: nothing here ever waits in real time.

const UNIT_MS: Record<string, number> = {h: 3_600_000, m: 60_000, s: 1_000, ms: 1}
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g

/** Milliseconds, or a sentence saying why the value is not a duration. */
export function parseDuration(value: unknown): {ok: true; ms: number} | {ok: false; problem: string} {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return {ok: true, ms: Math.round(value)}
    return {ok: false, problem: `a duration in milliseconds must be a finite number >= 0, not ${value}`}
  }
  if (typeof value !== 'string') return {ok: false, problem: `a duration is a string like "28m" or a number of milliseconds, not ${JSON.stringify(value)}`}
  const text = value.trim()
  if (!WHOLE.test(text)) return {ok: false, problem: `"${value}" is not a duration: write it like "45s", "28m", "2h", "1h30m" or "750ms"`}
  let ms = 0
  for (const [, amount, unit] of text.matchAll(PART)) ms += Number(amount) * (UNIT_MS[unit as string] as number)
  return {ok: true, ms: Math.round(ms)}
}

/** "1h 31m", "28m 5s", "45s", "750ms": for messages and command output. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return [h > 0 ? `${h}h` : '', m > 0 ? `${m}m` : '', s > 0 ? `${s}s` : ''].filter(Boolean).join(' ')
}
