// ListObjectsV2 (GET /bucket?list-type=2) and the original ListObjects (GET /bucket).
import type {LocalResponse} from '../http.js'
import {invalidArgument} from './errors.js'
import {LOCAL_OWNER, xmlResponse} from './response.js'
import type {ListOptions, ObjectInfo, S3Store} from './store.js'
import {container, document, element} from './xml.js'


interface CommonParams {
  prefix: string
  delimiter: string
  maxKeys: number
  encode: (text: string) => string
  encodingType: string | undefined
}

function commonParams(params: URLSearchParams): CommonParams {
  const maxText = params.get('max-keys')
  if (maxText !== null && (!/^\d{1,10}$/.test(maxText) || Number(maxText) > 2 ** 31 - 1)) {
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', maxText)
  }
  const encodingType = params.get('encoding-type') ?? undefined
  if (encodingType !== undefined && encodingType !== 'url') {
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType)
  }
  return {
    prefix: params.get('prefix') ?? '',
    delimiter: params.get('delimiter') ?? '',
    maxKeys: maxText === null ? 1000 : Number(maxText),
    // With encoding-type=url, S3 URL-encodes every key and prefix it returns, so keys holding
    // characters XML 1.0 cannot carry still come back intact.
    encode: encodingType === undefined ? (text) => text : encodeURIComponent,
    encodingType,
  }
}

function contents(objects: ObjectInfo[], encode: (text: string) => string, withOwner: boolean): string {
  return objects
    .map((o) =>
      container(
        'Contents',
        element('Key', encode(o.key)) +
          element('LastModified', o.lastModified.toISOString()) +
          element('ETag', o.etag) +
          element('ChecksumAlgorithm', o.checksum?.algorithm) +
          element('ChecksumType', o.checksum === undefined ? undefined : 'FULL_OBJECT') +
          element('Size', o.size) +
          element('StorageClass', 'STANDARD') +
          (withOwner ? LOCAL_OWNER : ''),
      ),
    )
    .join('')
}

function commonPrefixes(prefixes: string[], encode: (text: string) => string): string {
  return prefixes.map((p) => container('CommonPrefixes', element('Prefix', encode(p)))).join('')
}

function listOptions(common: CommonParams): ListOptions {
  return {prefix: common.prefix, delimiter: common.delimiter, maxKeys: common.maxKeys}
}

export function listObjectsV2(store: S3Store, bucket: string, url: URL): LocalResponse {
  const params = url.searchParams
  const listType = params.get('list-type')
  if (listType !== '2') throw invalidArgument('Invalid List Type specified in Request', 'list-type', listType ?? '')
  const common = commonParams(params)
  const token = params.get('continuation-token') ?? undefined
  const startAfter = params.get('start-after') ?? undefined
  const result = store.list(bucket, {
    ...listOptions(common),
    ...(token === undefined ? {} : {continuationToken: token}),
    ...(startAfter === undefined ? {} : {startAfter}),
  })
  const {encode} = common
  const body =
    element('Name', bucket) +
    element('Prefix', encode(common.prefix)) +
    element('Delimiter', common.delimiter === '' ? undefined : encode(common.delimiter)) +
    element('MaxKeys', common.maxKeys) +
    element('KeyCount', result.objects.length + result.commonPrefixes.length) +
    element('IsTruncated', result.isTruncated) +
    element('ContinuationToken', token) +
    element('NextContinuationToken', result.nextContinuationToken) +
    element('StartAfter', startAfter === undefined ? undefined : encode(startAfter)) +
    element('EncodingType', common.encodingType) +
    contents(result.objects, encode, params.get('fetch-owner') === 'true') +
    commonPrefixes(result.commonPrefixes, encode)
  return xmlResponse(document('ListBucketResult', body))
}

export function listObjectsV1(store: S3Store, bucket: string, url: URL): LocalResponse {
  const params = url.searchParams
  const common = commonParams(params)
  const marker = params.get('marker') ?? ''
  const result = store.list(bucket, {...listOptions(common), ...(marker === '' ? {} : {startAfter: marker})})
  const {encode} = common
  // S3 sends NextMarker only with a delimiter; without one the last key is the next marker.
  const nextMarker =
    result.isTruncated && common.delimiter !== '' && result.lastEntry !== undefined ? encode(result.lastEntry) : undefined
  const body =
    element('Name', bucket) +
    element('Prefix', encode(common.prefix)) +
    element('Marker', encode(marker)) +
    element('NextMarker', nextMarker) +
    element('MaxKeys', common.maxKeys) +
    element('Delimiter', common.delimiter === '' ? undefined : encode(common.delimiter)) +
    element('IsTruncated', result.isTruncated) +
    element('EncodingType', common.encodingType) +
    contents(result.objects, encode, true) +
    commonPrefixes(result.commonPrefixes, encode)
  return xmlResponse(document('ListBucketResult', body))
}
