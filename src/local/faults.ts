// Fault injection for the embedded endpoint: throttling, 5xx and latency, from a seeded PRNG so a
// failing reliability test can be replayed. Faults are answered in each protocol's own error shape,
// because the SDK's retry logic keys on exactly those shapes.
import type {LocalRequest, LocalResponse} from './http.js'
import {protocolOf, type Protocol} from './protocol.js'

export interface FaultOptions {
  throttleRate?: number
  errorRate?: number
  /** Upper bound of an added delay per request, drawn uniformly. */
  latencyMs?: number
  seed?: number
}

/** mulberry32: tiny, fast, good enough to spread faults; seeded for replay. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface FaultInjector {
  /** A delay to apply, and a fault response to send instead of handling the request (or undefined). */
  decide(req: LocalRequest): {delayMs: number; fault?: LocalResponse}
}

export function createFaultInjector(options: FaultOptions = {}): FaultInjector {
  const random = seededRandom(options.seed ?? 1)
  const throttle = options.throttleRate ?? 0
  const error = options.errorRate ?? 0
  const latency = options.latencyMs ?? 0
  return {
    decide(req) {
      const delayMs = latency > 0 ? Math.floor(random() * latency) : 0
      const roll = random()
      if (roll < throttle) return {delayMs, fault: faultResponse(protocolOf(req), 'throttle')}
      if (roll < throttle + error) return {delayMs, fault: faultResponse(protocolOf(req), 'error')}
      return {delayMs}
    },
  }
}

function faultResponse(protocol: Protocol, kind: 'throttle' | 'error'): LocalResponse {
  const id = 'fault-' + Math.random().toString(16).slice(2)
  if (protocol === 's3' || protocol === 'sts') {
    const [status, code, message] = kind === 'throttle' ? [503, 'SlowDown', 'Please reduce your request rate.'] : [500, 'InternalError', 'We encountered an internal error. Please try again.']
    const body =
      protocol === 's3'
        ? `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${id}</RequestId></Error>`
        : `<ErrorResponse><Error><Type>${kind === 'throttle' ? 'Sender' : 'Receiver'}</Type><Code>${kind === 'throttle' ? 'Throttling' : 'InternalFailure'}</Code><Message>${message}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`
    return {status, headers: {'content-type': 'application/xml', 'x-amz-request-id': id}, body}
  }
  const contentType = protocol === 'events' ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0'
  const [status, type, message] = kind === 'throttle' ? [400, 'ThrottlingException', 'Rate exceeded'] : [500, 'InternalFailure', 'Internal service error']
  return {status, headers: {'content-type': contentType, 'x-amzn-requestid': id}, body: JSON.stringify({__type: type, message})}
}
