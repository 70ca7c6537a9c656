/**
 * How a portal run can fail, in the words an operator acts on. The kind decides whether the
 * caller may try again: a wrong password is never retried, because retries lock accounts.
 */
import { formatProblem, type Problem } from '../core/validation.js';
import { ExitCode, RemitError, oneLine } from '../core/errors.js';
import type { PortalFetchResult } from './types.js';

export type PortalErrorKind =
  | 'auth'
  | 'locked'
  | 'password-expired'
  | 'mfa'
  | 'captcha'
  | 'layout'
  | 'timeout'
  | 'session-expired'
  | 'transient'
  | 'download';

const RETRYABLE: ReadonlySet<PortalErrorKind> = new Set(['timeout', 'transient', 'session-expired']);

/**
 * The portal refused the account's credentials: sending them again (tonight or any later
 * night) cannot help and can lock the account, so the caller holds the account until a
 * person stores a new secret or clears the hold.
 */
export const CREDENTIAL_KINDS: ReadonlySet<PortalErrorKind> = new Set(['auth', 'locked', 'password-expired', 'mfa', 'captcha']);

const HINTS: Record<PortalErrorKind, string> = {
  auth: 'check the username and store the right password (remit portal password ID --password-stdin); remit does not try this account again until then',
  locked: 'the portal locked the account: unlock it with the payer, then store the password (remit portal password ID --password-stdin)',
  'password-expired': 'log in to the portal by hand, set a new password, then store it (remit portal password ID --password-stdin)',
  mfa: 'the one-time code was refused or no TOTP secret is stored: store the secret (remit portal password ID --totp-secret-stdin)',
  captcha: 'the portal asks for a CAPTCHA: log in once by hand from this machine, then remit portal resume ID',
  layout: 'the portal page has changed: see the screenshot and trace, then update the recipe',
  timeout: 'the portal was too slow: remit tries again later; raise the timeout if it keeps happening',
  'session-expired': 'the portal ended the session: remit logs in again on the next try',
  transient: 'the portal could not be reached or had a temporary error: remit tries again later',
  download: 'a file could not be downloaded completely; it is fetched again on the next run',
};

/** Files saved to help someone see what the portal showed when it failed. */
export interface FailureArtifacts {
  screenshot?: string;
  trace?: string;
}

export class PortalError extends RemitError {
  readonly kind: PortalErrorKind;
  /** The portal's own words (e.g. "Invalid username or password."), when it said anything. */
  readonly portalMessage: string | undefined;
  readonly retryable: boolean;
  /** The credentials were refused (see CREDENTIAL_KINDS): do not send them again. */
  readonly refusesCredentials: boolean;
  artifacts: FailureArtifacts | undefined;
  /** What was already done before the failure: files saved (import them), rows seen. */
  partial: PortalFetchResult | undefined;

  constructor(kind: PortalErrorKind, message: string, options: { portalMessage?: string; hint?: string } = {}) {
    const portalMessage = options.portalMessage ? oneLine(options.portalMessage, 200) : undefined;
    const full = portalMessage ? `${message}: "${portalMessage}"` : message;
    super(`portal-${kind}`, oneLine(full), { exitCode: ExitCode.failures, hint: options.hint ?? HINTS[kind] });
    this.name = 'PortalError';
    this.kind = kind;
    this.portalMessage = portalMessage;
    this.retryable = RETRYABLE.has(kind);
    this.refusesCredentials = CREDENTIAL_KINDS.has(kind);
    this.artifacts = undefined;
    this.partial = undefined;
  }
}

export function isPortalError(err: unknown): err is PortalError {
  return err instanceof PortalError;
}

/** One problem found in a recipe, with where it is. */
export type RecipeProblem = Problem;
export { formatProblem };

/** A recipe that cannot be used; carries every problem found, not just the first. */
export class RecipeError extends RemitError {
  readonly problems: RecipeProblem[];
  readonly source: string | undefined;

  constructor(problems: RecipeProblem[], source?: string) {
    const first = problems[0];
    const count = problems.length;
    const summary = first ? formatProblem(first, source) : 'invalid recipe';
    super('recipe', oneLine(count > 1 ? `${summary} (and ${count - 1} more)` : summary), {
      exitCode: ExitCode.usage,
      hint: 'fix every problem listed for the recipe, then run again',
    });
    this.name = 'RecipeError';
    this.problems = problems;
    this.source = source;
  }

  /** Every problem, one per line. */
  details(): string {
    return this.problems.map((p) => formatProblem(p, this.source)).join('\n');
  }
}
