// Deploys the shipped pipelines on a local endpoint and runs scenarios on them: the Given of most
// integration tests.
import {CreateStateMachineCommand, StartExecutionCommand} from '@aws-sdk/client-sfn'
import {loadPipelineDefinition} from '../../src/asl/pipeline-view.js'
import {getPipeline, listPipelines, loadConfig} from '../../src/config/load.js'
import {followExecution} from '../../src/executions/follow.js'
import type {LocalAws} from './local-aws.js'

export const shipped = loadConfig({env: {}, cwd: '/'})

export const stateMachineArn = (local: LocalAws, pipeline: string) =>
  `arn:aws:states:${local.endpoint.region}:${local.endpoint.accountId}:stateMachine:${getPipeline(shipped, pipeline).stateMachineName}`

export async function deployShipped(local: LocalAws): Promise<void> {
  for (const p of listPipelines(shipped)) {
    const {definition} = loadPipelineDefinition(shipped, p)
    await local.clients.sfn.send(new CreateStateMachineCommand({name: p.stateMachineName, definition: JSON.stringify(definition), roleArn: p.roleArn}))
  }
}

/** Starts an execution (under a scenario test case, if given) and waits for it to end. */
export async function runScenario(local: LocalAws, pipeline: string, testCase: string | undefined, name: string, input: object = {}): Promise<{executionArn: string; status: string}> {
  const arn = stateMachineArn(local, pipeline) + (testCase ? `#${testCase}` : '')
  const started = await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn: arn, name, input: JSON.stringify(input)}))
  const end = await followExecution(local.clients.sfn, started.executionArn!, {pollMs: 20})
  return {executionArn: started.executionArn!, status: end.status ?? 'UNKNOWN'}
}
