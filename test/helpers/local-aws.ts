// A local endpoint on port 0 plus the real SDK clients and the environment a command needs to
// reach it: what every integration test starts from.
import {createClients, type AwsClients} from '../../src/aws/clients.js'
import {loadConfig} from '../../src/config/load.js'
import {configBuckets as bucketsOf} from '../../src/local/config-buckets.js'
import {startLocalEndpoint, type LocalEndpoint, type LocalEndpointOptions} from '../../src/local/endpoint.js'

export interface LocalAws {
  endpoint: LocalEndpoint
  clients: AwsClients
  /** Environment for runCommand: endpoint, region and dummy credentials. */
  env: Record<string, string>
  /** Flags for runCommand, equivalent to env. */
  flags: string[]
  close(): Promise<void>
}

/** The buckets the shipped config names (holds, resume keys): they exist in the pipeline's account. */
export const configBuckets = (): string[] => bucketsOf(loadConfig({env: {}, cwd: '/'}))

export async function localAws(options: LocalEndpointOptions = {}): Promise<LocalAws> {
  const endpoint = await startLocalEndpoint({buckets: configBuckets(), ...options})
  const credentials = {accessKeyId: 'test', secretAccessKey: 'test'}
  const clients = await createClients({endpoint: endpoint.url, region: endpoint.region, credentials})
  const env = {AWS_ENDPOINT_URL: endpoint.url, AWS_REGION: endpoint.region, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test'}
  return {
    endpoint,
    clients,
    env,
    flags: ['--endpoint', endpoint.url, '--region', endpoint.region],
    async close() {
      clients.destroy()
      await endpoint.close()
    },
  }
}
