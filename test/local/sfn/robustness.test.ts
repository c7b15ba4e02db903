// The handler under hostile input, and the store across a restart. 500 seeded random requests
// (random targets, non-JSON bodies, wrong types, huge numbers, missing members) all get an AWS-shaped
// JSON error or a normal answer, never a crash, and leave the store as it was. A snapshot restores
// state machines, versions, tags and executions; an execution that was running comes back ABORTED.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListTagsForResourceCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import {seededRandom} from '../../../src/local/faults.js'
import {RESTART_CAUSE, SfnStore} from '../../../src/local/sfn/index.js'
import {fn, json, PASS, rejection, ROLE, sfnPerTest, startSfn, taskMachine} from './serve.js'

const sfn = sfnPerTest()

const OPERATIONS = [
  'CreateStateMachine',
  'UpdateStateMachine',
  'DescribeStateMachine',
  'ListStateMachines',
  'DeleteStateMachine',
  'ListStateMachineVersions',
  'ValidateStateMachineDefinition',
  'StartExecution',
  'DescribeExecution',
  'DescribeStateMachineForExecution',
  'ListExecutions',
  'GetExecutionHistory',
  'StopExecution',
  'RedriveExecution',
  'TagResource',
  'UntagResource',
  'ListTagsForResource',
]

const MEMBERS = [
  'name',
  'definition',
  'roleArn',
  'type',
  'tags',
  'publish',
  'versionDescription',
  'stateMachineArn',
  'executionArn',
  'resourceArn',
  'tagKeys',
  'input',
  'maxResults',
  'nextToken',
  'reverseOrder',
  'includeExecutionData',
  'statusFilter',
  'redriveFilter',
  'error',
  'cause',
  'clientToken',
  'severity',
  'loggingConfiguration',
]

// Values chosen to be wrong somewhere: wrong types, out-of-range numbers, malformed or unknown ARNs,
// names with forbidden characters, broken JSON texts. None of them names the existing resources.
const VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  1.5,
  2 ** 53 + 1,
  '',
  ' ',
  'x'.repeat(3000),
  'has space',
  '{not json',
  '[]',
  '{"StartAt":"A","States":{}}',
  'arn:aws:states:us-east-1:123456789012:stateMachine:ghost',
  'arn:aws:states:us-east-1:123456789012:stateMachine:orders:99',
  'arn:aws:states:us-east-1:123456789012:stateMachine:orders:alias',
  'arn:aws:states:us-east-1:123456789012:execution:orders:ghost',
  'arn:aws:states:us-east-1:123456789012:execution:orders',
  'arn:aws:states:::stateMachine:',
  'arn:aws:iam::123456789012:role/R',
  'arn:aws:lambda:us-east-1:123456789012:function:echo',
  'not-an-arn',
  'RUNNING',
  'BOGUS',
  '\u0000\u0007',
  [],
  [1, 'a', null],
  [{key: 1}],
  [{key: 'k'.repeat(200), value: 'v'}],
  {},
  {nested: {deeper: [1, 2, {x: null}]}},
]

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

// The members each operation requires: filling them in (with wrong values) gets past the first
// check, so the fuzz reaches the deeper validation of every operation.
const REQUIRED: Record<string, string[]> = {
  CreateStateMachine: ['name', 'definition', 'roleArn'],
  UpdateStateMachine: ['stateMachineArn', 'definition'],
  DescribeStateMachine: ['stateMachineArn'],
  DeleteStateMachine: ['stateMachineArn'],
  ListStateMachineVersions: ['stateMachineArn'],
  ValidateStateMachineDefinition: ['definition'],
  StartExecution: ['stateMachineArn'],
  DescribeExecution: ['executionArn'],
  DescribeStateMachineForExecution: ['executionArn'],
  ListExecutions: ['stateMachineArn'],
  GetExecutionHistory: ['executionArn'],
  StopExecution: ['executionArn'],
  RedriveExecution: ['executionArn'],
  TagResource: ['resourceArn', 'tags'],
  UntagResource: ['resourceArn', 'tagKeys'],
  ListTagsForResource: ['resourceArn'],
}

function randomBody(random: () => number, operation: string | undefined): string {
  const kind = Math.floor(random() * 8)
  if (kind === 0) return Array.from({length: Math.floor(random() * 40)}, () => String.fromCharCode(Math.floor(random() * 256))).join('')
  if (kind === 1) return json(pick(random, [[1, 2], 42, 'text', null, true]) as never)
  if (kind === 2) return '{"maxResults": 1e999}'
  if (kind === 3) return ''
  const body: Record<string, unknown> = {}
  for (const member of operation === undefined ? [] : (REQUIRED[operation] ?? [])) body[member] = pick(random, VALUES)
  const extra = Math.floor(random() * 3)
  for (let i = 0; i < extra; i++) body[pick(random, MEMBERS)] = pick(random, VALUES)
  return JSON.stringify(body)
}

function randomTarget(random: () => number): string | undefined {
  const kind = Math.floor(random() * 20)
  if (kind === 0) return undefined
  if (kind === 1) return 'AWSStepFunctions.DoSomethingElse'
  if (kind === 2) return 'AWSEvents.PutRule'
  if (kind === 3) return 'AWSStepFunctions.'
  return `AWSStepFunctions.${pick(random, OPERATIONS)}`
}

describe('malformed requests', () => {
  it('answers 500 random malformed requests with AWS-shaped JSON and leaves the store unchanged', async () => {
    // Given a store with a state machine, a version, tags and a finished execution
    const created = await sfn.client.send(
      new CreateStateMachineCommand({name: 'orders', definition: json(PASS), roleArn: ROLE, publish: true, tags: [{key: 't', value: 'v'}]}),
    )
    const {executionArn} = await sfn.client.send(new StartExecutionCommand({stateMachineArn: created.stateMachineArn, name: 'done'}))
    await sfn.settle(executionArn!)
    const before = JSON.stringify(sfn.store.snapshot())

    // When 500 random requests arrive
    const random = seededRandom(20260302)
    const unexpected: string[] = []
    for (let i = 0; i < 500; i++) {
      const target = randomTarget(random)
      const headers: Record<string, string> = {'content-type': 'application/x-amz-json-1.0'}
      if (target !== undefined) headers['x-amz-target'] = target
      const body = randomBody(random, target?.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : undefined)
      const response = await fetch(sfn.url, {method: random() < 0.02 ? 'PUT' : 'POST', headers, body})
      const text = await response.text()
      // Then every answer is JSON 1.0: a 200 for a harmless read, or a 400 error with __type and message
      const parsed = JSON.parse(text) as Record<string, unknown>
      const shaped =
        response.headers.get('content-type') === 'application/x-amz-json-1.0' &&
        (response.status === 200 || (response.status === 400 && typeof parsed.__type === 'string' && typeof parsed.message === 'string'))
      if (!shaped) unexpected.push(`${target} ${body.slice(0, 80)} -> ${response.status} ${text.slice(0, 200)}`)
    }
    expect(unexpected).toEqual([])
    // And the store is as it was
    expect(JSON.stringify(sfn.store.snapshot())).toBe(before)
  })

  it('names an unknown operation UnknownOperationException', async () => {
    const response = await fetch(sfn.url, {method: 'POST', headers: {'x-amz-target': 'AWSStepFunctions.Teleport'}, body: '{}'})
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({__type: 'UnknownOperationException'})
  })
})

describe('snapshot and restore', () => {
  it('brings back state machines, versions, tags and executions; a running one comes back ABORTED', async () => {
    // Given a published, tagged state machine with one finished and one running execution
    const created = await sfn.client.send(
      new CreateStateMachineCommand({name: 'orders', definition: json(taskMachine(fn('hold'))), roleArn: ROLE, publish: true, tags: [{key: 't', value: 'v'}]}),
    )
    const quick = await sfn.client.send(new CreateStateMachineCommand({name: 'quick', definition: json(PASS), roleArn: ROLE}))
    const finished = await sfn.client.send(new StartExecutionCommand({stateMachineArn: quick.stateMachineArn, name: 'finished', input: '{"a":1}'}))
    await sfn.settle(finished.executionArn!)
    const running = await sfn.client.send(new StartExecutionCommand({stateMachineArn: created.stateMachineArn, name: 'running'}))
    for (let i = 0; i < 100 && sfn.gate.waiting === 0; i++) await new Promise((r) => setImmediate(r))

    // When the store is snapshotted as JSON and restored into a new endpoint
    const snapshot = JSON.parse(JSON.stringify(sfn.store.snapshot())) as ReturnType<SfnStore['snapshot']>
    const restored = SfnStore.fromSnapshot(snapshot, new Date('2026-03-02T00:05:00Z'))
    const next = await startSfn({store: restored})
    try {
      // Then the state machines, versions and tags are there
      const described = await next.client.send(new DescribeStateMachineCommand({stateMachineArn: `${created.stateMachineArn}:1`}))
      expect(described.definition).toBe(json(taskMachine(fn('hold'))))
      expect((await next.client.send(new ListTagsForResourceCommand({resourceArn: created.stateMachineArn}))).tags).toEqual([{key: 't', value: 'v'}])
      // And the finished execution reads as before
      const done = await next.client.send(new DescribeExecutionCommand({executionArn: finished.executionArn}))
      expect(done).toMatchObject({status: 'SUCCEEDED', input: '{"a":1}', output: '{"a":1}'})
      // And the running one was aborted by the restart, with the reason in its history
      const aborted = await next.client.send(new DescribeExecutionCommand({executionArn: running.executionArn}))
      expect(aborted).toMatchObject({status: 'ABORTED', cause: RESTART_CAUSE})
      expect(aborted.stopDate).toEqual(new Date('2026-03-02T00:05:00Z'))
      const history = await next.client.send(new GetExecutionHistoryCommand({executionArn: running.executionArn, reverseOrder: true, maxResults: 1}))
      expect(history.events?.[0]).toMatchObject({type: 'ExecutionAborted', executionAbortedEventDetails: {cause: RESTART_CAUSE}})
      // And the engine state it would need to resume is gone, so it says it cannot be redriven
      expect(aborted.redriveStatus).toBe('NOT_REDRIVABLE')
      expect((await rejection(next.client.send(new RedriveExecutionCommand({executionArn: running.executionArn})))).name).toBe('ExecutionNotRedrivable')
      // And new executions still start on the restored state machines
      const again = await next.client.send(new StartExecutionCommand({stateMachineArn: quick.stateMachineArn, name: 'again'}))
      await next.settle(again.executionArn!)
      expect((await next.client.send(new DescribeExecutionCommand({executionArn: again.executionArn}))).status).toBe('SUCCEEDED')
    } finally {
      await next.close()
    }
  })

  it('refuses a snapshot that is not one', () => {
    expect(() => SfnStore.fromSnapshot({stateMachines: 'no'} as never)).toThrow(/not a Step Functions store snapshot/)
    expect(() => SfnStore.fromSnapshot({stateMachines: [{name: 'x'}], executions: []} as never)).toThrow(/not a Step Functions store snapshot/)
  })
})
