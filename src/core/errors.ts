/**
 * Errors an operator is meant to read. A RemitError has already been worded for a person:
 * the CLI prints its one-line message (and hint) and exits with its code. Anything else
 * that escapes is a bug and is reported as one.
 */
export const ExitCode = {
  ok: 0,
  failures: 1,
  usage: 2,
  locked: 3,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class RemitError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { exitCode?: ExitCodeValue; hint?: string } = {}) {
    super(message);
    this.name = 'RemitError';
    this.code = code;
    this.exitCode = options.exitCode ?? ExitCode.failures;
    this.hint = options.hint;
  }
}

/** A problem with how remit was called or configured: exit code 2. */
export class UsageError extends RemitError {
  constructor(message: string, hint?: string) {
    super('usage', message, { exitCode: ExitCode.usage, ...(hint ? { hint } : {}) });
    this.name = 'UsageError';
  }
}

/** A document could not be read. The message is one line and names what was seen. */
export class ParseError extends RemitError {
  constructor(message: string, hint?: string) {
    super('parse', oneLine(message), { exitCode: ExitCode.failures, ...(hint ? { hint } : {}) });
    this.name = 'ParseError';
  }
}

/** Collapse whitespace so a message always fits one log or table line. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function errorMessage(err: unknown): string {
  return oneLine(err instanceof Error ? err.message : String(err));
}
