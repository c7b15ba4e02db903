// Small builders for definitions, and a generator of long gate-heavy pipelines whose workloads are
// known by construction. Shared by the asl tests and bench/workloads.ts.
import type {
  Branch,
  ChoiceRule,
  ChoiceState,
  FailState,
  JsonObject,
  MapState,
  ParallelState,
  PassState,
  State,
  StateMachineDefinition,
  SucceedState,
  TaskState,
  WaitState,
} from '../../src/asl/types.js'

const LAMBDA = 'arn:aws:states:::lambda:invoke'
const SEND_COMMAND = 'arn:aws:states:::aws-sdk:ssm:sendCommand'
const GET_INVOCATION = 'arn:aws:states:::aws-sdk:ssm:getCommandInvocation'

const transition = (next: string | undefined) => (next === undefined ? {End: true} : {Next: next})

export const pass = (next?: string, extra: Partial<PassState> = {}): PassState => ({Type: 'Pass', ...transition(next), ...extra})

/** A Lambda Task with a timeout and a Catch-all to `onError` (when given). */
export const task = (next: string | undefined, onError?: string, extra: Partial<TaskState> = {}): TaskState => ({
  Type: 'Task',
  Resource: LAMBDA,
  TimeoutSeconds: 60,
  ...transition(next),
  ...(onError === undefined ? {} : {Catch: [{ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: onError}]}),
  ...extra,
})

export const wait = (next: string, seconds = 60): WaitState => ({Type: 'Wait', Seconds: seconds, Next: next})
export const succeed = (): SucceedState => ({Type: 'Succeed'})
export const fail = (): FailState => ({Type: 'Fail', Error: 'PipelineFailed'})

export interface GateOptions {
  /** Guard with IsPresent (default true). */
  guard?: boolean
  /** Extra conjuncts ANDed into the skip rule. */
  conditions?: ChoiceRule[]
}

/** A skip gate: `$.flag` true -> skipTarget, Default -> runEntry. */
export function gate(flag: string, skipTarget: string, runEntry: string, options: GateOptions = {}): ChoiceState {
  const test: ChoiceRule = {Variable: `$.${flag}`, BooleanEquals: true}
  const parts = [...(options.guard === false ? [] : [{Variable: `$.${flag}`, IsPresent: true}]), test, ...(options.conditions ?? [])]
  const rule: ChoiceRule = parts.length === 1 ? {...test, Next: skipTarget} : {And: parts, Next: skipTarget}
  return {Type: 'Choice', Choices: [rule], Default: runEntry}
}

export const branch = (startAt: string, states: Record<string, State>): Branch => ({StartAt: startAt, States: states})

export const definition = (startAt: string, states: Record<string, State>): StateMachineDefinition => ({StartAt: startAt, States: states})

export const parallel = (next: string | undefined, branches: Branch[], extra: Partial<ParallelState> = {}): ParallelState => ({
  Type: 'Parallel',
  Branches: branches,
  ...transition(next),
  ...extra,
})

export const map = (next: string | undefined, processor: Branch, extra: Partial<MapState> = {}): MapState => ({
  Type: 'Map',
  ItemsPath: '$.items',
  ItemProcessor: processor,
  ...transition(next),
  ...extra,
})

/**
 * An SSM quartet as the shipped pipelines write it: `<name>` sends the command (with
 * executionTimeout), `WaitFor<name>` polls it, `Check<name>Status` loops through `<name>Wait`
 * until it ends, and `Extract<name>Error` leads to `onError`.
 */
export function quartet(name: string, next: string, onError: string, options: {executionTimeout?: boolean} = {}): Record<string, State> {
  const documentParameters: JsonObject = options.executionTimeout === false ? {commands: ['run']} : {commands: ['run'], executionTimeout: ['3600']}
  const catchAll = [{ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: onError}]
  return {
    [name]: {
      Type: 'Task',
      Resource: SEND_COMMAND,
      Parameters: {DocumentName: 'AWS-RunShellScript', 'InstanceIds.$': 'States.Array($.ec2_instance_id)', Parameters: documentParameters},
      ResultSelector: {'CommandId.$': '$.Command.CommandId'},
      ResultPath: `$.${name}_result`,
      TimeoutSeconds: 60,
      Catch: catchAll,
      Next: `WaitFor${name}`,
    },
    [`WaitFor${name}`]: {
      Type: 'Task',
      Resource: GET_INVOCATION,
      Parameters: {'CommandId.$': `$.${name}_result.CommandId`, 'InstanceId.$': '$.ec2_instance_id'},
      ResultPath: `$.${name}_status`,
      TimeoutSeconds: 60,
      Catch: catchAll,
      Next: `Check${name}Status`,
    },
    [`Check${name}Status`]: {
      Type: 'Choice',
      Choices: [
        {Variable: `$.${name}_status.Status`, StringEquals: 'Success', Next: next},
        {Variable: `$.${name}_status.Status`, StringEquals: 'InProgress', Next: `${name}Wait`},
      ],
      Default: `Extract${name}Error`,
    },
    [`${name}Wait`]: wait(`WaitFor${name}`),
    [`Extract${name}Error`]: pass(onError),
  }
}

export interface ExpectedWorkload {
  name: string
  gate: string
  flag: string
  skipTarget: string
  states: string[]
  parent: string | null
}

export interface GeneratedPipeline {
  definition: StateMachineDefinition
  expected: ExpectedWorkload[]
}

type Unit = (i: number, next: string) => {entry: string; states: Record<string, State>; expected: ExpectedWorkload[]}

// Each unit starts at its gate and continues at `next`. Failure handling goes to HandleFailure.
const UNITS: Unit[] = [
  // An SSM quartet with its poll loop: 6 states.
  (i, next) => {
    const name = `Stage${i}`
    return {
      entry: `CheckSkip${name}`,
      states: {[`CheckSkip${name}`]: gate(`skip_stage_${i}`, next, name), ...quartet(name, next, 'HandleFailure')},
      expected: [{name, gate: `CheckSkip${name}`, flag: `skip_stage_${i}`, skipTarget: next, parent: null, states: [name, `WaitFor${name}`, `Check${name}Status`, `${name}Wait`]}],
    }
  },
  // A fail-soft Lambda followed by an extra routing Choice: 4 states.
  (i, next) => {
    const name = `Soft${i}`
    return {
      entry: `CheckSkip${name}`,
      states: {
        [`CheckSkip${name}`]: gate(`skip_soft_${i}`, next, name, {guard: false}),
        [name]: task(`Route${name}`, next, {ResultPath: `$.${name}_result`}),
        [`Route${name}`]: {Type: 'Choice', Choices: [{Variable: `$.${name}_result.mode`, StringEquals: 'full', Next: `${name}Full`}], Default: next},
        [`${name}Full`]: task(next, next),
      },
      expected: [{name, gate: `CheckSkip${name}`, flag: `skip_soft_${i}`, skipTarget: next, parent: null, states: [name, `Route${name}`, `${name}Full`]}],
    }
  },
  // A gate inside a gate, both skipping to `next` (the Backtester/Parity shape): 4 states.
  (i, next) => {
    const [outer, inner] = [`Outer${i}`, `Inner${i}`]
    return {
      entry: `CheckSkip${outer}`,
      states: {
        [`CheckSkip${outer}`]: gate(`skip_outer_${i}`, next, outer),
        [outer]: task(`CheckSkip${inner}`, 'HandleFailure'),
        [`CheckSkip${inner}`]: gate(`skip_inner_${i}`, next, inner),
        [inner]: task(next, 'HandleFailure'),
      },
      expected: [
        {name: outer, gate: `CheckSkip${outer}`, flag: `skip_outer_${i}`, skipTarget: next, parent: null, states: [outer, `CheckSkip${inner}`, inner]},
        {name: inner, gate: `CheckSkip${inner}`, flag: `skip_inner_${i}`, skipTarget: next, parent: outer, states: [inner]},
      ],
    }
  },
  // A poll loop bounded by a counter: 7 states.
  (i, next) => {
    const name = `Poll${i}`
    return {
      entry: `CheckSkip${name}`,
      states: {
        [`CheckSkip${name}`]: gate(`skip_poll_${i}`, next, name),
        [name]: pass(`${name}Wait`, {Result: {count: 0}, ResultPath: `$.${name}_poll`}),
        [`${name}Wait`]: wait(`${name}Check`, 30),
        [`${name}Check`]: task(`${name}Decide`, 'HandleFailure', {ResultPath: `$.${name}_check`}),
        [`${name}Decide`]: {
          Type: 'Choice',
          Choices: [
            {Variable: `$.${name}_check.Payload.done`, BooleanEquals: true, Next: next},
            {Variable: `$.${name}_poll.count`, NumericGreaterThanEquals: 20, Next: `${name}TimedOut`},
          ],
          Default: `${name}Count`,
        },
        [`${name}Count`]: pass(`${name}Wait`, {Parameters: {'count.$': `States.MathAdd($.${name}_poll.count, 1)`}, ResultPath: `$.${name}_poll`}),
        [`${name}TimedOut`]: pass(next),
      },
      expected: [
        {name, gate: `CheckSkip${name}`, flag: `skip_poll_${i}`, skipTarget: next, parent: null, states: [name, `${name}Wait`, `${name}Check`, `${name}Decide`, `${name}Count`, `${name}TimedOut`]},
      ],
    }
  },
  // A gated Parallel of two isolated branches, each with its own gate: 8 states.
  (i, next) => {
    const name = `Fan${i}`
    const arm = (b: number) => ({
      [`CheckSkip${name}Arm${b}`]: gate(`skip_fan_${i}_arm_${b}`, `${name}Arm${b}Done`, `${name}Arm${b}`),
      [`${name}Arm${b}`]: task(`${name}Arm${b}Done`, `${name}Arm${b}Failed`),
      [`${name}Arm${b}Done`]: pass(undefined, {Parameters: {[`arm_${b}_status`]: 'OK'}}),
      [`${name}Arm${b}Failed`]: pass(undefined, {Parameters: {[`arm_${b}_status`]: 'FAILED'}}),
    })
    const armStates = (b: number) => [`CheckSkip${name}Arm${b}`, `${name}Arm${b}`, `${name}Arm${b}Done`, `${name}Arm${b}Failed`]
    return {
      entry: `CheckSkip${name}`,
      states: {
        [`CheckSkip${name}`]: gate(`skip_fan_${i}`, next, name),
        [name]: parallel(next, [branch(`CheckSkip${name}Arm0`, arm(0)), branch(`CheckSkip${name}Arm1`, arm(1))], {
          Retry: [{ErrorEquals: ['States.ALL'], MaxAttempts: 0}],
          Catch: [{ErrorEquals: ['States.ALL'], Next: 'HandleFailure'}],
          ResultPath: `$.${name}_result`,
        }),
      },
      expected: [
        {name, gate: `CheckSkip${name}`, flag: `skip_fan_${i}`, skipTarget: next, parent: null, states: [name, ...armStates(0), ...armStates(1)]},
        ...[0, 1].map((b) => ({
          name: `${name}Arm${b}`,
          gate: `CheckSkip${name}Arm${b}`,
          flag: `skip_fan_${i}_arm_${b}`,
          skipTarget: `${name}Arm${b}Done`,
          parent: name,
          states: [`${name}Arm${b}`],
        })),
      ],
    }
  },
]

const UNIT_SIZES = [6, 4, 4, 7, 10]

/**
 * A straight pipeline of exactly `size` states (at least 13): InitializeInput, then gated units in
 * rotation (quartet, fail-soft Lambda with a routing Choice, gate-in-gate, counter poll loop,
 * gated Parallel), padded with Pass notes, then Done, HandleFailure and FailExecution.
 */
export function generatePipeline(size: number): GeneratedPipeline {
  const fixed = 4 // InitializeInput, Done, HandleFailure, FailExecution
  const plan: number[] = []
  let used = fixed
  for (let u = 0; used + (UNIT_SIZES[u % UNITS.length] as number) <= size; u++) {
    plan.push(u % UNITS.length)
    used += UNIT_SIZES[u % UNITS.length] as number
  }
  const padding = size - used
  // Built back to front, so each unit knows where it continues.
  let next = 'Done'
  const tail: Record<string, State>[] = []
  const expected: ExpectedWorkload[] = []
  for (let p = padding - 1; p >= 0; p--) {
    tail.unshift({[`Note${p}`]: pass(next)})
    next = `Note${p}`
  }
  for (let i = plan.length - 1; i >= 0; i--) {
    const unit = (UNITS[plan[i] as number] as Unit)(i, next)
    tail.unshift(unit.states)
    expected.unshift(...unit.expected)
    next = unit.entry
  }
  const states: Record<string, State> = {InitializeInput: pass(next, {Result: {run_date: '2026-05-16'}, ResultPath: '$.init'})}
  for (const s of tail) Object.assign(states, s)
  Object.assign(states, {
    Done: succeed(),
    HandleFailure: task('FailExecution', undefined, {Resource: 'arn:aws:states:::sns:publish', Parameters: {TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts', 'Message.$': '$.error'}}),
    FailExecution: fail(),
  })
  return {definition: definition('InitializeInput', states), expected}
}

/** Counts the states of a definition, nested ones included. */
export function countStates(def: Branch): number {
  let n = 0
  for (const s of Object.values(def.States)) {
    n += 1
    if (s.Type === 'Parallel') for (const b of s.Branches) n += countStates(b)
    if (s.Type === 'Map') n += countStates((s.ItemProcessor ?? s.Iterator) as Branch)
  }
  return n
}
