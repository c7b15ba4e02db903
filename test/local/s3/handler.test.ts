// The handler as a function: wire details the SDK never sends (signed chunks, broken framing,
// wrong digests, unknown subresources), checked without a server.
import {createHash} from 'node:crypto'
import type {IncomingHttpHeaders} from 'node:http'
import {XMLParser} from 'fast-xml-parser'
import {beforeEach, describe, expect, it} from 'vitest'
import type {LocalResponse} from '../../../src/local/http.js'
import {handleS3Request} from '../../../src/local/s3/handler.js'
import {S3Store} from '../../../src/local/s3/store.js'

let store: S3Store

beforeEach(() => {
  store = new S3Store()
  store.createBucket('bkt')
  store.putObject('bkt', 'existing', Buffer.from('old'))
})

function call(method: string, path: string, headers: IncomingHttpHeaders = {}, body: string | Buffer = ''): LocalResponse {
  return handleS3Request(store, {
    method,
    url: new URL(`http://127.0.0.1${path}`),
    headers,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  })
}

function errorOf(response: LocalResponse): Record<string, string> {
  const parsed = new XMLParser({parseTagValue: false}).parse(String(response.body)) as {Error: Record<string, string>}
  return parsed.Error
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('base64')
}

const SIG = '0'.repeat(64)

describe('aws-chunked uploads', () => {
  it('stores the payload of signed chunks, ignoring the chunk signatures', () => {
    const body = `5;chunk-signature=${SIG}\r\nhello\r\n0;chunk-signature=${SIG}\r\n\r\n`
    const response = call(
      'PUT',
      '/bkt/signed',
      {'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5'},
      body,
    )
    expect(response.status).toBe(200)
    expect(store.getObject('bkt', 'signed')?.body.toString()).toBe('hello')
    expect(store.getObject('bkt', 'signed')?.headers['content-encoding']).toBeUndefined()
  })

  it('keeps a real content encoding listed beside aws-chunked', () => {
    const body = '2\r\nhi\r\n0\r\n\r\n'
    call('PUT', '/bkt/gz', {'content-encoding': 'aws-chunked,gzip', 'x-amz-decoded-content-length': '2'}, body)
    expect(store.getObject('bkt', 'gz')?.headers['content-encoding']).toBe('gzip')
  })

  it.each([
    ['a decoded length that disagrees', {'x-amz-decoded-content-length': '9'}, '2\r\nhi\r\n0\r\n\r\n', 'IncompleteBody', 400],
    ['no decoded length', {}, '2\r\nhi\r\n0\r\n\r\n', 'MissingContentLength', 411],
    ['broken framing', {'x-amz-decoded-content-length': '2'}, '2\r\nhi0\r\n\r\n', 'IncompleteBody', 400],
    [
      'an announced trailer that never comes',
      {'x-amz-decoded-content-length': '2', 'x-amz-trailer': 'x-amz-checksum-crc32'},
      '2\r\nhi\r\n0\r\n\r\n',
      'MalformedTrailerError',
      400,
    ],
    [
      'a trailer checksum that does not match',
      {'x-amz-decoded-content-length': '2', 'x-amz-trailer': 'x-amz-checksum-crc32'},
      '2\r\nhi\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n',
      'BadDigest',
      400,
    ],
  ])('rejects %s and leaves the object alone', (_name, extra, body, code, status) => {
    const headers = {'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-encoding': 'aws-chunked', ...extra}
    const response = call('PUT', '/bkt/existing', headers, body)
    expect(response.status).toBe(status)
    expect(errorOf(response).Code).toBe(code)
    expect(store.getObject('bkt', 'existing')?.body.toString()).toBe('old')
  })
})

describe('integrity headers', () => {
  it.each([
    ['a mismatched x-amz-content-sha256', {'x-amz-content-sha256': 'a'.repeat(64)}, 'XAmzContentSHA256Mismatch'],
    ['a nonsense x-amz-content-sha256', {'x-amz-content-sha256': 'whatever'}, 'InvalidArgument'],
    ['a mismatched Content-MD5', {'content-md5': md5('other')}, 'BadDigest'],
    ['a malformed Content-MD5', {'content-md5': 'short'}, 'InvalidDigest'],
    ['a malformed checksum header', {'x-amz-checksum-sha256': 'AAAA'}, 'InvalidRequest'],
    ['two checksum headers', {'x-amz-checksum-crc32': 'AAAAAA==', 'x-amz-checksum-crc32c': 'AAAAAA=='}, 'InvalidRequest'],
  ])('rejects %s with 400', (_name, headers, code) => {
    const response = call('PUT', '/bkt/existing', headers, 'new')
    expect([response.status, errorOf(response).Code]).toEqual([400, code])
    expect(store.getObject('bkt', 'existing')?.body.toString()).toBe('old')
  })

  it('accepts a matching Content-MD5 and x-amz-content-sha256', () => {
    const sha = createHash('sha256').update('new').digest('hex')
    const response = call('PUT', '/bkt/existing', {'content-md5': md5('new'), 'x-amz-content-sha256': sha}, 'new')
    expect(response.status).toBe(200)
  })
})

describe('error responses', () => {
  it('carry Code, Message, Resource and a RequestId that matches x-amz-request-id', () => {
    const response = call('GET', '/bkt/no%20such')
    const error = errorOf(response)
    expect(response.status).toBe(404)
    expect(response.headers?.['content-type']).toBe('application/xml')
    expect(error).toMatchObject({Code: 'NoSuchKey', Message: 'The specified key does not exist.', Key: 'no such'})
    expect(error.Resource).toBe('/bkt/no%20such')
    expect(error.RequestId).toBe(response.headers?.['x-amz-request-id'])
  })

  it('have no body for HEAD', () => {
    const response = call('HEAD', '/bkt/missing')
    expect(response.status).toBe(404)
    expect(response.body).toBeUndefined()
    expect(response.headers?.['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/)
  })

  it.each([
    ['PATCH', '/bkt/existing', 405, 'MethodNotAllowed'],
    ['POST', '/', 405, 'MethodNotAllowed'],
    ['DELETE', '/bkt?delete', 405, 'MethodNotAllowed'],
    ['GET', '/bkt?versioning', 501, 'NotImplemented'],
    ['PUT', '/bkt/existing?tagging', 501, 'NotImplemented'],
    ['POST', '/bkt/existing?uploads', 501, 'NotImplemented'],
    ['GET', '/bkt/%E0%A4%A', 400, 'InvalidURI'],
    ['GET', '/bkt?list-type=3', 400, 'InvalidArgument'],
    ['GET', '/bkt?list-type=2&max-keys=-1', 400, 'InvalidArgument'],
    ['GET', '/bkt?encoding-type=base64', 400, 'InvalidArgument'],
    ['GET', '/bkt/existing?versionId=abc', 400, 'InvalidArgument'],
    ['GET', '/?max-buckets=0', 400, 'InvalidArgument'],
  ])('answer %s %s with %i %s', (method, path, status, code) => {
    const response = call(method, path)
    expect([response.status, errorOf(response).Code]).toEqual([status, code])
  })

  it('refuse CopyObject and a PutObject with both If-Match and If-None-Match as NotImplemented', () => {
    const copy = call('PUT', '/bkt/copy', {'x-amz-copy-source': '/bkt/existing'})
    const both = call('PUT', '/bkt/existing', {'if-match': '"x"', 'if-none-match': '*'}, 'new')
    expect([copy.status, errorOf(copy).Code]).toEqual([501, 'NotImplemented'])
    expect([both.status, errorOf(both).Code]).toEqual([501, 'NotImplemented'])
    expect(store.headObject('bkt', 'copy')).toBeUndefined()
  })
})

describe('DeleteObjects documents', () => {
  const withMd5 = (body: string): IncomingHttpHeaders => ({'content-md5': md5(body)})

  it.each([
    ['no digest header', {}, '<Delete><Object><Key>existing</Key></Object></Delete>', 'InvalidRequest'],
    ['a DOCTYPE', undefined, '<!DOCTYPE d [<!ENTITY x "y">]><Delete><Object><Key>&x;</Key></Object></Delete>', 'MalformedXML'],
    ['another root', undefined, '<Remove><Object><Key>existing</Key></Object></Remove>', 'MalformedXML'],
    ['an object without a key', undefined, '<Delete><Object><Key>existing</Key></Object><Object/></Delete>', 'MalformedXML'],
    ['no objects', undefined, '<Delete><Quiet>true</Quiet></Delete>', 'MalformedXML'],
    ['a key with markup inside', undefined, '<Delete><Object><Key>a<b/></Key></Object></Delete>', 'MalformedXML'],
  ])('rejects %s and deletes nothing', (_name, headers, body, code) => {
    const response = call('POST', '/bkt?delete', headers ?? withMd5(body), body)
    expect([response.status, errorOf(response).Code]).toEqual([400, code])
    expect(store.headObject('bkt', 'existing')).toBeDefined()
  })

  it('rejects more than 1,000 keys', () => {
    const body = `<Delete>${'<Object><Key>existing</Key></Object>'.repeat(1001)}</Delete>`
    const response = call('POST', '/bkt?delete', withMd5(body), body)
    expect(errorOf(response).Code).toBe('MalformedXML')
    expect(store.headObject('bkt', 'existing')).toBeDefined()
  })

  it('decodes character references in keys', () => {
    store.putObject('bkt', 'a&b\r', Buffer.from(''))
    const body = '<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a&amp;b&#x0D;</Key></Object></Delete>'
    const response = call('POST', '/bkt?delete', withMd5(body), body)
    expect(String(response.body)).toContain('<Deleted><Key>a&amp;b&#xD;</Key></Deleted>')
    expect(store.headObject('bkt', 'a&b\r')).toBeUndefined()
  })
})

describe('headers that cannot travel as they are', () => {
  it('sends non-ASCII metadata stored through the store API RFC 2047 encoded', () => {
    store.putObject('bkt', 'meta', Buffer.from(''), {metadata: {who: 'Zoë'}})
    const response = call('HEAD', '/bkt/meta')
    expect(response.headers?.['x-amz-meta-who']).toBe(`=?UTF-8?B?${Buffer.from('Zoë').toString('base64')}?=`)
  })
})
