/** 7_260_000 -> "2h 1m", 45_000 -> "45s": compute times an operator compares at a glance. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '-'
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m ${s % 60}s`
  return `${Math.floor(m / 60)}h ${m % 60}m`
}
