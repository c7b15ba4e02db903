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
  /** Per-attempt timeout: a hung connection must never hang a runbook. */
  requestTimeoutMs?: number
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
    maxAttempts: options.maxAttempts ?? 6,
    customUserAgent: `ae/${version()}`,
    requestHandler: {requestTimeout: options.requestTimeoutMs ?? 30_000, connectionTimeout: 5_000},
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

export const totalCalls = (clients: Pick<AwsClients, 'calls'>) => [...clients.calls.values()].reduce((a, b) => a + b, 0)
