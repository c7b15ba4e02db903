// The one place SDK clients are built (CDK's SDK class is the model): region, profile, endpoint,
// credentials, retries, timeouts and user agent are decided here, and nowhere else. The SDK is
// imported lazily so `ae --version` and `ae --help` never load it.
import type {EventBridgeClient} from '@aws-sdk/client-eventbridge'
import type {S3Client} from '@aws-sdk/client-s3'
import type {SFNClient} from '@aws-sdk/client-sfn'
import type {STSClient} from '@aws-sdk/client-sts'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {packageRoot} from '../util/package-root.js'

export interface AwsOptions {
  region?: string
  profile?: string
  endpoint?: string
  env?: NodeJS.ProcessEnv
  /** Per-attempt timeout: a hung connection must never hang a runbook (default AE_REQUEST_TIMEOUT_MS, else 30 s). */
  requestTimeoutMs?: number
  /** Attempts per call, the first included (default AE_MAX_ATTEMPTS, else 10). */
  maxAttempts?: number
  /** Static credentials (tests, the local endpoint); otherwise the full Node provider chain. */
  credentials?: {accessKeyId: string; secretAccessKey: string; sessionToken?: string}
}

export interface AwsClients {
  sfn: SFNClient
  events: EventBridgeClient
  s3: S3Client
  sts: STSClient
  region: string | undefined
  endpoint: string | undefined
  /** Logical API calls made so far, by operation (retries not counted): `--verbose` and bench print it. */
  calls: Map<string, number>
  destroy(): void
}

const version = (): string => (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {version: string}).version

type Handler = (args: unknown) => Promise<unknown>
interface CountingStack {
  add(middleware: (next: Handler, context: {commandName?: string}) => Handler, options: {step: 'initialize'; name: string}): void
}

export async function createClients(options: AwsOptions = {}): Promise<AwsClients> {
  const env = options.env ?? process.env
  const [{SFNClient}, {EventBridgeClient}, {S3Client}, {STSClient}, {fromNodeProviderChain}] = await Promise.all([
    import('@aws-sdk/client-sfn'),
    import('@aws-sdk/client-eventbridge'),
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-sts'),
    import('@aws-sdk/credential-providers'),
  ])
  const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL ?? undefined
  // Left undefined, the SDK resolves the region from the profile's config file; a local endpoint needs none.
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (endpoint ? 'us-east-1' : undefined)
  const credentials = options.credentials ?? fromNodeProviderChain(options.profile ? {profile: options.profile} : {})
  const common = {
    ...(region ? {region} : {}),
    ...(options.profile ? {profile: options.profile} : {}),
    credentials,
    retryMode: 'adaptive',
    // 10, not the SDK's 3 (or the 6 we had): under 30% throttling plus 5% 5xx a call fails all 6
    // attempts once in ~550, and 50 recovery plans under that load lost one; 10 makes it ~1 in
    // 36,000 calls (test/reliability/plans-under-faults.test.ts runs exactly this load).
    maxAttempts: options.maxAttempts ?? positiveInt(env.AE_MAX_ATTEMPTS) ?? 10,
    customUserAgent: `ae/${version()}`,
    // throwOnRequestTimeout: without it the handler only logs a warning and the call waits forever.
    requestHandler: {requestTimeout: options.requestTimeoutMs ?? positiveInt(env.AE_REQUEST_TIMEOUT_MS) ?? 30_000, connectionTimeout: 5_000, throwOnRequestTimeout: true},
    ...(endpoint ? {endpoint} : {}),
  }
  const calls = new Map<string, number>()
  const sfn = new SFNClient(common)
  const events = new EventBridgeClient(common)
  // Path style because custom endpoints (the local one, VPC endpoints) do not serve bucket subdomains.
  const s3 = new S3Client({...common, forcePathStyle: Boolean(endpoint)})
  const sts = new STSClient(common)
  for (const [service, client] of [['sfn', sfn], ['events', events], ['s3', s3], ['sts', sts]] as const) {
    ;(client.middlewareStack as unknown as CountingStack).add(
      (next, context) => async (args) => {
        const key = `${service}:${context.commandName ?? 'unknown'}`.replace(/Command$/, '')
        calls.set(key, (calls.get(key) ?? 0) + 1)
        return next(args)
      },
      {step: 'initialize', name: 'aeCallCounter'},
    )
  }
  return {
    sfn,
    events,
    s3,
    sts,
    region,
    endpoint,
    calls,
    destroy() {
      for (const c of [sfn, events, s3, sts]) c.destroy()
    },
  }
}

/** A tuning variable that is a positive integer, else undefined (ignored, the default applies). */
function positiveInt(value: string | undefined): number | undefined {
  const n = Number(value)
  return value && Number.isInteger(n) && n > 0 ? n : undefined
}

export const totalCalls = (clients: Pick<AwsClients, 'calls'>) => [...clients.calls.values()].reduce((a, b) => a + b, 0)
