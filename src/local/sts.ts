// STS GetCallerIdentity (query protocol, XML), so the account guard runs against the local
// endpoint too. The account is fixed, except that a 12-digit access key id is taken as the
// account (tests use it to play "the wrong account"), and the key id EXPIRED answers ExpiredToken.
import type {LocalHandler, LocalRequest} from './http.js'

export const LOCAL_ACCOUNT_ID = '000000000000'

const accessKeyOf = (req: LocalRequest): string | undefined => /Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ''))?.[1]

export function createStsHandler(accountId = LOCAL_ACCOUNT_ID): LocalHandler {
  return async (req) => {
    const params = new URLSearchParams(req.body.toString('utf8'))
    const id = `sts-${Date.now().toString(16)}`
    const key = accessKeyOf(req)
    if (key === 'EXPIRED') {
      return xml(403, `<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`)
    }
    if (params.get('Action') !== 'GetCallerIdentity') {
      return xml(400, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation ${escape(params.get('Action') ?? '')} for version 2011-06-15</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`)
    }
    const account = key && /^\d{12}$/.test(key) ? key : accountId
    return xml(
      200,
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::${account}:assumed-role/ae-local-operator/local</Arn><UserId>AROALOCALOPERATOR:local</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    )
  }
}

const xml = (status: number, body: string) => ({status, headers: {'content-type': 'text/xml'}, body})
const escape = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
