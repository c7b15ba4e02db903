// Turns a local service call into a TaskHandler under the execution's scenario: counts the
// invocation, lets a mocked response replace the call, makes the task take its simulated duration
// on the engine clock, and writes the scenario's S3 objects when the task succeeds or fails.
import {isStatesError, StatesError} from '../../asl/states-error.js'
import type {JsonValue} from '../../asl/types.js'
import type {TaskHandler, TaskRequest} from '../engine/api.js'
import {outcomeAt} from '../scenarios/mocked-responses.js'
import type {CommandOutcome, S3Effect} from '../scenarios/types.js'
import {applyS3Effects, type EffectPhase} from './s3-effects.js'
import type {TaskEnv} from './task-env.js'

/** One call as a service sees it, with what the scenario says about its state. */
export interface ServiceCall {
  req: TaskRequest
  env: TaskEnv
  /** This state's invocation number in this execution, from 0. */
  invocation: number
  runDate: string
  /** The scenario's `ae:durations` entry for the state, when it has one. */
  scenarioDurationMs: number | undefined
  s3Effects: readonly S3Effect[]
  commandOutcome: CommandOutcome | undefined
}

export interface LocalService {
  call(c: ServiceCall): JsonValue | Promise<JsonValue>
  /** What a mocked Return becomes as this service's output; default the Return as is. */
  fromMock?(value: JsonValue, c: ServiceCall): JsonValue
  /** Simulated time of the call when the scenario names none. */
  defaultDurationMs: number
  /**
   * The call starts a job that outlives it (SSM sendCommand): the scenario's duration and S3
   * objects belong to the job, so the call itself takes only defaultDurationMs.
   */
  startsJob?: boolean
}

export function scenarioTask(service: LocalService, env: TaskEnv): TaskHandler {
  return async (req) => {
    req.signal.throwIfAborted()
    const state = req.stateName
    const scenario = env.scenario
    const call: ServiceCall = {
      req,
      env,
      invocation: env.invocations.next(req.executionArn, state),
      runDate: env.runDateOf(req),
      scenarioDurationMs: scenario?.durations[state],
      s3Effects: scenario?.s3[state] ?? [],
      commandOutcome: scenario?.commands[state],
    }
    const mock = scenario?.mocks[state]
    const outcome = mock === undefined ? undefined : outcomeAt(mock, call.invocation)
    const durationMs = service.startsJob ? service.defaultDurationMs : (call.scenarioDurationMs ?? service.defaultDurationMs)
    await req.clock.sleep(durationMs, req.signal)

    const write = (phase: EffectPhase) => applyS3Effects(env.s3Store, call.s3Effects, phase, call.runDate)
    let output: JsonValue
    try {
      if (outcome?.type === 'throw') throw new StatesError(outcome.error, outcome.cause)
      output = outcome?.type === 'return' ? (service.fromMock?.(outcome.value, call) ?? outcome.value) : await service.call(call)
    } catch (error) {
      // A job that never started writes what its scenario says it writes before failing.
      if (isStatesError(error) && !req.signal.aborted) write('failure')
      throw error
    }
    req.signal.throwIfAborted()
    if (!service.startsJob) write('success')
    return {output}
  }
}
