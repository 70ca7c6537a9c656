/**
 * What went wrong talking to a mailbox, in the operator's terms and with whether a later
 * run may try again. A refused login is never retried: servers lock accounts after a few
 * bad attempts, so remit waits until the secret is replaced. Messages never carry the
 * password or token, only what the server or the network said.
 */
import { RemitError, oneLine } from '../../core/errors.js';

export type MailboxErrorKind = 'auth' | 'connection-refused' | 'host-not-found' | 'tls' | 'timeout' | 'connection-lost' | 'folder' | 'protocol';

export class MailboxError extends RemitError {
  readonly kind: MailboxErrorKind;
  /** False for a refused login (and a TLS certificate problem): trying again changes nothing. */
  readonly retryable: boolean;

  constructor(kind: MailboxErrorKind, message: string, hint?: string) {
    super(`mail-${kind}`, message, hint ? { hint } : {});
    this.name = 'MailboxError';
    this.kind = kind;
    this.retryable = kind === 'connection-refused' || kind === 'timeout' || kind === 'connection-lost' || kind === 'host-not-found';
  }
}

const TLS_CODES = /^(ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH)/;

interface ErrorFacts {
  code?: string;
  message?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  serverResponseCode?: string;
}

/** An imapflow or socket error as a MailboxError; `where` is "imap.example.com:993". */
export function mailboxErrorFrom(err: unknown, where: string, secrets: string[] = []): MailboxError {
  if (err instanceof MailboxError) return err;
  const facts = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorFacts;
  const code = facts.code ?? '';
  const said = scrub(facts.responseText || facts.message || code || 'no answer', secrets);
  if (facts.authenticationFailed || facts.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return new MailboxError('auth', `${where} refused the login: ${said}`, 'replace the password or token (remit will not try this mailbox again until then)');
  }
  if (code === 'ECONNREFUSED') return new MailboxError('connection-refused', `${where} refused the connection (nothing listens on that port)`, 'check mailbox host and port');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new MailboxError('host-not-found', `${where}: the host name does not resolve`, 'check the mailbox host');
  const tls = () => new MailboxError('tls', `${where}: TLS failed (${code || said})`, 'check mailbox tls and port (993 implicit TLS, 143 STARTTLS), or the server certificate');
  if (TLS_CODES.test(code)) return tls();
  if (/TIMEOUT/i.test(code) || code === 'ETIMEDOUT') return new MailboxError('timeout', `${where} did not answer in time (${code})`);
  if (/certificate|ssl routines|wrong version number|handshake/i.test(facts.message ?? '')) return tls();
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'NoConnection' || code === 'EConnectionClosed' || /^ClosedAfterConnect/.test(code)) {
    return new MailboxError('connection-lost', `${where} closed the connection (${code}: ${said})`);
  }
  return new MailboxError('protocol', `${where}: ${said}`);
}

/** Server text is the operator's evidence; a secret echoed back in it is not. */
function scrub(text: string, secrets: string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  return oneLine(clean, 200);
}
