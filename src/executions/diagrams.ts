// Mermaid renderings of one execution, for incident notes and runbooks (both render in GitHub
// markdown): the definition as a flowchart coloured by what each state did, and a Gantt chart of
// workload durations.
import type {StateGraph, StateNode} from '../asl/graph.js'
import type {Timeline} from './timeline.js'
import {wasCaught} from './visits.js'

const id = (name: string) => 's_' + name.replace(/[^A-Za-z0-9_]/g, '_')
const label = (text: string) => text.replace(/["\n]/g, "'")

type StateClass = 'succeeded' | 'failed' | 'caught' | 'running' | 'notrun'

/** The states a failure is attributed to: a Task whose error went to failure handling, or whose result a Choice judged bad. */
function failedStates(t: Timeline): Set<string> {
  const out = new Set<string>()
  if (t.failure?.state) out.add(t.failure.state)
  for (const w of t.workloads) if (w.outcome === 'failed' && w.failure) out.add(w.failure.state)
  return out
}

function stateClass(t: Timeline, name: string, failed: ReadonlySet<string>): StateClass {
  const visits = t.log.byName.get(name) ?? []
  const last = visits.at(-1)
  if (!last) return 'notrun'
  if (failed.has(name) || (last.failure && !wasCaught(last))) return 'failed'
  if (visits.some(wasCaught)) return 'caught'
  if (last.type === 'Fail') return 'failed'
  if (last.exitedId === undefined && !last.next.length && t.status === 'RUNNING') return 'running'
  return 'succeeded'
}

export function renderFlowchart(graph: StateGraph, t: Timeline): string {
  const lines = ['flowchart TD']
  const classes = new Map<StateClass, string[]>()
  const failed = failedStates(t)
  const emitScope = (scopeId: string, indent: string) => {
    const scope = graph.scopes.get(scopeId)
    if (!scope) return
    for (const node of scope.states.values()) {
      lines.push(`${indent}${id(node.name)}["${label(node.name)}"]`)
      const c = stateClass(t, node.name, failed)
      classes.set(c, [...(classes.get(c) ?? []), id(node.name)])
      node.childScopes.forEach((child, i) => {
        const start = graph.scopes.get(child)?.startAt
        lines.push(`${indent}subgraph ${id(child)} ["${label(`${node.name} ${child.endsWith('/items') ? 'items' : `branch ${i}`}`)}"]`)
        emitScope(child, indent + '  ')
        lines.push(`${indent}end`)
        if (start) lines.push(`${indent}${id(node.name)} --> ${id(start)}`)
      })
    }
    for (const node of scope.states.values()) lines.push(...edges(node, indent, scope.states))
  }
  emitScope('', '  ')
  lines.push(
    '  classDef succeeded fill:#d4edda,stroke:#28a745,color:#155724',
    '  classDef failed fill:#f8d7da,stroke:#dc3545,color:#721c24',
    '  classDef caught fill:#fff3cd,stroke:#e0a800,color:#856404',
    '  classDef running fill:#cce5ff,stroke:#004085,color:#004085',
    '  classDef notrun fill:#f0f0f0,stroke:#aaaaaa,color:#888888',
  )
  for (const [c, ids] of classes) lines.push(`  class ${ids.join(',')} ${c}`)
  return lines.join('\n') + '\n'
}

function edges(node: StateNode, indent: string, inScope: Map<string, StateNode>): string[] {
  return node.edges
    .filter((e) => inScope.has(e.to))
    .map((e) => (e.kind === 'catch' ? `${indent}${id(node.name)} -.->|catch| ${id(e.to)}` : `${indent}${id(node.name)} --> ${id(e.to)}`))
}

const ganttTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ')

export function renderGantt(t: Timeline, title: string): string {
  const lines = ['gantt', `  title ${title.replace(/[:#;]/g, ' ')}`, '  dateFormat YYYY-MM-DD HH:mm:ss', '  axisFormat %H:%M', '  section Workloads']
  t.workloads.forEach((w, i) => {
    if (!w.startedAt || !w.endedAt) return
    const tag = w.outcome === 'failed' ? 'crit, ' : w.outcome === 'degraded' ? 'active, ' : w.outcome === 'running' ? 'active, ' : 'done, '
    const end = w.endedAt.getTime() > w.startedAt.getTime() ? w.endedAt : new Date(w.startedAt.getTime() + 1000)
    // A colon ends a task name, and # and ; start comments and entities in Mermaid.
    lines.push(`  ${w.workload.replace(/[:#;]/g, ' ')} (${w.outcome}) :${tag}w${i}, ${ganttTime(w.startedAt)}, ${ganttTime(end)}`)
  })
  return lines.join('\n') + '\n'
}
