import {DescribeRuleCommand, PutRuleCommand, PutTargetsCommand} from '@aws-sdk/client-eventbridge'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {isValidSchedule} from '../../../src/schedule/index.js'
import {type EventsFixture, startEvents} from './serve.js'

// 300 requests, each malformed or impossible by construction, sent with raw fetch. Every one must
// come back as an AWS JSON protocol error, nothing may crash the handler, and the store must be
// exactly as it was. The generator is seeded so a failure can be replayed.
const SEED = 0xae5eed
const COUNT = 300
const SFN = 'arn:aws:states:us-east-1:123456789012:stateMachine:saturday'

interface RawRequest {
  label: string
  method?: string
  target?: string | null // null: no header at all
  contentType?: string | null
  body: string | Buffer
}

/** mulberry32: small, seedable, good enough to pick cases. */
function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  const text = (length: number, alphabet: string) => Array.from({length}, () => alphabet[int(alphabet.length)]).join('')
  return {int, pick, text}
}
type Rng = ReturnType<typeof random>

const OPERATIONS = ['PutRule', 'DescribeRule', 'ListRules', 'EnableRule', 'DisableRule', 'DeleteRule', 'PutTargets', 'ListTargetsByRule', 'RemoveTargets']
const MUTATING = ['PutRule', 'EnableRule', 'DisableRule', 'DeleteRule', 'PutTargets', 'RemoveTargets']
const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789._-'
const BAD_CHARS = ' !@#$%^&*()+=[]{}|;:\'",<>/?`~é\u0000\n'
const WRONG_VALUES: unknown[] = [42, 2.5, true, {}, [], ['x'], {Name: 'x'}]

const validName = (r: Rng) => `fz-${r.text(1 + r.int(20), NAME_CHARS)}`
const badName = (r: Rng) =>
  r.pick([
    () => '',
    () => 'x'.repeat(65 + r.int(40)),
    () => `${r.text(r.int(5), NAME_CHARS)}${r.text(1 + r.int(3), BAD_CHARS)}${r.text(r.int(5), NAME_CHARS)}`,
  ])()

const VALID_SCHEDULES = ['cron(0 9 ? * SAT *)', 'cron(0 12 ? * MON-FRI *)', 'cron(0/15 * * * ? *)', 'rate(5 minutes)', 'rate(1 day)']
function badSchedule(r: Rng): string {
  for (let tries = 0; tries < 20; tries++) {
    const base = r.pick(VALID_SCHEDULES)
    const candidate = r.pick([
      () => base.replace(' ', '  '),
      () => base.replace(/\)$/, ' *)'),
      () => base.replace(/ [^ ]+\)$/, ')'),
      () => base.replace('?', '*'),
      () => base.replace(/\d+/, String(60 + r.int(1000))),
      () => base.replace(/[a-z]+\)$/, `${r.text(1 + r.int(6), 'xyzqw')})`),
      () => base.toUpperCase(),
      () => ` ${base}`,
      () => base.slice(0, r.int(base.length)),
      () => `${r.pick(['cron', 'rate', 'at', ''])}(${r.text(r.int(30), '0123456789 *?/-,#LW')})`,
    ])()
    if (candidate !== '' && !isValidSchedule(candidate)) return candidate
  }
  return 'cron(0 1 * * * *)'
}

/** One request that must fail: the `label` says how it is malformed. */
function malformed(r: Rng): RawRequest {
  const json = (label: string, op: string, body: unknown): RawRequest => ({label, target: `AWSEvents.${op}`, body: JSON.stringify(body)})
  const cases: (() => RawRequest)[] = [
    () => ({
      label: 'unknown or missing operation',
      target: r.pick([null, '', 'AWSEvents.', 'AWSEvents.Nope', 'awsevents.PutRule', 'AWSStepFunctions.StartExecution', 'AWSEvents.PutEvents', 'AWSEvents.__proto__', 'AWSEvents.constructor', 'AWSEvents.toString', r.text(12, NAME_CHARS)]),
      body: JSON.stringify({Name: validName(r), ScheduleExpression: 'rate(1 day)'}),
    }),
    () => ({
      label: 'body that is not a JSON object',
      target: `AWSEvents.${r.pick(OPERATIONS)}`,
      body: r.pick([
        () => '{"Name": "x"',
        () => '[]',
        () => 'null',
        () => '42',
        () => '"PutRule"',
        () => '{,}',
        () => `\u0001${r.text(r.int(40), '{}[]":,abc123 ')}`,
        () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      ])(),
    }),
    () => {
      const op = r.pick(MUTATING)
      const member = {PutRule: 'Name', EnableRule: 'Name', DisableRule: 'Name', DeleteRule: 'Name', PutTargets: 'Rule', RemoveTargets: 'Rule'}[op] as string
      return json('required member of the wrong type', op, {[member]: r.pick(WRONG_VALUES), ScheduleExpression: 'rate(1 day)', Targets: [{Id: 'x', Arn: SFN}], Ids: ['x']})
    },
    () =>
      json('list member of the wrong type', r.pick(['PutTargets', 'RemoveTargets']), {
        Rule: 'fz-seeded',
        Targets: r.pick(['x', 5, [1], [[]], [{Id: 5, Arn: SFN}], [{Id: 'x', Arn: ['a']}]]),
        Ids: r.pick(['x', [1], [{}], [true]]),
      }),
    () => json('Limit of the wrong type', r.pick(['ListRules', 'ListTargetsByRule']), {Rule: 'fz-seeded', Limit: r.pick(['5', 2.5, true, [1]])}),
    () => json('missing required member', r.pick(MUTATING), {ScheduleExpression: 'rate(1 day)', Description: 'no name'}),
    () => json('rule name outside the constraints', r.pick(MUTATING), {Name: badName(r), Rule: badName(r), ScheduleExpression: 'rate(1 day)', Targets: [{Id: 'x', Arn: SFN}], Ids: ['x']}),
    () => json('State outside the enum', 'PutRule', {Name: validName(r), ScheduleExpression: 'rate(1 day)', State: r.pick(['enabled', 'PAUSED', '', 'ENABLED '])}),
    () => json('Limit out of range', r.pick(['ListRules', 'ListTargetsByRule']), {Rule: 'fz-seeded', Limit: r.pick([0, -1, 101, 1e6])}),
    () => json('NextToken that was never handed out', r.pick(['ListRules', 'ListTargetsByRule']), {Rule: 'fz-seeded', NextToken: r.text(1 + r.int(30), NAME_CHARS)}),
    () => json('Targets list of the wrong length', 'PutTargets', {Rule: 'fz-seeded', Targets: Array.from({length: r.pick([0, 11, 12])}, (_, i) => ({Id: `t${i}`, Arn: SFN}))}),
    () => json('target Id or Arn outside the constraints', 'PutTargets', {Rule: 'fz-seeded', Targets: [r.pick([{Id: badName(r), Arn: SFN}, {Id: 'x'}, {Arn: SFN}, {Id: 'x', Arn: ''}])]}),
    () => json('Ids list outside the constraints', 'RemoveTargets', {Rule: 'fz-seeded', Ids: r.pick([[], [badName(r)], Array.from({length: 101}, (_, i) => `i${i}`)])}),
    () => json('operation on a rule that does not exist', r.pick(['DescribeRule', 'EnableRule', 'DisableRule', 'PutTargets', 'ListTargetsByRule', 'RemoveTargets']), {Name: validName(r), Rule: validName(r), Targets: [{Id: 'x', Arn: SFN}], Ids: ['x']}),
    () => json('ScheduleExpression EventBridge refuses', 'PutRule', {Name: r.pick(['fz-seeded', validName(r)]), ScheduleExpression: badSchedule(r)}),
    () => json('neither EventPattern nor ScheduleExpression', 'PutRule', {Name: validName(r), Description: 'empty'}),
    () => json('EventPattern that is not a JSON object', 'PutRule', {Name: validName(r), EventPattern: r.pick(['[1]', '{bad', '"s"', 'null'])}),
    () => json('event bus that does not exist', r.pick(['PutRule', 'DescribeRule', 'ListRules', 'PutTargets']), {Name: 'fz-seeded', Rule: 'fz-seeded', ScheduleExpression: 'rate(1 day)', Targets: [{Id: 'x', Arn: SFN}], EventBusName: r.pick(['custom', 'arn:aws:events:us-east-1:999999999999:event-bus/default'])}),
    () => json('DeleteRule on a rule with targets', 'DeleteRule', {Name: r.pick(['fz-seeded', 'fz-full']), Force: r.pick([true, false])}),
    () => json('a sixth target', 'PutTargets', {Rule: 'fz-full', Targets: [{Id: `new-${r.int(1000)}`, Arn: SFN}]}),
    () => json('Input and InputPath together, or Input not JSON', 'PutTargets', {Rule: 'fz-seeded', Targets: [r.pick([{Id: 'x', Arn: SFN, Input: '{}', InputPath: '$'}, {Id: 'x', Arn: SFN, Input: '{nope'}])]}),
    () => ({label: 'method other than POST', method: r.pick(['GET', 'PUT', 'DELETE', 'PATCH']), target: 'AWSEvents.ListRules', body: r.pick(['', '{}'])}),
  ]
  const request = r.pick(cases)()
  request.contentType = r.pick(['application/x-amz-json-1.1', 'application/x-amz-json-1.1', 'application/json', 'text/plain', null])
  return request
}

let f: EventsFixture
beforeAll(async () => {
  f = await startEvents()
  await f.client.send(new PutRuleCommand({Name: 'fz-seeded', ScheduleExpression: 'cron(0 9 ? * SAT *)', Description: 'seed'}))
  await f.client.send(new PutTargetsCommand({Rule: 'fz-seeded', Targets: [{Id: 'pipeline', Arn: SFN, Input: '{"a":1}'}]}))
  await f.client.send(new PutRuleCommand({Name: 'fz-full', ScheduleExpression: 'rate(1 day)', State: 'DISABLED'}))
  await f.client.send(new PutTargetsCommand({Rule: 'fz-full', Targets: ['1', '2', '3', '4', '5'].map((Id) => ({Id, Arn: SFN}))}))
})
afterAll(async () => {
  await f.close()
})

describe('the EventBridge endpoint under malformed requests', () => {
  it(`answers ${COUNT} malformed requests with AWS-shaped errors and leaves the store unchanged (seed ${SEED})`, async () => {
    // Given the store as it stands
    const before = JSON.stringify(f.store.snapshot())
    const r = random(SEED)
    const seen = new Map<string, number>()
    for (let i = 0; i < COUNT; i++) {
      // When a malformed request is sent
      const request = malformed(r)
      const headers: Record<string, string> = {}
      if (request.target !== null && request.target !== undefined) headers['x-amz-target'] = request.target
      if (request.contentType) headers['content-type'] = request.contentType
      const method = request.method ?? 'POST'
      const response = await fetch(f.url, {method, headers, body: method === 'GET' || request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : new Uint8Array(request.body)})
      // Then it is a 400 in AWS's JSON error shape
      const text = await response.text()
      const where = `request ${i} (${request.label}): ${method} ${String(request.target)} ${String(request.body).slice(0, 200)} -> ${response.status} ${text}`
      expect(response.status, where).toBe(400)
      expect(response.headers.get('content-type'), where).toBe('application/x-amz-json-1.1')
      expect(response.headers.get('x-amzn-requestid'), where).toMatch(/^[0-9a-f-]{36}$/)
      const body = JSON.parse(text) as {__type?: unknown; message?: unknown}
      expect(Object.keys(body).sort(), where).toEqual(['__type', 'message'])
      expect(body.__type, where).toMatch(/^[A-Z][A-Za-z]+Exception$/)
      expect(typeof body.message === 'string' && body.message.length > 0, where).toBe(true)
      seen.set(body.__type as string, (seen.get(body.__type as string) ?? 0) + 1)
    }
    // And the store is exactly as before, and the endpoint still serves the SDK
    expect(JSON.stringify(f.store.snapshot())).toBe(before)
    expect((await f.client.send(new DescribeRuleCommand({Name: 'fz-seeded'}))).Description).toBe('seed')
    // And the run exercised the whole range of errors
    expect([...seen.keys()].sort()).toEqual([
      'InvalidEventPatternException',
      'LimitExceededException',
      'ResourceNotFoundException',
      'SerializationException',
      'UnknownOperationException',
      'ValidationException',
    ])
  })
})
