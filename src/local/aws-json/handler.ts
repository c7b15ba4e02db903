// A JSON-protocol service as a LocalHandler: name the operation, run it on the body, answer in
// the service's content type. An operation refuses a request by throwing an AwsJsonError; anything
// else it throws is a bug here, answered as the service answers its own (a 500).
import type {LocalHandler, LocalRequest} from '../http.js'
import {AwsJsonError, unknownOperation} from './errors.js'
import {bodyOf, type Input} from './request.js'
import {errorResponse, type JsonContentType, okResponse} from './response.js'

export type Operation<Deps> = (deps: Deps, input: Input) => unknown

export interface JsonService<Deps> {
  /** As the service's messages name it: 'Step Functions', 'EventBridge'. */
  name: string
  contentType: JsonContentType
  operations: Readonly<Record<string, Operation<Deps>>>
  /** The operation a request names, or an UnknownOperationException in the service's words. */
  operationOf(req: LocalRequest): string
  /** The service's answer to a bug of ours (InternalFailure, InternalException, ...). */
  internalError(error: unknown): AwsJsonError
  /** Told of every call to a named operation, known or not, before it runs. */
  onCall?(deps: Deps, operation: string): void
}

export function createJsonHandler<Deps>(service: JsonService<Deps>, deps: Deps): LocalHandler {
  return async (req) => {
    try {
      const name = service.operationOf(req)
      service.onCall?.(deps, name)
      const operation = Object.hasOwn(service.operations, name) ? service.operations[name] : undefined
      if (operation === undefined) throw unknownOperation(`The local ${service.name} endpoint does not support the operation ${name}.`)
      return okResponse(service.contentType, await operation(deps, bodyOf(req)))
    } catch (e) {
      return errorResponse(service.contentType, e instanceof AwsJsonError ? e : service.internalError(e))
    }
  }
}
