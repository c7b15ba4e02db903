// runLocalEndpoint: serves until its signal aborts, then closes and saves; startup failures are
// AeErrors with next steps (a taken port, a state file it cannot read).
import {ListStateMachinesCommand, SFNClient} from '@aws-sdk/client-sfn'
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {AeError} from '../../src/errors.js'
import {exportLines, LOCAL_CREDENTIALS, runLocalEndpoint, type LocalEndpointInfo} from '../../src/local/run-endpoint.js'

describe('runLocalEndpoint', () => {
  it('serves from onReady until the signal aborts, then closes and writes the data dir', async () => {
    // Given a run with a data dir
    const dataDir = mkdtempSync(join(tmpdir(), 'ae-run-endpoint-'))
    const stop = new AbortController()
    let info: LocalEndpointInfo | undefined
    const running = runLocalEndpoint({port: 0, dataDir}, {signal: stop.signal, onReady: (i) => (info = i)})
    await expect.poll(() => info).toBeDefined()
    // When a client uses it, then the signal aborts
    const sfn = new SFNClient({endpoint: info!.url, region: info!.region, credentials: LOCAL_CREDENTIALS})
    expect((await sfn.send(new ListStateMachinesCommand({}))).stateMachines).toEqual([])
    sfn.destroy()
    stop.abort()
    // Then it returns, the state is on disk, and nothing listens any more
    await expect(running).resolves.toEqual({url: info!.url, dataDir})
    expect(existsSync(join(dataDir, 'ae-local-state.json'))).toBe(true)
    await expect(fetch(info!.url, {signal: AbortSignal.timeout(2000)})).rejects.toThrow()
    expect(info!.env).toEqual({AWS_ENDPOINT_URL: info!.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test'})
  })

  it('refuses a port already in use with PORT_UNAVAILABLE and how to pick another', async () => {
    const stop = new AbortController()
    let url = ''
    const first = runLocalEndpoint({port: 0}, {signal: stop.signal, onReady: (i) => (url = i.url)})
    await expect.poll(() => url).not.toBe('')
    const port = Number(new URL(url).port)
    const error = await runLocalEndpoint({port}, {signal: new AbortController().signal}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AeError)
    expect(error).toMatchObject({code: 'PORT_UNAVAILABLE', exitCode: 1, suggestions: [expect.stringContaining('--port 0')]})
    stop.abort()
    await first
  })

  it('refuses a data dir whose state file is not JSON, naming the file to move aside', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ae-run-endpoint-bad-'))
    writeFileSync(join(dataDir, 'ae-local-state.json'), '{"version": 1, "sfn":')
    const error = await runLocalEndpoint({port: 0, dataDir}, {signal: new AbortController().signal}).catch((e: unknown) => e)
    expect(error).toMatchObject({code: 'LOCAL_STATE_UNREADABLE', suggestions: [expect.stringContaining('ae-local-state.json')]})
  })

  it('quotes only the export values a shell would split', () => {
    expect(exportLines({A: 'http://127.0.0.1:4566', B: "it's here"})).toEqual(['export A=http://127.0.0.1:4566', `export B='it'\\''s here'`])
  })
})
