import type {LocalRequest} from './http.js'

export type Protocol = 'sfn' | 'events' | 'sts' | 's3'

/** Which AWS wire protocol a request speaks: JSON targets first, then STS's query form, else S3 REST. */
export function protocolOf(req: LocalRequest): Protocol {
  const target = String(req.headers['x-amz-target'] ?? '')
  if (target.startsWith('AWSStepFunctions.')) return 'sfn'
  if (target.startsWith('AWSEvents.')) return 'events'
  const type = String(req.headers['content-type'] ?? '')
  if (req.method === 'POST' && req.url.pathname === '/' && type.startsWith('application/x-www-form-urlencoded') && /(^|&)Action=/.test(req.body.toString('utf8'))) return 'sts'
  return 's3'
}
