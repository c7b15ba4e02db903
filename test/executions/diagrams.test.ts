// `ae executions show --format mermaid|gantt` output goes into incident notes, so it must be
// valid Mermaid: each output is parsed with the real mermaid parser (a syntax check, not a string
// compare), and the flowchart's state classes are read back from what the parser understood.
import {JSDOM} from 'jsdom'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import ExecutionsShow from '../../src/commands/executions/show.js'
import {localAws, type LocalAws} from '../helpers/local-aws.js'
import {deployShipped, runScenario} from '../helpers/pipelines.js'
import {runCommand} from '../helpers/run-command.js'

interface MermaidApi {
  parse(text: string): Promise<unknown>
  mermaidAPI: {getDiagramFromText(text: string): Promise<{db: Record<string, (...args: unknown[]) => unknown>}>}
}
let mermaid: MermaidApi
let local: LocalAws

beforeAll(async () => {
  // mermaid sanitizes labels with DOMPurify, which needs a DOM.
  const dom = new JSDOM('<!doctype html><html><body></body></html>')
  Object.assign(globalThis, {window: dom.window, document: dom.window.document})
  mermaid = (await import('mermaid')).default as unknown as MermaidApi
  local = await localAws()
  await deployShipped(local)
  await runScenario(local, 'saturday', 'research-rate-limited', 'sat-rate-limited')
  await runScenario(local, 'saturday', 'data-phase1-fails', 'sat-phase1-fails')
  await runScenario(local, 'saturday', 'eval-judge-degraded', 'sat-judge-degraded')
}, 60_000)
afterAll(() => local?.close())

const render = async (execution: string, format: 'mermaid' | 'gantt') => {
  const r = await runCommand(ExecutionsShow, [execution, '--format', format, ...local.flags], {env: local.env})
  expect(r.stderr).toBe('')
  expect(r.exitCode).toBe(0)
  return r.stdout
}

/** Parses a flowchart and returns each node's classes as the parser read them. */
async function flowchartClasses(text: string): Promise<Map<string, string[]>> {
  await mermaid.parse(text)
  const {db} = await mermaid.mermaidAPI.getDiagramFromText(text)
  const vertices = db.getVertices!() as Map<string, {classes: string[]; text: string}>
  return new Map([...vertices.values()].map((v) => [v.text, v.classes]))
}

describe('ae executions show --format mermaid', () => {
  it('is a flowchart the mermaid parser accepts, each state coloured by what it did', async () => {
    // Given Research failed with a 429 while PredictorTraining completed
    const text = await render('sat-rate-limited', 'mermaid')

    // When the parser reads it
    const classes = await flowchartClasses(text)

    // Then the failed state is failed, finished ones succeeded, untaken ones notrun
    expect(classes.get('Research')).toEqual(['failed'])
    expect(classes.get('MorningEnrich')).toEqual(['succeeded'])
    expect(classes.get('PredictorTraining')).toEqual(['succeeded'])
    expect(classes.get('DataPhase2')).toEqual(['notrun'])
    expect(classes.get('Backtester')).toEqual(['notrun'])
    expect(classes.get('FailExecution')).toEqual(['failed'])
    // and every state of the definition is a node with exactly one class
    expect(classes.size).toBeGreaterThan(80)
    for (const [name, c] of classes) expect(c, name).toHaveLength(1)
  })

  it('marks the state whose command failed, not the Choice that saw it', async () => {
    const classes = await flowchartClasses(await render('sat-phase1-fails', 'mermaid'))
    expect(classes.get('DataPhase1')).toEqual(['failed'])
    expect(classes.get('MorningEnrich')).toEqual(['succeeded'])
    expect(classes.get('RAGIngestion')).toEqual(['notrun'])
  })

  it('marks a failure a fail-soft Catch absorbed as caught', async () => {
    const classes = await flowchartClasses(await render('sat-judge-degraded', 'mermaid'))
    expect(classes.get('EvalJudgePoll')).toEqual(['caught'])
    expect(classes.get('EvalJudgeProcess')).toEqual(['notrun'])
    expect(classes.get('RationaleClustering')).toEqual(['succeeded'])
  })

  it('puts the Parallel branches in subgraphs the parser sees', async () => {
    const text = await render('sat-rate-limited', 'mermaid')
    await mermaid.parse(text)
    const {db} = await mermaid.mermaidAPI.getDiagramFromText(text)
    const subgraphs = db.getSubGraphs!() as Array<{title: string; nodes: string[]}>
    expect(subgraphs.map((s) => s.title).sort()).toEqual(['ResearchPredictorParallel branch 0', 'ResearchPredictorParallel branch 1'])
  })

  it('rejects a broken diagram, so the checks above can fail', async () => {
    // Given the real output with one node definition cut short
    const text = await render('sat-rate-limited', 'mermaid')
    const broken = text.replace('s_Research["Research"]', 's_Research["Research"')
    expect(broken).not.toBe(text)
    // Then the parser throws
    await expect(mermaid.parse(broken)).rejects.toThrow(/Parse error/)
  })
})

describe('ae executions show --format gantt', () => {
  it('is a gantt chart the mermaid parser accepts, with a task per workload that ran', async () => {
    // Given Research failed and the workloads before it and PredictorTraining completed
    const text = await render('sat-rate-limited', 'gantt')

    // When the parser reads it
    await mermaid.parse(text)
    const {db} = await mermaid.mermaidAPI.getDiagramFromText(text)
    const tasks = db.getTasks!() as Array<{task: string; crit?: boolean; startTime: Date; endTime: Date}>

    // Then each workload that ran is a task, the failed one critical, in virtual time order
    const byName = new Map(tasks.map((t) => [t.task.trim(), t]))
    expect([...byName.keys()]).toEqual([
      'MorningEnrich (completed)',
      'DataPhase1 (completed)',
      'RAGIngestion (completed)',
      'RegimeSubstrate (completed)',
      'RegimeRetrospectiveEval (completed)',
      'Research (failed)',
      'PredictorTraining (completed)',
    ])
    expect(byName.get('Research (failed)')?.crit).toBe(true)
    expect(byName.get('PredictorTraining (completed)')?.crit).toBeFalsy()
    const training = byName.get('PredictorTraining (completed)')!
    // 91 virtual minutes of training, and then some for the polls
    expect(training.endTime.getTime() - training.startTime.getTime()).toBeGreaterThanOrEqual(91 * 60_000)
  })

  it('rejects a broken gantt chart', async () => {
    // Given the real output with one task's data (tags, id, start, end) cut off
    const text = await render('sat-rate-limited', 'gantt')
    const broken = text.replace(/^(\s*Research \(failed\)) :.*$/m, '$1')
    expect(broken).not.toBe(text)
    // Then the parser throws
    await expect(mermaid.parse(broken)).rejects.toThrow(/Parse error/)
  })
})
