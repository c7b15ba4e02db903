// What the two AWS JSON protocols of the embedded endpoint share: Step Functions (1.0) and
// EventBridge (1.1) differ in content type, target prefix and some wording, not in shape.
export {AwsJsonError, serializationError, unknownOperation, validationError} from './errors.js'
export {createJsonHandler, type JsonService, type Operation} from './handler.js'
export {type ListRule, type MemberMessages, Members, type NumberRule, type StringRule} from './members.js'
export {bodyOf, type Input, isObject, requirePost, targetOperation} from './request.js'
export {errorResponse, JSON_10, JSON_11, type JsonContentType, okResponse, RawJson} from './response.js'
