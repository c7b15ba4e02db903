// What every EventBridge operation needs: the endpoint's identity, its clock and store, the member
// constraints the API model declares, and the lookups that answer ResourceNotFoundException in
// AWS's words.
import {AwsJsonError, type Input, type MemberMessages, Members, type StringRule} from '../aws-json/index.js'
import type {EventsStore, StoredRule} from './store.js'

export interface EventsDeps {
  region: string
  accountId: string
  clock: {now(): Date}
  store: EventsStore
}

// How the EventBridge messages of this endpoint read (Step Functions' differ): a member of the
// wrong type is named as the request spells it (`Targets[0]`), and values are quoted whole, as
// AWS quotes them.
const MESSAGES: MemberMessages = {typeErrorsName: 'request'}

/** A request's members, read and checked as the service's front end reads them. */
export const members = (input: Input): Members => Members.of(input, MESSAGES)

/** The operations run against the one bus there is: `default`. */
export const DEFAULT_BUS = 'default'

export const RULE_NAME: StringRule = {min: 1, max: 64, pattern: String.raw`[\.\-_A-Za-z0-9]+`}
export const TARGET_ID: StringRule = {min: 1, max: 64, pattern: String.raw`[\.\-_A-Za-z0-9]+`}
export const EVENT_BUS_NAME: StringRule = {
  min: 1,
  max: 1600,
  pattern: String.raw`(arn:aws[\w-]*:events:[a-z]{2}-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+`,
}
export const ARN: StringRule = {min: 1, max: 1600}
export const NEXT_TOKEN: StringRule = {min: 1, max: 2048}

export const ruleArn = (deps: EventsDeps, name: string) =>
  `arn:aws:events:${deps.region}:${deps.accountId}:rule/${name}`

/** Only the default bus exists locally; it may be named or given by ARN. */
export function requireDefaultBus(deps: EventsDeps, bus: string | undefined): void {
  if (bus === undefined || bus === DEFAULT_BUS) return
  if (bus === `arn:aws:events:${deps.region}:${deps.accountId}:event-bus/${DEFAULT_BUS}`) return
  const marker = 'event-bus/'
  const name = bus.includes(marker) ? bus.slice(bus.lastIndexOf(marker) + marker.length) : bus
  throw new AwsJsonError('ResourceNotFoundException', `Event bus ${name} does not exist.`)
}

export function findRule(deps: EventsDeps, name: string): StoredRule {
  const rule = deps.store.get(name)
  if (rule === undefined) {
    throw new AwsJsonError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${DEFAULT_BUS}.`)
  }
  return rule
}
