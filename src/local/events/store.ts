// The local endpoint's EventBridge state: rules on the default event bus and their targets, in
// memory. It holds data only; the request handler decides what is allowed. Reads hand out copies
// so no caller can change the store behind its back, and snapshot()/restore() move the whole
// state as JSON so the endpoint can persist it and tests can compare it before and after.
import {isValidSchedule} from '../../schedule/index.js'

export const RULE_STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] as const
export type RuleState = (typeof RULE_STATES)[number]

export interface StoredTarget {
  id: string
  arn: string
  roleArn?: string
  input?: string
  inputPath?: string
}

export interface StoredRule {
  name: string
  arn: string
  state: RuleState
  scheduleExpression?: string
  eventPattern?: string
  description?: string
  roleArn?: string
  /** ISO 8601. Kept when PutRule replaces the rule; rate schedules count from it. */
  createdAt: string
  /** In the order PutTargets first added them. */
  targets: StoredTarget[]
}

export interface EventsSnapshot {
  rules: StoredRule[]
}

export class EventsStore {
  readonly #rules = new Map<string, StoredRule>()

  get(name: string): StoredRule | undefined {
    const rule = this.#rules.get(name)
    return rule === undefined ? undefined : structuredClone(rule)
  }

  /** Creates the rule or replaces the one of the same name. */
  put(rule: StoredRule): void {
    this.#rules.set(rule.name, structuredClone(rule))
  }

  delete(name: string): boolean {
    return this.#rules.delete(name)
  }

  /** Every rule, sorted by name as ListRules returns them. */
  list(): StoredRule[] {
    return [...this.#rules.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((rule) => structuredClone(rule))
  }

  snapshot(): EventsSnapshot {
    return {rules: this.list()}
  }

  /** Replaces the whole state with a snapshot; refuses one that is not a valid snapshot. */
  restore(snapshot: EventsSnapshot): void {
    const rules = readSnapshot(snapshot)
    this.#rules.clear()
    for (const rule of rules) this.#rules.set(rule.name, rule)
  }

  static fromSnapshot(snapshot: EventsSnapshot): EventsStore {
    const store = new EventsStore()
    store.restore(snapshot)
    return store
  }
}

function readSnapshot(snapshot: unknown): StoredRule[] {
  const bad = (why: string) => new Error(`not an EventBridge store snapshot: ${why}`)
  if (!isObject(snapshot) || !Array.isArray(snapshot.rules)) throw bad('expected {"rules": [...]}')
  const names = new Set<string>()
  return snapshot.rules.map((raw: unknown, i: number) => {
    if (!isObject(raw)) throw bad(`rules[${i}] is not an object`)
    const rule = structuredClone(raw) as unknown as StoredRule
    if (typeof rule.name !== 'string' || rule.name === '') throw bad(`rules[${i}].name is missing`)
    if (names.has(rule.name)) throw bad(`rule ${rule.name} appears twice`)
    names.add(rule.name)
    if (typeof rule.arn !== 'string') throw bad(`rule ${rule.name} has no arn`)
    if (!RULE_STATES.includes(rule.state)) throw bad(`rule ${rule.name} has state ${String(rule.state)}`)
    if (Number.isNaN(Date.parse(rule.createdAt))) throw bad(`rule ${rule.name} has no valid createdAt`)
    for (const key of ['scheduleExpression', 'eventPattern', 'description', 'roleArn'] as const) {
      if (rule[key] !== undefined && typeof rule[key] !== 'string') throw bad(`rule ${rule.name} has a non-string ${key}`)
    }
    if (rule.scheduleExpression !== undefined && !isValidSchedule(rule.scheduleExpression)) {
      throw bad(`rule ${rule.name} has an invalid schedule ${rule.scheduleExpression}`)
    }
    if (!Array.isArray(rule.targets)) throw bad(`rule ${rule.name} has no targets list`)
    for (const target of rule.targets as unknown[]) {
      if (!isObject(target) || typeof target.id !== 'string' || typeof target.arn !== 'string') {
        throw bad(`rule ${rule.name} has a target without id or arn`)
      }
    }
    return rule
  })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
