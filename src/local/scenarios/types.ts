// The scenario file once parsed and checked: the Step Functions Local mock config (state machines ->
// test cases -> mocked responses per invocation) plus ae's extensions (durations, S3 side effects,
// SSM command outcomes). Plain data, so a resolved scenario can be logged, compared and tested.
import type {JsonValue} from '../../asl/types.js'

/** What one invocation of a mocked state does: return this service response, or fail. */
export type MockOutcome = {type: 'return'; value: JsonValue} | {type: 'throw'; error: string; cause: string}

/** Invocations `from`..`to` (both included, counted from 0) of a state get `outcome`. */
export interface MockRange {
  from: number
  to: number
  outcome: MockOutcome
}

export interface MockedResponse {
  name: string
  /** Ordered by `from`, contiguous from 0. */
  ranges: MockRange[]
}

/** When an `ae:s3` object is written, relative to the task (or, for sendCommand, the command) ending. */
export type S3EffectWhen = 'success' | 'before-failure' | 'always'

export interface S3Effect {
  bucket: string
  /** May hold `{run_date}`. */
  key: string
  /** A string is written as is; anything else as JSON. `{run_date}` is filled in strings either way. */
  body: JsonValue
  when: S3EffectWhen
}

export type CommandStatus = 'Success' | 'Failed' | 'TimedOut' | 'Cancelled'

/** How a simulated SSM command ends (default: Success). */
export interface CommandOutcome {
  status: CommandStatus
  stderr?: string
  stdout?: string
  /** Default: 0 Success, 1 Failed, 137 TimedOut (killed), -1 Cancelled. */
  responseCode?: number
}

/** One test case: what happens to each named state. Every map is keyed by state name. */
export interface TestCase {
  /** State name -> MockedResponses name (the Step Functions Local part). */
  mocks: Record<string, string>
  /** `ae:durations`, in milliseconds. */
  durations: Record<string, number>
  /** `ae:s3`. */
  s3: Record<string, S3Effect[]>
  /** `ae:commands`. */
  commands: Record<string, CommandOutcome>
}

export interface StateMachineScenarios {
  /** `ae:defaults`: layered under every test case, state by state. */
  defaults: TestCase
  testCases: Record<string, TestCase>
}

export interface ScenarioFile {
  /** Where the file came from, for messages. */
  source: string
  stateMachines: Record<string, StateMachineScenarios>
  mockedResponses: Record<string, MockedResponse>
}

/** One test case of one state machine, defaults applied and mocked responses looked up. */
export interface ResolvedScenario {
  stateMachineName: string
  testCase: string
  /** State name -> its mocked responses. */
  mocks: Record<string, MockedResponse>
  durations: Record<string, number>
  s3: Record<string, S3Effect[]>
  commands: Record<string, CommandOutcome>
}
