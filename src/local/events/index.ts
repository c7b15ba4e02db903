// The EventBridge part of the embedded endpoint: the request handler, its store, and the
// scheduler function the endpoint drives from its clock.
export {createEventsHandler, type EventsDeps} from './handler.js'
export {dueFirings, type DueFiring} from './scheduler.js'
export {EventsStore, type EventsSnapshot, type RuleState, type StoredRule, type StoredTarget} from './store.js'
