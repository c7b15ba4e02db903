// Region, account, rule names and role ARNs a policy is scoped to, from the config and flags alone:
// writing a policy must not need the credentials the policy is for.
import {loadRules, rulesOfPipeline} from '../deploy/rules-file.js'
import {listPipelines} from '../config/load.js'
import type {LoadedConfig} from '../config/types.js'
import type {PolicyTarget} from './policy.js'

export function policyTarget(loaded: LoadedConfig, flags: {region?: string; account?: string}): PolicyTarget {
  const pipelines = listPipelines(loaded)
  const rules = loaded.config.rulesFile ? loadRules(loaded) : []
  const ruleNames = pipelines.flatMap((p) => rulesOfPipeline(rules, p.name).map((r) => r.name))
  const render = (text: string | undefined, subs: Record<string, string> = {}) => text?.replace(/\$\{(\w+)\}/g, (w, n: string) => subs[n] ?? w)
  const roles = [
    ...pipelines.map((p) => render(p.roleArn, p.substitutions)),
    ...pipelines.flatMap((p) => rulesOfPipeline(rules, p.name).map((r) => render(r.target.roleArn, p.substitutions))),
  ].filter((r): r is string => Boolean(r))
  return {
    region: flags.region ?? process.env.AWS_REGION ?? '*',
    account: flags.account ?? '*',
    rules: [...new Set(ruleNames)],
    roles: [...new Set(roles)],
  }
}
