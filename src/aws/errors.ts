// AWS SDK errors -> ae's user errors: one line, what happened, what to do next, the documented
// exit code. Credentials never appear: messages are built from error names, not from config.
import {AeError, failedError, notFoundError, usageError} from '../errors.js'

const CREDENTIAL_NAMES = new Set(['CredentialsProviderError', 'ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'UnrecognizedClientException', 'TokenProviderError', 'InvalidSignatureException', 'SignatureDoesNotMatch'])

interface SdkErrorLike {
  name?: string
  message?: string
  code?: string
  $metadata?: {httpStatusCode?: number}
  $fault?: string
}

export function mapAwsError(error: unknown, what = 'the AWS call'): AeError {
  if (error instanceof AeError) return error
  const e = (error ?? {}) as SdkErrorLike
  const name = e.name ?? 'Error'
  const message = (e.message ?? String(error)).split('\n')[0] ?? ''
  if (CREDENTIAL_NAMES.has(name) || /credential|sso.*token|token.*expired|Could not load credentials/i.test(message)) {
    return usageError('CREDENTIALS', `AWS credentials are missing or expired (${name})`, 'Log in: `aws sso login --profile <profile>` (or export AWS_PROFILE / credentials), then rerun.', 'On a machine without AWS, use the local endpoint: `ae local start`.')
  }
  if (/Region is missing/i.test(message)) {
    return usageError('NO_REGION', 'no AWS region is set', 'Pass --region, set AWS_REGION, or set a region in your AWS profile.')
  }
  if (['ExecutionDoesNotExist', 'StateMachineDoesNotExist', 'ResourceNotFoundException', 'NoSuchKey', 'NoSuchBucket', 'NotFound'].includes(name)) {
    return notFoundError('NOT_FOUND', `${what}: ${message || name}`, 'Check the name or ARN (`ae executions list`, `ae status`), the region and the account.')
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return failedError('ACCESS_DENIED', `${what}: access denied (${message})`, ['Check the IAM policy: `ae iam-policy` prints the least privilege ae needs.'])
  }
  if (name === 'InvalidArn' || name === 'ValidationException' || name === 'InvalidDefinition' || name === 'InvalidName') {
    return usageError('INVALID_REQUEST', `${what}: ${message}`, 'Fix what the message names and rerun; `ae <command> --help` lists the flags.')
  }
  const code = (e as {code?: string}).code
  if (code === 'ECONNREFUSED' || /ECONNREFUSED|connect ETIMEDOUT|getaddrinfo/.test(message)) {
    return failedError('UNREACHABLE', `${what}: cannot reach the AWS endpoint (${code ?? message})`, ['Check --endpoint / AWS_ENDPOINT_URL; for the local endpoint, start it with `ae local start`.'])
  }
  if (name === 'TimeoutError' || /timed? ?out/i.test(message)) {
    return failedError('TIMEOUT', `${what}: timed out`, ['Retry; if it persists, check the network or the endpoint.'])
  }
  return failedError('AWS_ERROR', `${what}: ${name}: ${message}`, ['Rerun with --verbose to see the AWS calls made; if it persists, check the service health and your permissions (`ae iam-policy`).'])
}
