// The S3 error codes the local endpoint answers with, their HTTP status and the message AWS
// sends. The store and the handler both throw S3Error; only the handler turns it into XML.

const CATALOGUE = {
  BadDigest: [400, 'The Content-MD5 or checksum value that you specified did not match what the server received.'],
  BucketAlreadyOwnedByYou: [409, 'Your previous request to create the named bucket succeeded and you already own it.'],
  BucketNotEmpty: [409, 'The bucket you tried to delete is not empty'],
  IncompleteBody: [400, 'You did not provide the number of bytes specified by the Content-Length HTTP header.'],
  InternalError: [500, 'We encountered an internal error. Please try again.'],
  InvalidArgument: [400, 'Invalid Argument'],
  InvalidBucketName: [400, 'The specified bucket is not valid.'],
  InvalidDigest: [400, 'The Content-MD5 or checksum value that you specified is not valid.'],
  InvalidLocationConstraint: [400, 'The specified location-constraint is not valid'],
  InvalidRange: [416, 'The requested range is not satisfiable'],
  InvalidRequest: [400, 'Invalid Request'],
  InvalidURI: [400, "Couldn't parse the specified URI."],
  KeyTooLongError: [400, 'Your key is too long'],
  MalformedTrailerError: [
    400,
    'The request contained trailing data that was not well-formed or did not conform to our published schema.',
  ],
  MalformedXML: [
    400,
    'The XML you provided was not well-formed or did not validate against our published schema',
  ],
  MetadataTooLarge: [400, 'Your metadata headers exceed the maximum allowed metadata size'],
  MethodNotAllowed: [405, 'The specified method is not allowed against this resource.'],
  MissingContentLength: [411, 'You must provide the Content-Length HTTP header.'],
  NoSuchBucket: [404, 'The specified bucket does not exist'],
  NoSuchKey: [404, 'The specified key does not exist.'],
  NotImplemented: [501, 'A header you provided implies functionality that is not implemented'],
  PreconditionFailed: [412, 'At least one of the pre-conditions you specified did not hold'],
  XAmzContentSHA256Mismatch: [400, "The provided 'x-amz-content-sha256' header does not match what was computed."],
} as const satisfies Record<string, readonly [number, string]>

export type S3ErrorCode = keyof typeof CATALOGUE

export class S3Error extends Error {
  readonly code: S3ErrorCode
  readonly status: number
  /** Extra elements AWS adds to the error document, such as BucketName, Key or Condition. */
  readonly fields: Readonly<Record<string, string>>

  constructor(code: S3ErrorCode, options: {message?: string; fields?: Record<string, string>} = {}) {
    const [status, message] = CATALOGUE[code]
    super(options.message ?? message)
    this.name = code
    this.code = code
    this.status = status
    this.fields = options.fields ?? {}
  }
}

export function noSuchBucket(bucket: string): S3Error {
  return new S3Error('NoSuchBucket', {fields: {BucketName: bucket}})
}

export function noSuchKey(key: string): S3Error {
  return new S3Error('NoSuchKey', {fields: {Key: key}})
}

export function invalidArgument(message: string, name: string, value: string): S3Error {
  return new S3Error('InvalidArgument', {message, fields: {ArgumentName: name, ArgumentValue: value}})
}
