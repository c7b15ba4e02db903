// The local ASL engine: what the embedded Step Functions endpoint and the tests use.
export type * from './api.js'
export {createVirtualClock, type VirtualClock, type VirtualClockOptions} from './clock.js'
export {startExecution} from './execution.js'
export {HISTORY_EVENT_LIMIT} from './history.js'
export {describeDiagnostic, validateDefinition, type Diagnostic, type Severity} from './validate.js'
