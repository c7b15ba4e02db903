// What a Lambda function answers when the scenario does not mock its state. Each answer is what the
// Choice states downstream need for the shipped pipelines to succeed (CheckResearchStatus reads
// status, CheckMonthlyCadence is_first_saturday, EvalJudgePollDecision done, CoverageGapChoice and
// FinalCoverageGate has_gap), shaped like the real functions' payloads. Dispatch is on the payload's
// `action` where the function takes one, else on the state, so a renamed state still gets the
// right answer for the same call.
import type {JsonObject, JsonValue} from '../../asl/types.js'
import {asObject} from './json.js'

export interface DefaultPayloadInput {
  stateName: string
  functionName: string
  payload: JsonValue
  runDate: string
  /** This state's invocation number in the execution, from 0. */
  invocation: number
}

/** The eval-judge batch reports done on this poll (from 0), so the poll loop runs a few times. */
export const EVAL_JUDGE_POLLS_BEFORE_DONE = 2


/** First Saturday of the month: the day of month is 1..7. */
const isFirstWeekOfMonth = (runDate: string): boolean => {
  const day = Number(runDate.slice(8, 10))
  return Number.isInteger(day) && day >= 1 && day <= 7
}

const ACTIONS: Record<string, (i: DefaultPayloadInput, payload: JsonObject) => JsonValue> = {
  compute_cadence: ({runDate}) => {
    const first = isFirstWeekOfMonth(runDate)
    return {run_date: runDate, is_first_saturday: first, cadence: first ? 'monthly' : 'weekly'}
  },
  submit: ({runDate}, p) => ({
    run_date: runDate,
    cadence: typeof p.cadence === 'string' ? p.cadence : 'weekly',
    batch_id: `msgbatch_local_${runDate.replaceAll('-', '')}`,
    request_count: 48,
  }),
  poll: ({invocation}, p) => {
    const done = invocation >= EVAL_JUDGE_POLLS_BEFORE_DONE
    const submission = asObject(p.submission)
    return {
      batch_id: typeof submission?.batch_id === 'string' ? submission.batch_id : 'msgbatch_local',
      done,
      processing_status: done ? 'ended' : 'in_progress',
      request_counts: {processing: done ? 0 : 48, succeeded: done ? 48 : 0, errored: 0, canceled: 0, expired: 0},
    }
  },
  process: ({runDate}) => ({status: 'OK', run_date: runDate, scored: 48, errored: 0}),
  rolling_mean: ({runDate}) => ({status: 'OK', run_date: runDate, window_weeks: 8, rolling_mean: 3.87}),
  check_coverage: ({runDate}) => ({run_date: runDate, has_gap: false, missing_tickers: [], buy_candidates: 14}),
  predict: ({runDate}, p) => ({
    status: 'OK',
    run_date: runDate,
    predicted: Array.isArray(p.tickers) ? p.tickers.length : 512,
    predictions_key: `predictions/${runDate}.json`,
  }),
  health_check: ({runDate}) => ({status: 'OK', run_date: runDate, healthy: true, model_age_days: 6}),
  plan_orders: ({runDate}) => ({status: 'OK', run_date: runDate, orders_planned: 9, vetoed: 2}),
  submit_orders: ({runDate}) => ({status: 'OK', run_date: runDate, orders_submitted: 9, rejected: 0}),
}

const TEAMS = ['technology', 'healthcare', 'financials', 'industrials', 'consumer', 'defensives']

const STATES: Record<string, (i: DefaultPayloadInput) => JsonValue> = {
  Research: ({runDate}) => ({
    status: 'OK',
    run_date: runDate,
    sector_teams: TEAMS,
    agents: ['cio', 'macro'],
    signals_key: `signals/${runDate}/signals.json`,
  }),
  RegimeSubstrate: ({runDate}) => ({status: 'OK', run_date: runDate, regime: 'risk_on', substrate_key: `regime/substrate/${runDate}.json`}),
  RegimeRetrospectiveEval: ({runDate}) => ({status: 'OK', run_date: runDate, calls_scored: 4, hit_rate: 0.75}),
  DriftDetection: ({runDate}) => ({status: 'OK', run_date: runDate, drifted_features: []}),
  SaturdayHealthCheck: ({runDate}) => ({status: 'OK', run_date: runDate, checks_failed: 0}),
}

export function defaultLambdaPayload(input: DefaultPayloadInput): JsonValue {
  const payload = asObject(input.payload) ?? {}
  const action = typeof payload.action === 'string' ? ACTIONS[payload.action] : undefined
  if (action !== undefined) return action(input, payload)
  const byState = STATES[input.stateName]
  if (byState !== undefined) return byState(input)
  return {status: 'OK', run_date: input.runDate}
}
