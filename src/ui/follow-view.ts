// `--wait`: follows an execution with a listr2 task per workload, each settling as the history
// shows it complete, degrade, fail or never run. Under --json there is no view, just the result.
import {DescribeStateMachineForExecutionCommand, type HistoryEvent, type SFNClient} from '@aws-sdk/client-sfn'
import type {StateMachineDefinition} from '../asl/types.js'
import {followExecution} from '../executions/follow.js'
import type {Outcome} from '../executions/outcomes.js'
import {buildTimeline} from '../executions/timeline.js'
import {currentRenderer} from './tasks.js'

export interface FollowResult {
  status: string
  executionArn: string
  outcomes: Record<string, Outcome>
}

export async function followWithView(sfn: SFNClient, executionArn: string, options: {json: boolean; workloads: string[]; signal?: AbortSignal; pollMs?: number}): Promise<FollowResult> {
  // The definition this execution runs, which is what its workloads are derived from.
  const definition = JSON.parse((await sfn.send(new DescribeStateMachineForExecutionCommand({executionArn}))).definition ?? '{}') as StateMachineDefinition
  const events: HistoryEvent[] = []
  const outcomes: Record<string, Outcome> = {}
  const waiters = new Map<string, Array<(o: Outcome) => void>>()
  const settle = (final: boolean) => {
    const t = buildTimeline(definition, events)
    for (const run of t.workloads) {
      const o = run.outcome
      const done = o === 'completed' || o === 'degraded' || o === 'failed' || o === 'skipped' || (final && o === 'not-run')
      if (!done || outcomes[run.workload]) continue
      outcomes[run.workload] = o
      for (const w of waiters.get(run.workload) ?? []) w(o)
    }
  }
  const follow = followExecution(sfn, executionArn, {
    pollMs: options.pollMs,
    signal: options.signal,
    onEvents: (batch) => {
      events.push(...batch)
      settle(false)
    },
  }).then((d) => {
    settle(true)
    return d
  })
  if (options.json) {
    const d = await follow
    return {status: d.status ?? 'UNKNOWN', executionArn, outcomes}
  }
  const {Listr} = await import('listr2')
  const outcomeOf = (name: string) =>
    outcomes[name] ? Promise.resolve(outcomes[name]) : new Promise<Outcome>((resolve) => waiters.set(name, [...(waiters.get(name) ?? []), resolve]))
  const list = new Listr(
    options.workloads.map((name) => ({
      title: name,
      task: async (_: unknown, task: {title: string; skip: (m: string) => void}) => {
        const o = await Promise.race([outcomeOf(name), follow.then(() => outcomes[name] ?? ('not-run' as Outcome))])
        if (o === 'failed') throw new Error(`${name} failed`)
        if (o === 'not-run' || o === 'skipped') return task.skip(`${name}: ${o}`)
        task.title = `${name}: ${o}`
      },
    })),
    // Its own SIGINT listener would swallow Ctrl-C while the follow keeps polling: the caller's signal stops both.
    {concurrent: true, exitOnError: false, renderer: currentRenderer(false), collectErrors: false, registerSignalListeners: false},
  )
  await list.run().catch(() => undefined)
  const d = await follow
  return {status: d.status ?? 'UNKNOWN', executionArn, outcomes}
}
