// The one door to enquirer. No prompt without a TTY: a runbook that would block on a question
// fails fast with exit 2 and names the flag it needs instead.
import {AeError, ExitCode, usageError} from '../errors.js'

export interface ConfirmOptions {
  /** --yes was given: confirmed without asking. */
  yes: boolean
  /** --json output: never prompt, the JSON reader is a program. */
  json: boolean
  /** The flag a non-interactive run needs, for the error message. */
  flag?: string
  isTTY?: boolean
}

export async function confirm(message: string, options: ConfirmOptions): Promise<void> {
  if (options.yes) return
  const tty = options.isTTY ?? Boolean(process.stdin.isTTY && process.stdout.isTTY)
  if (!tty || options.json) {
    throw usageError('CONFIRMATION_REQUIRED', `${message} needs confirmation, and there is no terminal to ask on`, `Rerun with ${options.flag ?? '--yes'} to confirm non-interactively.`)
  }
  const {default: Enquirer} = await import('enquirer')
  let ok = false
  try {
    const answer = (await Enquirer.prompt({type: 'confirm', name: 'ok', message, initial: false})) as {ok: boolean}
    ok = answer.ok
  } catch {
    ok = false // Ctrl-C at the prompt is a no.
  }
  if (!ok) throw new AeError('DECLINED', 'declined at the prompt; nothing was changed', ExitCode.failed)
}
