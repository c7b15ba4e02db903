// 500 seeded random requests across every route of the combined server, sent with raw fetch: real
// operations with random members, garbage targets, odd methods, paths and bodies, STS forms with
// and without credentials. Every answer must come back in the protocol the request spoke (JSON with
// __type for Step Functions and EventBridge, XML for S3 and STS), nothing may crash or hang the
// server, and a rejected request must leave the whole state exactly as it was.
import {ListRulesCommand} from '@aws-sdk/client-eventbridge'
import {ListBucketsCommand} from '@aws-sdk/client-s3'
import {CreateStateMachineCommand, ListStateMachinesCommand} from '@aws-sdk/client-sfn'
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts'
import {XMLParser} from 'fast-xml-parser'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {seededRandom} from '../../src/local/faults.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'

const SEED = Number(process.env['ENDPOINT_FUZZ_SEED'] ?? 0xae404)
const REQUESTS = 500
const ROLE = 'arn:aws:iam::000000000000:role/local'
const SM = 'arn:aws:states:us-east-1:000000000000:stateMachine:fuzz-target'
const PASS = JSON.stringify({StartAt: 'P', States: {P: {Type: 'Pass', End: true}}})

const SFN_OPERATIONS = [
  'CreateStateMachine', 'UpdateStateMachine', 'DescribeStateMachine', 'ListStateMachines', 'DeleteStateMachine', 'ListStateMachineVersions',
  'ValidateStateMachineDefinition', 'StartExecution', 'DescribeExecution', 'DescribeStateMachineForExecution', 'ListExecutions',
  'GetExecutionHistory', 'StopExecution', 'RedriveExecution', 'TagResource', 'UntagResource', 'ListTagsForResource',
]
const EVENTS_OPERATIONS = ['PutRule', 'DescribeRule', 'ListRules', 'EnableRule', 'DisableRule', 'DeleteRule', 'PutTargets', 'ListTargetsByRule', 'RemoveTargets']
const GARBAGE_OPERATIONS = ['', 'Nope', '__proto__', 'constructor', 'toString', 'StartExecution ', 'startexecution', 'PutEvents', 'SendTaskSuccess']

const next = seededRandom(SEED)
const int = (n: number) => Math.floor(next() * n)
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
const chance = (p: number) => next() < p
const text = (length: number) => Array.from({length}, () => String.fromCharCode(0x20 + int(0x5f))).join('')

/** A value for a member: mostly plausible, often the wrong type or shape. */
const VALUES: Array<() => unknown> = [
  () => SM,
  () => `${SM}#happy-path`,
  () => `${SM}:fuzz-exec`,
  () => 'arn:aws:states:us-east-1:000000000000:execution:fuzz-target:fuzz-exec',
  () => 'arn:aws:states:us-east-1:000000000000:stateMachine:missing',
  () => `fuzz-${int(5)}`,
  () => text(int(40)),
  () => 'x'.repeat(90),
  () => PASS,
  () => '{"StartAt": "Nowhere", "States": {}}',
  () => '{not json',
  () => ROLE,
  () => 'cron(0 7 * * ? *)',
  () => 'rate(5 minutes)',
  () => pick(['ENABLED', 'DISABLED', 'enabled', 'PAUSED']),
  () => int(2000) - 100,
  () => 1.5,
  () => true,
  () => null,
  () => [],
  () => [{Id: 't', Arn: SM, RoleArn: ROLE}],
  () => [{Id: text(3)}],
  () => [{key: 'k', value: 'v'}],
  () => ({}),
  () => ({nested: {deep: [1, 2]}}),
]
const MEMBERS = [
  'name', 'stateMachineArn', 'executionArn', 'definition', 'roleArn', 'input', 'maxResults', 'nextToken', 'reverseOrder', 'statusFilter',
  'resourceArn', 'tags', 'tagKeys', 'publish', 'type', 'Name', 'Rule', 'ScheduleExpression', 'State', 'Targets', 'Ids', 'EventBusName',
  'NamePrefix', 'Limit', 'NextToken', 'Description', 'RoleArn', 'EventPattern', '__proto__', 'constructor',
]

function jsonBody(): string {
  const roll = int(10)
  if (roll === 0) return ''
  if (roll === 1) return text(int(60))
  if (roll === 2) return JSON.stringify(pick([[], 'a string', 42, null, [{}]]))
  if (roll === 3) return '{"a": '
  const members = Object.fromEntries(Array.from({length: int(6)}, () => [pick(MEMBERS), pick(VALUES)()]))
  return JSON.stringify(members)
}

const S3_PATHS = ['/', '/alpha-engine-research', '/alpha-engine-research/', '/alpha-engine-research/fuzz/key.json', '/alpha-engine-research/%ZZ', '/missing-bucket/k', '/Bad_Bucket', '/fuzz-new-bucket', `/alpha-engine-research/${'k'.repeat(1100)}`]
const S3_QUERIES = ['', '?list-type=2', '?list-type=2&max-keys=-1', '?delete', '?location', '?uploads', '?acl', '?versionId=abc', '?continuation-token=%ZZ', '?list-type=2&prefix=fuzz/&delimiter=/']

interface FuzzRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: string
}

function randomRequest(): FuzzRequest {
  const kind = pick(['sfn', 'sfn', 'events', 'events', 'sts', 's3', 's3', 'garbage'] as const)
  if (kind === 'sfn' || kind === 'events') {
    const prefix = kind === 'sfn' ? 'AWSStepFunctions.' : 'AWSEvents.'
    const operation = chance(0.85) ? pick(kind === 'sfn' ? SFN_OPERATIONS : EVENTS_OPERATIONS) : pick(GARBAGE_OPERATIONS)
    const method = chance(0.9) ? 'POST' : pick(['GET', 'PUT', 'DELETE'])
    const headers = {'x-amz-target': prefix + operation, 'content-type': chance(0.9) ? `application/x-amz-json-${kind === 'sfn' ? '1.0' : '1.1'}` : text(8)}
    return {method, path: chance(0.9) ? '/' : pick(['/x', '/?a=b']), headers, ...(method === 'GET' ? {} : {body: jsonBody()})}
  }
  if (kind === 'sts') {
    const action = chance(0.7) ? 'GetCallerIdentity' : pick(['AssumeRole', 'Nope', '', text(5)])
    const params = new URLSearchParams({Action: action, Version: pick(['2011-06-15', 'x'])})
    if (chance(0.3)) params.set(pick(['RoleArn', 'DurationSeconds', text(4)]), text(int(10)))
    const headers: Record<string, string> = {'content-type': 'application/x-www-form-urlencoded'}
    if (chance(0.5)) headers.authorization = `AWS4-HMAC-SHA256 Credential=${pick(['test', 'EXPIRED', '123456789012', '12345', text(6).replace(/[\s/,]/g, 'q')])}/20260516/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0`
    return {method: 'POST', path: '/', headers, body: params.toString()}
  }
  if (kind === 's3') {
    const method = pick(['GET', 'GET', 'PUT', 'PUT', 'HEAD', 'DELETE', 'POST', 'PATCH'])
    const headers: Record<string, string> = chance(0.3) ? {'content-type': pick(['application/xml', 'text/plain', text(6)])} : {}
    if (chance(0.2)) headers['if-none-match'] = '*'
    const body = method === 'GET' || method === 'HEAD' || chance(0.3) ? undefined : pick([text(int(100)), '<Delete><Object><Key>fuzz/key.json</Key></Object></Delete>', '<CreateBucketConfiguration><LocationConstraint>'])
    return {method, path: pick(S3_PATHS) + pick(S3_QUERIES), headers, ...(body === undefined ? {} : {body})}
  }
  // Garbage: a target no service owns (served as S3 REST, as AWS's front door would not), odd methods.
  const method = pick(['POST', 'GET', 'OPTIONS', 'PATCH'])
  const headers = {'x-amz-target': pick(['Foo.Bar', 'AWSStepFunction.StartExecution', 'awsevents.PutRule', text(10).replace(/[^\x21-\x7e]/g, 'x')]), 'content-type': text(6)}
  return {method, path: pick(['/', '/x/y', '/?Action=GetCallerIdentity']), headers, ...(method === 'GET' ? {} : {body: text(int(80))})}
}

/** The protocol the server must answer in, decided from the request alone. */
function protocolOf(request: FuzzRequest): 'sfn' | 'events' | 'sts' | 's3' {
  const target = request.headers['x-amz-target'] ?? ''
  if (target.startsWith('AWSStepFunctions.')) return 'sfn'
  if (target.startsWith('AWSEvents.')) return 'events'
  if (request.method === 'POST' && request.path === '/' && (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') && /(^|&)Action=/.test(request.body ?? '')) return 'sts'
  return 's3'
}

const xml = new XMLParser({parseTagValue: false})

function checkShape(protocol: ReturnType<typeof protocolOf>, request: FuzzRequest, status: number, contentType: string, body: string, where: string): void {
  expect(status === 501 || status < 500, `${where}: status ${status} ${body.slice(0, 300)}`).toBe(true)
  if (protocol === 'sfn' || protocol === 'events') {
    expect(contentType, where).toBe(protocol === 'sfn' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1')
    // An operation with no output (DeleteRule, EnableRule) answers 200 with an empty body, as AWS does.
    if (status === 200 && body === '') return
    let parsed: Record<string, unknown>
    try {
      parsed = JSON.parse(body) as Record<string, unknown>
    } catch {
      throw new Error(`${where}: status ${status} with a body that is not JSON: ${JSON.stringify(body.slice(0, 200))}`)
    }
    expect(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), where).toBe(true)
    if (status >= 400) {
      expect(parsed.__type, where).toMatch(/^[A-Za-z.#:]+$/)
      expect(typeof parsed.message, where).toBe('string')
    } else {
      expect(parsed.__type, where).toBeUndefined()
    }
    return
  }
  if (protocol === 'sts') {
    expect(contentType, where).toBe('text/xml')
    const doc = xml.parse(body) as {ErrorResponse?: {Error?: {Code?: string}}; GetCallerIdentityResponse?: {GetCallerIdentityResult?: {Account?: string}}}
    if (status >= 400) expect(doc.ErrorResponse?.Error?.Code, where).toMatch(/^[A-Za-z]+$/)
    else expect(doc.GetCallerIdentityResponse?.GetCallerIdentityResult?.Account, where).toMatch(/^\d{12}$/)
    return
  }
  if (status >= 400 && request.method !== 'HEAD') {
    expect(contentType, where).toBe('application/xml')
    expect((xml.parse(body) as {Error?: {Code?: string}}).Error?.Code, where).toMatch(/^[A-Za-z0-9]+$/)
  } else if (status < 300 && contentType === 'application/xml' && body !== '') {
    expect(() => xml.parse(body), where).not.toThrow()
  }
}

let local: LocalAws

/** Lets executions a successful request started finish, so the next comparison sees a still store. */
async function settle(): Promise<void> {
  for (let i = 0; i < 200 && local.endpoint.snapshot().sfn.executions.some((e) => e.status === 'RUNNING'); i++) await new Promise((r) => setImmediate(r))
}

beforeAll(async () => {
  local = await localAws()
  await local.clients.sfn.send(new CreateStateMachineCommand({name: 'fuzz-target', roleArn: ROLE, definition: PASS}))
})

afterAll(async () => {
  await local.close()
})

describe('random requests across every route of the combined server', () => {
  it(`are each answered in their protocol's shape, and a rejected one changes nothing (seed ${SEED})`, async () => {
    const outcomes = {sfn: {ok: 0, rejected: 0}, events: {ok: 0, rejected: 0}, sts: {ok: 0, rejected: 0}, s3: {ok: 0, rejected: 0}}
    for (let i = 0; i < REQUESTS; i++) {
      const request = randomRequest()
      const protocol = protocolOf(request)
      const where = `request ${i} (seed ${SEED}): ${request.method} ${request.path.slice(0, 80)} ${JSON.stringify(request.headers)} ${(request.body ?? '').slice(0, 200)}`
      const before = JSON.stringify(local.endpoint.snapshot())
      const response = await fetch(local.endpoint.url + request.path, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : {body: request.body}),
        signal: AbortSignal.timeout(5000),
      })
      const body = await response.text()
      checkShape(protocol, request, response.status, response.headers.get('content-type') ?? '', body, where)
      const rejected = response.status >= 400
      outcomes[protocol][rejected ? 'rejected' : 'ok']++
      if (rejected) expect(JSON.stringify(local.endpoint.snapshot()), where).toBe(before)
      else await settle()
    }
    // Each protocol must have seen both outcomes for the run to mean anything.
    for (const [protocol, {ok, rejected}] of Object.entries(outcomes)) {
      expect(ok, `${protocol} successes`).toBeGreaterThan(0)
      expect(rejected, `${protocol} rejections`).toBeGreaterThan(0)
    }
  })

  it('leaves every service answering the real SDK clients', async () => {
    const {sfn, events, s3, sts} = local.clients
    expect((await sfn.send(new ListStateMachinesCommand({}))).stateMachines?.map((m) => m.name)).toContain('fuzz-target')
    expect((await events.send(new ListRulesCommand({}))).$metadata.httpStatusCode).toBe(200)
    // (a random DELETE may have removed an empty bucket: that is a success, not damage)
    expect((await s3.send(new ListBucketsCommand({}))).$metadata.httpStatusCode).toBe(200)
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000')
  })
})
