// Serves the embedded endpoint until told to stop: what `ae local start` runs. The caller owns the
// stop signal (the command wires SIGINT and SIGTERM to it; tests abort a controller), so this
// module never touches process signals and runs the same way in a test as in a terminal.
import {failedError, isAeError} from '../errors.js'
import {startLocalEndpoint, type LocalEndpoint, type LocalEndpointOptions} from './endpoint.js'

/** Dummy credentials: the endpoint does not check signatures, but the SDK refuses to sign without some. */
export const LOCAL_CREDENTIALS = {accessKeyId: 'test', secretAccessKey: 'test'} as const

export interface LocalEndpointInfo {
  url: string
  region: string
  accountId: string
  /** What a shell exports so that `ae` and the AWS CLI reach the endpoint. */
  env: Record<string, string>
}

export interface RunControl {
  signal: AbortSignal
  /** Called once the endpoint listens, before anything is served. */
  onReady?: (info: LocalEndpointInfo, endpoint: LocalEndpoint) => void
}

export interface RunSummary {
  url: string
  /** Where the state was saved at shutdown, when a data dir was given. */
  dataDir?: string
}

export function localEnvironment(url: string, region: string): Record<string, string> {
  return {AWS_ENDPOINT_URL: url, AWS_REGION: region, AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey}
}

/** `export NAME=value` lines; values are quoted only when a shell would need it. */
export function exportLines(env: Record<string, string>): string[] {
  return Object.entries(env).map(([name, value]) => `export ${name}=${/^[\w./:@-]*$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`}`)
}

export async function runLocalEndpoint(options: LocalEndpointOptions, control: RunControl): Promise<RunSummary> {
  const endpoint = await start(options)
  try {
    control.onReady?.({url: endpoint.url, region: endpoint.region, accountId: endpoint.accountId, env: localEnvironment(endpoint.url, endpoint.region)}, endpoint)
    await stopped(control.signal)
  } finally {
    // close() writes the state a last time: executions still running come back ABORTED next start.
    await endpoint.close()
  }
  return {url: endpoint.url, ...(options.dataDir === undefined ? {} : {dataDir: options.dataDir})}
}

function stopped(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), {once: true}))
}

async function start(options: LocalEndpointOptions): Promise<LocalEndpoint> {
  try {
    return await startLocalEndpoint(options)
  } catch (error) {
    if (isAeError(error)) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw failedError('PORT_UNAVAILABLE', `cannot listen on 127.0.0.1:${options.port ?? 0}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}`, [
        'Pass --port 0 for any free port, or stop whatever listens on that port.',
      ])
    }
    if (options.dataDir !== undefined) {
      const why = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
      throw failedError('LOCAL_STATE_UNREADABLE', `cannot restore the local endpoint's state from ${options.dataDir}: ${why}`, [
        `Move ${options.dataDir}/ae-local-state.json aside to start with an empty endpoint.`,
      ])
    }
    throw error
  }
}
