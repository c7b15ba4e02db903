// Parallel branch outcomes. With per-branch isolation a branch never throws: it ends in a Pass
// terminal that records `branch_x_status` = OK or FAILED as data. Which terminal was entered tells
// the recorded status straight from the definition, so no execution data is needed for it.
import type {StateGraph, StateNode} from '../asl/graph.js'
import type {JsonValue} from '../asl/types.js'
import type {StateVisit, VisitLog} from './visits.js'

export interface BranchOutcome {
  parallel: string
  branch: number
  /** The branch's first state (a name operators recognise: CheckSkipResearch). */
  startAt: string
  /** The terminal state the branch ended in, if it ended. */
  terminal?: string
  /** What the terminal recorded (OK / FAILED), else the branch's own result: SUCCEEDED, FAILED, ABORTED, RUNNING, NOT_RUN. */
  status: string
  statusKey?: string
}

/** The literal `*_status` value a Pass terminal writes, e.g. {branch_a_status: "FAILED"}. */
export function recordedStatus(node: StateNode): {key: string; value: string} | undefined {
  if (node.type !== 'Pass') return undefined
  const s = node.state as {Parameters?: JsonValue; Result?: JsonValue}
  for (const payload of [s.Parameters, s.Result]) {
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) continue
    for (const [key, value] of Object.entries(payload)) {
      if (/_status$/.test(key) && typeof value === 'string') return {key, value}
    }
  }
  return undefined
}

export function branchOutcomes(log: VisitLog, graph: StateGraph): BranchOutcome[] {
  const out: BranchOutcome[] = []
  for (const node of graph.ordered) {
    if (node.type !== 'Parallel') continue
    const runs = log.byName.get(node.name) ?? []
    const last = runs.at(-1)
    node.childScopes.forEach((scopeId, branch) => {
      const scope = graph.scopes.get(scopeId)
      const startAt = scope?.startAt ?? ''
      if (!last || !scope) return out.push({parallel: node.name, branch, startAt, status: 'NOT_RUN'})
      const inWindow = (v: StateVisit) => v.enteredAt >= last.enteredAt && (last.exitedAt === undefined || v.enteredAt <= last.exitedAt)
      const visited = [...scope.states.values()].flatMap((s) => (log.byName.get(s.name) ?? []).filter(inWindow).map((v) => ({v, s})))
      visited.sort((a, b) => a.v.enteredId - b.v.enteredId)
      const end = [...visited].reverse().find(({s, v}) => s.end && v.exitedId !== undefined)
      if (end) {
        const recorded = recordedStatus(end.s)
        return out.push({parallel: node.name, branch, startAt, terminal: end.s.name, status: recorded?.value ?? (end.s.type === 'Fail' ? 'FAILED' : 'SUCCEEDED'), ...(recorded ? {statusKey: recorded.key} : {})})
      }
      const lastVisit = visited.at(-1)?.v
      const status = lastVisit?.aborted ? 'ABORTED' : lastVisit?.failure ? 'FAILED' : log.execution.status === 'RUNNING' && last.exitedAt === undefined ? 'RUNNING' : visited.length ? 'FAILED' : 'NOT_RUN'
      return out.push({parallel: node.name, branch, startAt, status})
    })
  }
  return out
}
