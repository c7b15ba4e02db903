// Picks one test case for one execution: which name applies (the ARN's `#TestCase` or the input's
// `ae_scenario`), and what it says once the state machine's `ae:defaults` are layered under it.
import type {JsonValue} from '../../asl/types.js'
import type {ResolvedScenario, ScenarioFile, TestCase} from './types.js'

/** The execution input field that names a test case when the ARN does not. */
export const SCENARIO_INPUT_FIELD = 'ae_scenario'

export class UnknownTestCaseError extends Error {
  constructor(
    readonly stateMachineName: string,
    readonly testCase: string,
    readonly known: string[],
  ) {
    super(
      known.length === 0
        ? `Test case '${testCase}' not found: the scenario file defines no test cases for state machine '${stateMachineName}'.`
        : `Test case '${testCase}' not found for state machine '${stateMachineName}'. Known test cases: ${known.join(', ')}.`,
    )
    this.name = 'UnknownTestCaseError'
  }
}

/** The test case names a state machine has in the file, sorted; empty when it has none. */
export function listTestCases(file: ScenarioFile, stateMachineName: string): string[] {
  return Object.keys(file.stateMachines[stateMachineName]?.testCases ?? {}).sort()
}

/**
 * The test case an execution asked for: `<stateMachineArn>#<TestCase>` as Step Functions Local
 * takes it, else the input's `ae_scenario`. When both are given the ARN wins, because it is what a
 * Step Functions Local user already writes.
 */
export function chooseTestCase(arnTestCase: string | undefined, input: JsonValue | undefined): string | undefined {
  if (arnTestCase !== undefined && arnTestCase !== '') return arnTestCase
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const named = input[SCENARIO_INPUT_FIELD]
    if (typeof named === 'string' && named !== '') return named
  }
  return undefined
}

/** The named test case with the state machine's defaults under it; throws UnknownTestCaseError. */
export function resolveScenario(file: ScenarioFile, stateMachineName: string, testCase: string): ResolvedScenario {
  const machine = file.stateMachines[stateMachineName]
  const chosen = machine?.testCases[testCase]
  if (machine === undefined || chosen === undefined) throw new UnknownTestCaseError(stateMachineName, testCase, listTestCases(file, stateMachineName))
  const merged = layer(machine.defaults, chosen)
  const mocks: ResolvedScenario['mocks'] = {}
  for (const [state, responseName] of Object.entries(merged.mocks)) {
    const response = file.mockedResponses[responseName]
    // parseScenarioFile already refused dangling names; this guards a hand-built ScenarioFile.
    if (response === undefined) throw new Error(`${file.source}: mocked response "${responseName}" (state ${state}, test case ${testCase}) is not defined`)
    mocks[state] = response
  }
  return {stateMachineName, testCase, mocks, durations: merged.durations, s3: merged.s3, commands: merged.commands}
}

/** State by state, the test case's entry replaces the default's; states it does not name keep the default. */
function layer(defaults: TestCase, testCase: TestCase): TestCase {
  return {
    mocks: {...defaults.mocks, ...testCase.mocks},
    durations: {...defaults.durations, ...testCase.durations},
    s3: {...defaults.s3, ...testCase.s3},
    commands: {...defaults.commands, ...testCase.commands},
  }
}
