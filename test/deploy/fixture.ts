// Shared setup for the holds, deploy, runs and shell-run integration tests: the local endpoint with
// the holds bucket, a config file derived from the shipped one (absolute paths, test overrides),
// and small helpers to read what is live.
import {CreateBucketCommand, PutObjectCommand} from '@aws-sdk/client-s3'
import {CreateStateMachineCommand, DescribeStateMachineCommand, StartExecutionCommand, StopExecutionCommand} from '@aws-sdk/client-sfn'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {loadConfig} from '../../src/config/load.js'
import type {AeConfig, HoldsConfig, LoadedConfig} from '../../src/config/types.js'
import type {LocalEndpointOptions} from '../../src/local/endpoint.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {projectRoot} from '../helpers/run-command.js'

export const ACCOUNT = '000000000000'
export const SATURDAY = 'alpha-engine-saturday-pipeline'
export const WEEKDAY = 'alpha-engine-weekday-pipeline'
export const HOLDS_BUCKET = 'alpha-engine-ops'

export const arnOf = (local: LocalAws, name: string) => `arn:aws:states:${local.endpoint.region}:${local.endpoint.accountId}:stateMachine:${name}`

/** The local endpoint with the holds bucket created. */
export async function startOps(options: LocalEndpointOptions = {}): Promise<LocalAws> {
  const local = await localAws(options)
  try {
    await local.clients.s3.send(new CreateBucketCommand({Bucket: HOLDS_BUCKET}))
  } catch (e) {
    if (!/BucketAlreadyOwnedByYou|BucketAlreadyExists/.test((e as Error).name)) throw e
  }
  return local
}

const shipped = () => JSON.parse(readFileSync(join(projectRoot, 'src/config/default-config.json'), 'utf8')) as AeConfig

export interface TestConfig {
  path: string
  loaded: LoadedConfig
  holds: HoldsConfig
}

/**
 * The shipped config with absolute paths, written to a temp file. Freeze windows are off unless a
 * test turns them on: the shipped triggers fire on real weekdays, and a test must not depend on
 * the hour it runs at.
 */
export function writeConfig(edit: (c: AeConfig) => void = () => {}): TestConfig {
  const config = shipped()
  delete (config as {$schema?: string}).$schema
  config.rulesFile = join(projectRoot, config.rulesFile ?? 'asl/rules.json')
  for (const p of Object.values(config.pipelines)) p.definition = join(projectRoot, p.definition)
  config.holds = {...(config.holds as HoldsConfig), freezeMinutes: 0}
  edit(config)
  const dir = mkdtempSync(join(tmpdir(), 'ae-config-'))
  const path = join(dir, 'ae.config.json')
  writeFileSync(path, JSON.stringify(config, null, 2))
  const loaded = loadConfig({flag: path})
  return {path, loaded, holds: loaded.config.holds as HoldsConfig}
}

/** A rules file in a temp dir; returns its path. */
export function writeRules(rules: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ae-rules-')), 'rules.json')
  writeFileSync(path, JSON.stringify({rules}, null, 2))
  return path
}

/** A definition that waits a day: with timeScale 1 its executions stay RUNNING until stopped. */
export const WAIT_DEFINITION = JSON.stringify({StartAt: 'Hold', States: {Hold: {Type: 'Wait', Seconds: 86_400, End: true}}})

export async function createMachine(local: LocalAws, name: string, definition = WAIT_DEFINITION): Promise<string> {
  const r = await local.clients.sfn.send(new CreateStateMachineCommand({name, definition, roleArn: `arn:aws:iam::${ACCOUNT}:role/alpha-engine-sfn-role`}))
  return r.stateMachineArn ?? ''
}

export async function startExecution(local: LocalAws, stateMachineArn: string, name: string, input: unknown = {}): Promise<string> {
  const r = await local.clients.sfn.send(new StartExecutionCommand({stateMachineArn, name, input: JSON.stringify(input)}))
  return r.executionArn ?? ''
}

export const stopExecution = (local: LocalAws, executionArn: string) => local.clients.sfn.send(new StopExecutionCommand({executionArn}))

export async function liveDefinition(local: LocalAws, name: string): Promise<string | undefined> {
  try {
    return (await local.clients.sfn.send(new DescribeStateMachineCommand({stateMachineArn: arnOf(local, name)}))).definition
  } catch (e) {
    if ((e as Error).name === 'StateMachineDoesNotExist') return undefined
    throw e
  }
}

/** A lock object written as a deploy killed mid-way would leave it. */
export async function writeLock(local: LocalAws, holds: HoldsConfig, body: Record<string, unknown>): Promise<void> {
  await local.clients.s3.send(new PutObjectCommand({Bucket: holds.bucket, Key: holds.lockKey, Body: JSON.stringify(body), ContentType: 'application/json'}))
}

export const killedLock = (acquiredAt: Date, ttlSeconds = 1800) => ({
  holder: 'arn:aws:sts::000000000000:assumed-role/ae-local-operator/killed',
  token: 'killed-token',
  pid: 99999,
  host: 'gone',
  acquiredAt: acquiredAt.toISOString(),
  ttlSeconds,
  command: 'ae deploy',
  pipelines: ['saturday'],
})

export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)
