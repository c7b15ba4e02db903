// The handler of each state type.
import type {StateContext, StateResult} from '../runtime.js'
import {runChoice} from './choice.js'
import {runFail, runSucceed} from './fail-succeed.js'
import {runMap} from './map.js'
import {runParallel} from './parallel.js'
import {runPass} from './pass.js'
import {runTask} from './task.js'
import {runWait} from './wait.js'

export const STATE_HANDLERS: Readonly<Record<string, (ctx: StateContext) => Promise<StateResult>>> = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
}
