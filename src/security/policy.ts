// Renders a least-privilege IAM policy document for some commands from the grants table, scoped to
// the configured pipelines' state machines, rules, roles and buckets.
import type {AeConfig} from '../config/types.js'
import {COMMAND_GRANTS, type ResourceKind} from './iam-actions.js'

export interface PolicyTarget {
  region: string
  account: string
  /** Rule names (from the rules file) and role ARNs (rendered) the pipelines use. */
  rules: string[]
  roles: string[]
}

export interface PolicyDocument {
  Version: '2012-10-17'
  Statement: Array<{Sid: string; Effect: 'Allow'; Action: string[]; Resource: string[]}>
}

export function renderPolicy(commands: string[], config: AeConfig, target: PolicyTarget): PolicyDocument {
  const byResource = new Map<ResourceKind, Set<string>>()
  for (const command of commands) {
    for (const grant of COMMAND_GRANTS[command] ?? []) {
      const set = byResource.get(grant.on) ?? new Set<string>()
      for (const a of grant.actions) set.add(a)
      byResource.set(grant.on, set)
    }
  }
  const machines = Object.values(config.pipelines).map((p) => p.stateMachineName)
  const {region, account} = target
  const holds = config.holds
  const evidence = [...new Set(Object.values(config.pipelines).flatMap((p) => (p.resumeKeys ?? []).map((k) => k.bucket)))]
  const resources: Record<ResourceKind, string[]> = {
    'state-machine': machines.map((m) => `arn:aws:states:${region}:${account}:stateMachine:${m}`),
    execution: machines.map((m) => `arn:aws:states:${region}:${account}:execution:${m}:*`),
    rule: target.rules.map((r) => `arn:aws:events:${region}:${account}:rule/${r}`),
    'holds-bucket': holds ? [`arn:aws:s3:::${holds.bucket}`] : [],
    'holds-objects': holds ? [`arn:aws:s3:::${holds.bucket}/${holds.prefix}*`, `arn:aws:s3:::${holds.bucket}/${holds.lockKey}`] : [],
    'evidence-objects': evidence.map((b) => `arn:aws:s3:::${b}/*`),
    'pass-role': target.roles,
    any: ['*'],
  }
  const statement: PolicyDocument['Statement'] = []
  for (const [kind, actions] of byResource) {
    if (actions.size === 0 || resources[kind].length === 0) continue
    statement.push({Sid: sid(kind), Effect: 'Allow', Action: [...actions].sort(), Resource: resources[kind]})
  }
  return {Version: '2012-10-17', Statement: statement}
}

const sid = (kind: ResourceKind) =>
  'Ae' + kind.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
