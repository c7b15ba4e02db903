// Scenarios: what the local endpoint's task integrations do in one execution.
//
// The file format is the Step Functions Local mock config (MockConfigFile.json), so a file written
// for Step Functions Local works here unchanged:
//
//   {"StateMachines": {"<state machine name>": {"TestCases": {"<case>": {"<StateName>": "<MockedResponseName>"}}}},
//    "MockedResponses": {"<MockedResponseName>": {"0": {"Return": {...}}, "1-2": {"Throw": {"Error": "...", "Cause": "..."}}}}}
//
// A mocked state never reaches the local service: invocation n (counted from 0 per state per
// execution; every attempt counts, retries and loop iterations included) returns its Return as the
// service's response (for lambda:invoke the missing envelope fields, StatusCode, ExecutedVersion
// and the Sdk*Metadata, are filled in) or fails the task with its Throw's Error and Cause. Past the
// last configured invocation the last one repeats. States a test case does not mock are served by
// the local integrations (src/local/integrations), whose defaults make the shipped pipelines succeed.
//
// ae's extensions, fields of a test case (and of `ae:defaults`, a test-case-shaped object next to
// TestCases that every test case of that state machine is layered over, state by state):
//
//   "ae:durations": {"<StateName>": "28m" | "45s" | "2h" | "1h30m" | <milliseconds>}
//       The simulated (virtual-clock) time a task takes. For an SSM sendCommand state it is the
//       command's run time, so the Wait -> getCommandInvocation -> Choice loop polls as often as it
//       would in AWS; the sendCommand call itself returns at once.
//   "ae:s3": {"<StateName>": [{"bucket", "key", "body", "when"}]}
//       Objects the task writes to the local S3 store. `key` (and strings in `body`) may hold
//       {run_date}: the run_date the state works on. `when`: "success" (default) when the task
//       succeeds, "before-failure" just before it fails, "always" either way. For a sendCommand
//       state the objects are written when the command ends, not when the call returns.
//   "ae:commands": {"<SendCommandStateName>": {"status": "Failed" | "TimedOut" | "Cancelled" | "Success",
//                   "stderr": "...", "stdout": "...", "responseCode": 1}}
//       How the SSM command started by that state ends (default Success).
//
// Selection: `<stateMachineArn>#<TestCase>` as in Step Functions Local, else the execution input's
// `ae_scenario`; the ARN wins when both are given. An unknown name is an UnknownTestCaseError that
// lists the known ones. See README.md next to this file for examples.
export {formatDuration, parseDuration} from './duration.js'
export {loadScenarioFile, loadShippedScenarios, SHIPPED_SCENARIOS} from './load.js'
export {outcomeAt, parseInvocationKey} from './mocked-responses.js'
export {AE_COMMANDS, AE_DEFAULTS, AE_DURATIONS, AE_S3, parseScenarioFile, ScenarioFileError} from './parse.js'
export {chooseTestCase, listTestCases, resolveScenario, SCENARIO_INPUT_FIELD, UnknownTestCaseError} from './resolve.js'
export type {
  CommandOutcome,
  CommandStatus,
  MockedResponse,
  MockOutcome,
  MockRange,
  ResolvedScenario,
  S3Effect,
  S3EffectWhen,
  ScenarioFile,
  StateMachineScenarios,
  TestCase,
} from './types.js'
