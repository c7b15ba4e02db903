// Time to parse a definition, build its state graph, derive its workloads and lint it: what every
// `ae` command that reads a definition pays before it does anything else. Goal: under 50 ms for a
// 200-state definition. Run: npx tsx bench/workloads.ts [runs]
import {existsSync, readFileSync} from 'node:fs'
import {performance} from 'node:perf_hooks'
import {buildGraph} from '../src/asl/graph.js'
import {lintDefinition} from '../src/asl/lint.js'
import type {StateMachineDefinition} from '../src/asl/types.js'
import {deriveWorkloadsFromGraph} from '../src/asl/workloads.js'
import {countStates, generatePipeline} from '../test/asl/fixtures.js'

const GOAL_MS = 50
const WARMUP = 30
const runs = Number(process.argv[2] ?? 200)

function once(text: string): {states: number; workloads: number; diagnostics: number} {
  const def = JSON.parse(text) as StateMachineDefinition
  const graph = buildGraph(def)
  const workloads = deriveWorkloadsFromGraph(graph)
  const diagnostics = lintDefinition(def, {graph, workloads})
  return {states: graph.ordered.length, workloads: workloads.length, diagnostics: diagnostics.length}
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number

function measure(label: string, text: string): void {
  let shape = once(text)
  for (let i = 0; i < WARMUP; i++) shape = once(text)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    once(text)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const median = percentile(times, 50)
  const p95 = percentile(times, 95)
  console.log(
    `${label}: ${shape.states} states, ${shape.workloads} workloads, ${shape.diagnostics} diagnostics, ${runs} runs: ` +
      `median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms; ` +
      `median/goal ${(median / GOAL_MS).toFixed(4)}, p95/goal ${(p95 / GOAL_MS).toFixed(4)} (goal ${GOAL_MS} ms)`,
  )
}

const generated = generatePipeline(200).definition
measure(`generated (${countStates(generated)} states)`, JSON.stringify(generated))

const shipped = new URL('../asl/saturday-pipeline.asl.json', import.meta.url)
if (existsSync(shipped)) measure('saturday-pipeline.asl.json', readFileSync(shipped, 'utf8'))
