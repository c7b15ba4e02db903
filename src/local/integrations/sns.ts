// `arn:aws:states:::sns:publish`: the message is recorded, never sent. The output is what the
// optimized integration returns: MessageId plus the Sdk*Metadata envelope.
import {randomUUID} from 'node:crypto'
import {StatesError} from '../../asl/states-error.js'
import {newRequestId, sdkEnvelope} from './aws-metadata.js'
import type {LocalService} from './scenario-task.js'
import {asObject} from './json.js'

export const SNS_PUBLISH = 'arn:aws:states:::sns:publish'


const invalid = (message: string) =>
  new StatesError('SNS.InvalidParameterException', `${message} (Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter; Request ID: ${newRequestId()}; Proxy: null)`)

export const snsPublish: LocalService = {
  defaultDurationMs: 120,
  call(c) {
    const params = asObject(c.req.input) ?? {}
    const topicArn = params.TopicArn ?? params.TargetArn ?? params.PhoneNumber
    if (typeof topicArn !== 'string' || topicArn === '') throw invalid('Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter')
    const message = params.Message
    if (message === undefined || message === null || message === '') throw invalid('Invalid parameter: Empty message')
    const messageId = randomUUID()
    const at = c.req.clock.now()
    c.env.records.sns.push({
      messageId,
      topicArn,
      // A JSON Message is published as its JSON text, as the service integration does.
      message: typeof message === 'string' ? message : JSON.stringify(message),
      ...(typeof params.Subject === 'string' ? {subject: params.Subject} : {}),
      at,
      executionArn: c.req.executionArn,
      stateName: c.req.stateName,
    })
    return {
      MessageId: messageId,
      ...sdkEnvelope({date: at, requestId: newRequestId(), contentType: 'text/xml', contentLength: 294}),
    }
  },
}
