// What commands that address pipelines need from AWS besides clients: where they act (region and
// the caller's account) and the state machine ARN of each configured pipeline.
import {getPipeline, listPipelines, type NamedPipeline} from '../config/load.js'
import type {LoadedConfig} from '../config/types.js'
import type {AwsClients} from './clients.js'
import {resolveTarget, stateMachineArn, type AwsTarget} from './target.js'

export interface PipelineSession {
  target: AwsTarget
  pipelines: NamedPipeline[]
  stateMachineArn(p: NamedPipeline): string
}

export async function pipelineSession(clients: AwsClients, loaded: LoadedConfig, only?: string): Promise<PipelineSession> {
  const target = await resolveTarget(clients)
  return {
    target,
    pipelines: only ? [getPipeline(loaded, only)] : listPipelines(loaded),
    stateMachineArn: (p) => stateMachineArn(target, p.stateMachineName),
  }
}
