// What a deployed version says about itself: the git commit it was shipped from and the hash of
// the exact definition text sent, so `ae diff` and an operator in the console can tell which
// build is live.
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/** `git rev-parse HEAD` in `cwd`; "unknown" outside a repository or without git. */
export function gitSha(cwd: string): string {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000}).trim()
    return /^[0-9a-f]{7,64}$/.test(out) ? out : 'unknown'
  } catch {
    return 'unknown'
  }
}

export const TAG_DEFINITION_SHA = 'ae:definition-sha256'
export const TAG_GIT_SHA = 'ae:git-sha'

/** The published version's description (AWS allows 256 characters). */
export const versionDescription = (git: string, definitionSha: string): string => `ae deploy: git ${git}, definition sha256 ${definitionSha}`.slice(0, 256)
