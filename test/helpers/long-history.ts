// An execution with as many history events as wanted (up to AWS's 25,000), for paging tests and
// the history benchmark: a skip gate, then a Pass/Choice loop with a counter, each step carrying a
// payload the size of a real state's input.
import {CreateStateMachineCommand, StartExecutionCommand} from '@aws-sdk/client-sfn'
import {followExecution} from '../../src/executions/follow.js'
import type {LocalAws} from './local-aws.js'

/** Events of a run of `loopDefinition(iterations)`: start, Init, the gate, 4 per iteration, Done, end. */
export const eventsOf = (iterations: number) => 4 * iterations + 8

/** The iteration count whose run has exactly `events` events (events - 8 must be a multiple of 4). */
export function iterationsFor(events: number): number {
  if ((events - 8) % 4 !== 0 || events < 12) throw new Error(`no loop run has exactly ${events} events`)
  return (events - 8) / 4
}

/** `end: 'fail'` ends the run in a Fail state instead (a failed run to plan a recovery from). */
export const loopDefinition = (iterations: number, end: 'succeed' | 'fail' = 'succeed') => ({
  Comment: `A counter loop of ${iterations} iterations behind a skip gate.`,
  StartAt: 'Init',
  States: {
    Init: {Type: 'Pass', Parameters: {'run_date.$': "States.ArrayGetItem(States.StringSplit($$.Execution.StartTime, 'T'), 0)", count: 0, payload: {team: 'technology', keys: ['archive/sector_team_runs/a.json', 'archive/sector_team_runs/b.json', 'archive/sector_team_runs/c.json'], notes: 'x'.repeat(160)}}, Next: 'CheckSkipLoop'},
    CheckSkipLoop: {Type: 'Choice', Choices: [{And: [{Variable: '$.skip_loop', IsPresent: true}, {Variable: '$.skip_loop', BooleanEquals: true}], Next: 'Done'}], Default: 'Step'},
    Step: {Type: 'Pass', Parameters: {'run_date.$': '$.run_date', 'count.$': 'States.MathAdd($.count, 1)', 'payload.$': '$.payload'}, Next: 'Again'},
    Again: {Type: 'Choice', Choices: [{Variable: '$.count', NumericLessThan: iterations, Next: 'Step'}], Default: 'Done'},
    Done: end === 'succeed' ? {Type: 'Succeed'} : {Type: 'Fail', Error: 'PipelineFailed', Cause: 'the last step failed'},
  },
})

/** Creates a state machine running the loop and one finished execution of it; returns its ARN. */
export async function longExecution(local: Pick<LocalAws, 'clients'>, events: number, name = `loop-${events}`, end: 'succeed' | 'fail' = 'succeed'): Promise<string> {
  const sm = await local.clients.sfn.send(new CreateStateMachineCommand({name, roleArn: 'arn:aws:iam::000000000000:role/bench', definition: JSON.stringify(loopDefinition(iterationsFor(events), end))}))
  const started = await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: sm.stateMachineArn, name: `${name}-run`, input: '{}'}))
  const result = await followExecution(local.clients.sfn, started.executionArn!, {pollMs: 50})
  const expected = end === 'succeed' ? 'SUCCEEDED' : 'FAILED'
  if (result.status !== expected) throw new Error(`the loop run ended ${result.status}: ${result.error ?? ''} ${result.cause ?? ''}`)
  return started.executionArn!
}
