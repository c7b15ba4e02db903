// Bucket operations (CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation)
// and DeleteObjects, which is addressed to the bucket.
import type {LocalRequest, LocalResponse} from '../http.js'
import {invalidArgument, noSuchBucket, S3Error} from './errors.js'
import {decodeContinuationToken, encodeContinuationToken} from './listing.js'
import {header, readPayload} from './payload.js'
import {LOCAL_OWNER, xmlResponse} from './response.js'
import {bucketNameProblem, MAX_KEY_BYTES, type S3Store} from './store.js'
import {container, document, element, escapeXml, parseRequestXml, textOf, type XmlNode} from './xml.js'

const MAX_DELETE_OBJECTS = 1000

export function createBucket(store: S3Store, req: LocalRequest, bucket: string): LocalResponse {
  const problem = bucketNameProblem(bucket)
  if (problem !== undefined) throw new S3Error('InvalidBucketName', {message: problem, fields: {BucketName: bucket}})
  const payload = readPayload(req.headers, req.body)
  let region: string | undefined
  if (payload.body.length > 0) {
    const config = parseRequestXml(payload.body, 'CreateBucketConfiguration')
    const constraint = textOf(config, 'LocationConstraint')?.trim()
    if (constraint !== undefined && constraint !== '') {
      if (!/^(EU|[a-z]{2}(-[a-z]+)+-\d+)$/.test(constraint)) {
        throw new S3Error('InvalidLocationConstraint', {fields: {LocationConstraint: constraint}})
      }
      region = constraint === 'EU' ? 'eu-west-1' : constraint
    }
  }
  // Re-creating an owned bucket is 409 BucketAlreadyOwnedByYou in every region here. AWS answers
  // 200 in us-east-1 for legacy reasons; we take the other regions' answer everywhere so code
  // tested locally cannot come to rely on the quirk.
  store.createBucket(bucket, region === undefined ? {} : {region})
  return {status: 200, headers: {location: `/${bucket}`}}
}

export function headBucket(store: S3Store, bucket: string): LocalResponse {
  const info = store.headBucket(bucket)
  if (info === undefined) throw noSuchBucket(bucket)
  return {status: 200, headers: {'x-amz-bucket-region': info.region, 'x-amz-access-point-alias': 'false'}}
}

export function deleteBucket(store: S3Store, bucket: string): LocalResponse {
  store.deleteBucket(bucket)
  return {status: 204}
}

export function getBucketLocation(store: S3Store, bucket: string): LocalResponse {
  const info = store.headBucket(bucket)
  if (info === undefined) throw noSuchBucket(bucket)
  // us-east-1 is the one region S3 reports as an empty constraint.
  const constraint = info.region === 'us-east-1' ? '' : info.region
  return xmlResponse(document('LocationConstraint', escapeXml(constraint)))
}

export function listBuckets(store: S3Store, url: URL): LocalResponse {
  const params = url.searchParams
  const prefix = params.get('prefix') ?? ''
  const maxText = params.get('max-buckets')
  const max = maxText === null ? 10000 : Number(maxText)
  if (!/^\d+$/.test(maxText ?? '0') || max < 1 || max > 10000) {
    throw invalidArgument('max-buckets must be an integer between 1 and 10000', 'max-buckets', maxText ?? '')
  }
  const token = params.get('continuation-token')
  const after = token === null ? undefined : decodeContinuationToken(token)
  const matching = store
    .listBuckets()
    .filter((b) => b.name.startsWith(prefix) && (after === undefined || b.name > after))
  const page = matching.slice(0, max)
  const buckets = page
    .map((b) =>
      container(
        'Bucket',
        element('Name', b.name) + element('CreationDate', b.createdAt.toISOString()) + element('BucketRegion', b.region),
      ),
    )
    .join('')
  const last = page.at(-1)
  const next = matching.length > page.length && last !== undefined ? encodeContinuationToken(last.name) : undefined
  const body =
    container('Buckets', buckets) +
    LOCAL_OWNER +
    element('ContinuationToken', next) +
    element('Prefix', params.has('prefix') ? prefix : undefined)
  return xmlResponse(document('ListAllMyBucketsResult', body))
}

/**
 * DeleteObjects validates the whole document before deleting anything, so a malformed request
 * leaves the bucket as it was. Keys that cannot exist come back as per-key errors.
 */
export function deleteObjects(store: S3Store, req: LocalRequest, bucket: string): LocalResponse {
  if (store.headBucket(bucket) === undefined) throw noSuchBucket(bucket)
  const hasDigest =
    header(req.headers, 'content-md5') !== undefined ||
    Object.keys(req.headers).some((name) => name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-type') ||
    header(req.headers, 'x-amz-trailer') !== undefined
  if (!hasDigest) {
    throw new S3Error('InvalidRequest', {message: 'Missing required header for this request: Content-MD5'})
  }
  const payload = readPayload(req.headers, req.body)
  const request = parseRequestXml(payload.body, 'Delete')
  const quiet = textOf(request, 'Quiet')?.trim().toLowerCase() === 'true'
  const entries = request['Object']
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_DELETE_OBJECTS) {
    throw new S3Error('MalformedXML')
  }
  const targets = entries.map((entry) => {
    if (typeof entry !== 'object' || Array.isArray(entry)) throw new S3Error('MalformedXML')
    const key = textOf(entry as Record<string, XmlNode>, 'Key')
    if (key === undefined) throw new S3Error('MalformedXML')
    return {key, versionId: textOf(entry as Record<string, XmlNode>, 'VersionId')}
  })
  const results = targets.map(({key, versionId}) => {
    const problem = keyProblem(key, versionId)
    if (problem !== undefined) {
      return container('Error', element('Key', key) + element('Code', problem.code) + element('Message', problem.message))
    }
    store.deleteObject(bucket, key)
    return quiet ? '' : container('Deleted', element('Key', key) + element('VersionId', versionId))
  })
  return xmlResponse(document('DeleteResult', results.join('')))
}

function keyProblem(key: string, versionId: string | undefined): {code: string; message: string} | undefined {
  if (key === '') return {code: 'InvalidArgument', message: 'Object key must not be empty'}
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return {code: 'KeyTooLongError', message: 'Your key is too long'}
  if (versionId !== undefined && versionId !== 'null') {
    return {code: 'InvalidArgument', message: 'Invalid version id specified'}
  }
  return undefined
}
