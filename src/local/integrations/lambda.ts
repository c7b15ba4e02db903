// Lambda, served locally: the optimized `arn:aws:states:::lambda:invoke` (output wrapped as AWS
// wraps it: ExecutedVersion, Payload, StatusCode and the Sdk*Metadata envelope) and the legacy form
// where the Resource is the function ARN itself (output = the function's result). The function's
// result is the scenario's mocked response, else a default that keeps the shipped pipelines going.
import {randomBytes} from 'node:crypto'
import {StatesError} from '../../asl/states-error.js'
import type {JsonObject, JsonValue} from '../../asl/types.js'
import {newRequestId, sdkEnvelope} from './aws-metadata.js'
import {defaultLambdaPayload} from './lambda-defaults.js'
import type {LocalService, ServiceCall} from './scenario-task.js'
import {asObject} from './json.js'

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke'
/** A Lambda call when the scenario gives no duration. */
export const LAMBDA_DEFAULT_MS = 1_500

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(?::[A-Za-z0-9$_-]+)?$/

export const isFunctionArn = (resource: string): boolean => FUNCTION_ARN.test(resource)


/** The version a qualified name runs: a numeric qualifier is that version, anything else $LATEST. */
function executedVersion(functionName: string): string {
  const qualifier = /:function:[^:]+:([^:]+)$/.exec(functionName)?.[1] ?? (/^[^:]+:(\d+)$/.exec(functionName)?.[1])
  return qualifier !== undefined && /^\d+$/.test(qualifier) ? qualifier : '$LATEST'
}

function wrap(payload: JsonValue, functionName: string, c: ServiceCall, fields: JsonObject = {}): JsonObject {
  const version = executedVersion(functionName)
  const body = JSON.stringify(payload)
  const now = c.req.clock.now()
  const traceId = `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`
  return {
    ExecutedVersion: version,
    Payload: payload,
    StatusCode: 200,
    ...sdkEnvelope({
      date: now,
      requestId: newRequestId(),
      contentType: 'application/json',
      contentLength: Buffer.byteLength(body),
      headers: {Connection: 'keep-alive', 'X-Amz-Executed-Version': version, 'x-amzn-Remapped-Content-Length': '0', 'X-Amzn-Trace-Id': traceId},
    }),
    ...fields,
  }
}

function invokeParams(c: ServiceCall): {functionName: string; payload: JsonValue; invocationType: string} {
  const params = asObject(c.req.input) ?? {}
  const functionName = params.FunctionName
  if (typeof functionName !== 'string' || functionName === '') {
    throw new StatesError('Lambda.InvalidParameterValueException', 'lambda:invoke needs a FunctionName parameter')
  }
  const invocationType = typeof params.InvocationType === 'string' ? params.InvocationType : 'RequestResponse'
  return {functionName, payload: params.Payload ?? {}, invocationType}
}

export const lambdaInvoke: LocalService = {
  defaultDurationMs: LAMBDA_DEFAULT_MS,
  call(c) {
    const {functionName, payload, invocationType} = invokeParams(c)
    if (invocationType === 'Event') {
      // An asynchronous invoke is accepted, not run: 202 and an empty payload, as AWS answers.
      return {...wrap('', functionName, c), StatusCode: 202}
    }
    const result = defaultLambdaPayload({stateName: c.req.stateName, functionName, payload, runDate: c.runDate, invocation: c.invocation})
    return wrap(result, functionName, c)
  },
  fromMock(value, c) {
    // A Step Functions Local Return is the whole response; fill in the envelope it leaves out.
    const returned = asObject(value)
    if (returned === undefined) return value
    const {functionName} = invokeParams(c)
    return {...wrap(returned.Payload ?? null, functionName, c), ...returned}
  },
}

/** The legacy Task form: Resource is the function ARN, the effective input is the payload. */
export const lambdaFunction = (functionArn: string): LocalService => ({
  defaultDurationMs: LAMBDA_DEFAULT_MS,
  call: (c) => defaultLambdaPayload({stateName: c.req.stateName, functionName: functionArn, payload: c.req.input, runDate: c.runDate, invocation: c.invocation}),
})
