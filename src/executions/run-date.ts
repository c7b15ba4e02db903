// The run date keys S3 evidence and pins the recovery input, so where it came from is reported.
import type {VisitLog} from './visits.js'

export type RunDateSource = 'state-output' | 'input' | 'start-date'

export interface RunDate {
  runDate: string
  source: RunDateSource
  /** e.g. "InitializeInput output field run_date". */
  detail: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

const parse = (text: string | undefined): Record<string, unknown> | undefined => {
  if (text === undefined) return undefined
  try {
    const v = JSON.parse(text) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The configured state's output field, else the execution input's field, else the UTC start date. */
export function resolveRunDate(log: VisitLog, input: string | undefined, startedAt: Date | undefined, config: {state?: string; field?: string} = {}): RunDate {
  const field = config.field ?? 'run_date'
  if (config.state) {
    const visit = (log.byName.get(config.state) ?? []).find((v) => v.output !== undefined)
    const value = parse(visit?.output)?.[field]
    if (typeof value === 'string' && DATE.test(value)) return {runDate: value, source: 'state-output', detail: `${config.state} output field ${field}`}
  }
  const fromInput = parse(input ?? log.execution.input)?.[field]
  if (typeof fromInput === 'string' && DATE.test(fromInput)) return {runDate: fromInput, source: 'input', detail: `execution input field ${field}`}
  const start = startedAt ?? log.execution.startedAt ?? new Date(0)
  return {runDate: start.toISOString().slice(0, 10), source: 'start-date', detail: 'execution start date (UTC)'}
}
