// User-facing errors. Every failure a command reports is an AeError with a stable code, an exit
// code from the documented table, and next steps; the base command renders it the same way with
// and without --json. Modules throw these; they never print.

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  refused: 3,
  notFound: 4,
} as const
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

export class AeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly suggestions: string[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'AeError'
  }
}

/** Bad input or usage: exit 2. */
export const usageError = (code: string, message: string, ...suggestions: string[]) =>
  new AeError(code, message, ExitCode.usage, suggestions)

/** A named thing does not exist: exit 4. */
export const notFoundError = (code: string, message: string, ...suggestions: string[]) =>
  new AeError(code, message, ExitCode.notFound, suggestions)

/** Refused by a hold or a guard: exit 3. */
export const refusedError = (code: string, message: string, suggestions: string[] = [], details?: Record<string, unknown>) =>
  new AeError(code, message, ExitCode.refused, suggestions, details)

/** The operation ran and failed: exit 1. */
export const failedError = (code: string, message: string, suggestions: string[] = [], details?: Record<string, unknown>) =>
  new AeError(code, message, ExitCode.failed, suggestions, details)

export const isAeError = (e: unknown): e is AeError => e instanceof AeError
