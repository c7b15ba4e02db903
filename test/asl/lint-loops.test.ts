import {describe, expect, it} from 'vitest'
import {lintDefinition} from '../../src/asl/lint.js'
import type {State, StateMachineDefinition, TaskState} from '../../src/asl/types.js'
import {definition, fail, pass, quartet, succeed, task} from './fixtures.js'

const run = (def: StateMachineDefinition) => lintDefinition(def, {rules: ['unbounded-poll-loop']})
const withQuartet = (states: Record<string, State>) => definition('Job', {...states, Done: succeed(), Failed: fail()})

describe('unbounded-poll-loop', () => {
  it('warns about a Lambda poll loop with no counter', () => {
    // Given Wait -> Poll -> Check -> Wait, leaving only when the Lambda says done
    const def = definition('PollWait', {
      PollWait: {Type: 'Wait', Seconds: 60, Next: 'Poll'},
      Poll: task('Check', 'Failed'),
      Check: {Type: 'Choice', Choices: [{Variable: '$.Payload.done', BooleanEquals: true, Next: 'Done'}], Default: 'PollWait'},
      Done: succeed(),
      Failed: fail(),
    })
    expect(run(def)).toEqual([
      {
        id: 'unbounded-poll-loop',
        severity: 'warning',
        state: 'PollWait',
        message: expect.stringMatching(/"PollWait", "Poll", "Check" has no bound: no Choice in it compares a counter.*polls no SSM command/),
      },
    ])
  })

  it('is silent when a Choice in the loop compares a counter', () => {
    const def = definition('Init', {
      Init: pass('PollWait', {Result: 0, ResultPath: '$.count'}),
      PollWait: {Type: 'Wait', Seconds: 60, Next: 'Poll'},
      Poll: task('Check', 'Failed'),
      Check: {
        Type: 'Choice',
        Choices: [
          {Variable: '$.Payload.done', BooleanEquals: true, Next: 'Done'},
          {And: [{Variable: '$.count', IsPresent: true}, {Variable: '$.count', NumericGreaterThan: 30}], Next: 'Failed'},
        ],
        Default: 'Count',
      },
      Count: pass('PollWait', {Parameters: {'n.$': 'States.MathAdd($.count, 1)'}, ResultPath: '$.count'}),
      Done: succeed(),
      Failed: fail(),
    })
    expect(run(def)).toEqual([])
  })

  it('is silent when the loop polls an SSM command sent with executionTimeout', () => {
    expect(run(withQuartet(quartet('Job', 'Done', 'Failed')))).toEqual([])
  })

  it('is silent when the sendCommand sets the API TimeoutSeconds instead', () => {
    const states = quartet('Job', 'Done', 'Failed', {executionTimeout: false})
    const send = states.Job as TaskState
    states.Job = {...send, Parameters: {...(send.Parameters as object), TimeoutSeconds: 600}}
    expect(run(withQuartet(states))).toEqual([])
  })

  it('warns when the polled command has no executionTimeout, naming its sendCommand', () => {
    const found = run(withQuartet(quartet('Job', 'Done', 'Failed', {executionTimeout: false})))
    expect(found).toEqual([expect.objectContaining({state: 'WaitForJob', message: expect.stringContaining('polls a command sent by "Job" without executionTimeout')})])
  })

  it('finds the sendCommand upstream when the CommandId path does not match a ResultPath', () => {
    const states = quartet('Job', 'Done', 'Failed')
    const poll = states.WaitForJob as TaskState
    states.WaitForJob = {...poll, Parameters: {'CommandId.$': '$.somewhere.else', 'InstanceId.$': '$.ec2_instance_id'}}
    expect(run(withQuartet(states))).toEqual([])
  })

  it('warns about a self-loop with nothing bounding it', () => {
    const def = definition('Spin', {Spin: {Type: 'Wait', Seconds: 1, Next: 'Spin'}})
    expect(run(def).map((d) => d.state)).toEqual(['Spin'])
  })
})
