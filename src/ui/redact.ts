// Last line of defence against printing credentials: whatever reaches the terminal passes here.
// Modules must not put secrets in messages in the first place; this catches the ones that slip.

const PATTERNS: RegExp[] = [
  /\b(A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/g, // access key ids
  /(aws_secret_access_key|secretAccessKey|SecretAccessKey|aws_session_token|sessionToken|SessionToken|X-Amz-Security-Token|x-amz-security-token)(["'\s:=]+)([A-Za-z0-9/+=]{16,})/g,
]

export function redactSecrets(text: string): string {
  let out = text
  for (const [i, re] of PATTERNS.entries()) {
    out = i === 0 ? out.replace(re, '[REDACTED]') : out.replace(re, (_m, k: string, sep: string) => `${k}${sep}[REDACTED]`)
  }
  const secret = process.env.AWS_SECRET_ACCESS_KEY
  const token = process.env.AWS_SESSION_TOKEN
  for (const s of [secret, token]) if (s && s.length >= 8) out = out.split(s).join('[REDACTED]')
  return out
}
