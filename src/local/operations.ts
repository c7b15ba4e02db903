// Names the API operation of a request, for the endpoint's call log (tests check which actions the
// CLI used; `ae iam-policy` is checked against it).
import type {LocalRequest} from './http.js'
import type {Protocol} from './protocol.js'

export function operationOf(protocol: Protocol, req: LocalRequest): string {
  if (protocol === 'sfn' || protocol === 'events') return String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? 'Unknown'
  if (protocol === 'sts') return new URLSearchParams(req.body.toString('utf8')).get('Action') ?? 'Unknown'
  const parts = req.url.pathname.split('/').filter(Boolean)
  const q = req.url.searchParams
  if (parts.length === 0) return 'ListBuckets'
  if (parts.length === 1) {
    if (req.method === 'PUT') return 'CreateBucket'
    if (req.method === 'HEAD') return 'HeadBucket'
    if (req.method === 'DELETE') return 'DeleteBucket'
    if (req.method === 'POST' && q.has('delete')) return 'DeleteObjects'
    return q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects'
  }
  return ({PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject'} as Record<string, string>)[req.method] ?? 'Unknown'
}
