/**
 * Send the run's notification by e-mail (SMTP) and/or webhook. Each channel's outcome is a
 * result, never a throw: a mail server that is down must not turn a good run into a crash,
 * and the caller decides the exit code.
 *
 * The SMTP password comes from the keychain through `getSmtpPassword`, is handed to the
 * SMTP client only, and is scrubbed from every message this module returns or logs.
 * The webhook URL often is itself the credential (Slack, Teams), so only its origin is
 * ever shown.
 */
import { createTransport } from 'nodemailer';
import type { Clock } from '../core/clock.js';
import { errorMessage, oneLine } from '../core/errors.js';
import type { EmailSettings, NotifySettings, WebhookSettings } from './config.js';
import type { RunReport } from './report.js';
import { buildSummary, type NotificationSummary } from './summary.js';
import { webhookBody } from './webhook-body.js';

export interface NotifyDeps {
  /** The SMTP password from the keychain (secret kind `smtp`); undefined when none is stored. */
  getSmtpPassword: () => Promise<string | undefined>;
  /** Defaults to the global fetch. */
  fetchImpl?: typeof fetch;
  /** One line per channel; never carries a secret. */
  log: (message: string) => void;
  clock: Clock;
  /** Connection, greeting, socket and HTTP timeouts in milliseconds (default 15 000). */
  timeoutMs?: number;
}

export interface ChannelResult {
  channel: 'email' | 'webhook';
  ok: boolean;
  /** One line for an operator. */
  message: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Build the summary of `report` and send it on every configured channel, in parallel.
 * With `send: problems` and nothing needing attention, nothing is sent and the result is
 * empty; so it is when no channel is configured.
 */
export async function sendNotifications(report: RunReport, settings: NotifySettings, deps: NotifyDeps): Promise<ChannelResult[]> {
  const summary = buildSummary(report, {
    thresholds: settings.thresholds,
    ...(settings.email?.subjectPrefix ? { subjectPrefix: settings.email.subjectPrefix } : {}),
  });
  if (!settings.email && !settings.webhook) return [];
  if (settings.send === 'problems' && summary.needsAttention.length === 0) {
    deps.log('notify: nothing needs attention, no notification sent (notify.send is "problems")');
    return [];
  }
  const sends: Array<Promise<ChannelResult>> = [];
  if (settings.email) sends.push(sendEmail(summary, settings.email, deps));
  if (settings.webhook) sends.push(postWebhook(summary, settings.webhook, deps));
  const results = await Promise.all(sends);
  for (const r of results) deps.log(`notify ${r.channel}: ${r.ok ? 'sent' : 'FAILED'}: ${r.message}`);
  return results;
}

/** Send the summary as one e-mail (text and HTML) through the configured SMTP server. */
export async function sendEmail(summary: NotificationSummary, email: EmailSettings, deps: NotifyDeps): Promise<ChannelResult> {
  const where = `${email.host}:${email.port}`;
  const timeout = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let password: string | undefined;
  if (email.username) {
    try {
      password = await deps.getSmtpPassword();
    } catch (err) {
      return { channel: 'email', ok: false, message: `e-mail not sent: the SMTP password could not be read from the keychain: ${errorMessage(err)}` };
    }
    if (!password) {
      return {
        channel: 'email',
        ok: false,
        message: `e-mail not sent: no SMTP password is stored for ${email.username}; store it in the keychain (secret kind smtp), then run again`,
      };
    }
  }
  const scrub = (text: string): string => redact(text, password, email.username);

  const transport = createTransport({
    host: email.host,
    port: email.port,
    secure: email.secure,
    requireTLS: email.requireTls,
    ...(email.username && password ? { auth: { user: email.username, pass: password } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
    logger: false,
    debug: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const info = await transport.sendMail({
      from: email.from,
      to: email.to,
      subject: scrub(summary.subject),
      text: scrub(summary.text),
      html: scrub(summary.html),
      ...(summary.attachment ? { attachments: [{ filename: summary.attachment.filename, content: scrub(summary.attachment.html), contentType: 'text/html; charset=utf-8' }] } : {}),
      date: deps.clock.now(),
      // Timeouts above bound each wait; this bounds a server that answers, slowly, forever.
      signal: AbortSignal.timeout(timeout * 4),
    });
    const accepted = info.accepted.length;
    const rejected = info.rejected.map(String);
    const refused = rejected.length ? `; the server refused ${rejected.join(', ')}` : '';
    return {
      channel: 'email',
      ok: true,
      message: scrub(oneLine(`e-mail sent to ${accepted} ${accepted === 1 ? 'recipient' : 'recipients'} through ${where}${refused}`)),
    };
  } catch (err) {
    return { channel: 'email', ok: false, message: scrub(`e-mail not sent: ${describeSmtpError(err, email, where, timeout)}`) };
  } finally {
    transport.close();
  }
}

/** POST the summary to the webhook in its format (teams, slack or generic JSON). */
export async function postWebhook(summary: NotificationSummary, webhook: WebhookSettings, deps: NotifyDeps): Promise<ChannelResult> {
  const fetchImpl = deps.fetchImpl ?? globalThis.fetch;
  const timeout = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const where = origin(webhook.url);
  const hide = (text: string): string => oneLine(text.split(webhook.url).join(where));
  const fail = (message: string): ChannelResult => ({ channel: 'webhook', ok: false, message: hide(`webhook not sent: ${message}`) });
  try {
    const response = await fetchImpl(webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(webhookBody(summary, webhook.format)),
      // A redirect would re-send the body somewhere the operator did not configure.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeout),
    });
    const answer = oneLine((await response.text()).slice(0, 300), 200);
    if (response.status >= 300 && response.status < 400) {
      return fail(`${where} answered with a redirect (HTTP ${response.status}); put the final address in notify.webhook.url`);
    }
    if (!response.ok) return fail(`${where} answered HTTP ${response.status}${answer ? `: ${answer}` : ''}`);
    // Older Teams connectors answer 200 with an error text instead of an error status.
    if (webhook.format === 'teams' && /fail|error/i.test(answer)) return fail(`${where} answered: ${answer}`);
    return { channel: 'webhook', ok: true, message: hide(`webhook (${webhook.format}) accepted by ${where} (HTTP ${response.status})`) };
  } catch (err) {
    return fail(describeFetchError(err, where, timeout));
  }
}

function describeSmtpError(err: unknown, email: EmailSettings, where: string, timeout: number): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; responseCode?: unknown; name?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const detail = errorMessage(err);
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || code === 'EABORT') return `the SMTP server ${where} took too long to accept the message`;
  switch (code) {
    case 'EAUTH':
      return `the SMTP server ${where} refused the login for ${email.username ?? '(no username)'} (${detail}); check notify.email.username and the SMTP password stored in the keychain`;
    case 'ENOAUTH':
      return `the SMTP server ${where} asks for a login: set notify.email.username and store the SMTP password in the keychain`;
    case 'ETIMEDOUT':
      return (
        `the SMTP server ${where} did not answer within ${duration(timeout)}` +
        (email.port === 465 && !email.secure ? '; port 465 expects TLS from the first byte: set notify.email.secure: true' : '')
      );
    case 'EDNS':
      return `the SMTP host ${email.host} could not be found (${detail}); check notify.email.host`;
    case 'ETLS':
      return email.requireTls && !email.secure
        ? `could not start encryption (STARTTLS) with ${where} (${detail}); ` +
            (email.username ? 'remit does not send the SMTP password unencrypted. ' : 'notify.email.require_tls asks for encryption. ') +
            "Use the server's TLS port, or set notify.email.require_tls: false only on a trusted network"
        : `could not set up encryption with ${where} (${detail})`;
    case 'EENVELOPE':
      return `the SMTP server ${where} refused the sender or the recipients (${detail})`;
    case 'ECONNECTION':
    case 'ESOCKET':
      if (email.secure && /wrong version number|WRONG_VERSION_NUMBER|unknown protocol/i.test(detail)) {
        return `${where} does not speak TLS from the first byte; set notify.email.secure: false for a STARTTLS port such as 587`;
      }
      if (/ECONNREFUSED/.test(detail)) return `could not connect to the SMTP server ${where}: connection refused (check notify.email.host and port)`;
      return `the connection to the SMTP server ${where} failed (${detail})`;
    default:
      return `could not send through ${where} (${detail})`;
  }
}

function describeFetchError(err: unknown, where: string, timeout: number): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return `${where} did not answer within ${duration(timeout)}`;
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined;
  const causeCode = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  if (causeCode === 'ECONNREFUSED') return `could not connect to ${where}: connection refused`;
  if (causeCode === 'ENOTFOUND' || causeCode === 'EAI_AGAIN') return `the host of ${where} could not be found; check notify.webhook.url`;
  if (causeCode.startsWith('ERR_TLS') || /CERT|SSL|TLS/.test(causeCode)) return `could not set up a secure connection to ${where} (${causeCode})`;
  const why = cause !== undefined ? errorMessage(cause) : errorMessage(err);
  return `could not post to ${where} (${why})`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** scheme://host[:port] of a URL, without the path that often holds the webhook's token. */
function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the webhook address';
  }
}

/**
 * Replace the password, and the encodings an SMTP AUTH exchange puts it in, wherever it
 * might have been echoed into a message.
 */
export function redact(text: string, secret: string | undefined, username?: string): string {
  if (!secret) return text;
  const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]);
  if (username) forms.add(Buffer.from(`\u0000${username}\u0000${secret}`).toString('base64'));
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    if (form.length >= 3) out = out.split(form).join('[hidden]');
  }
  return out;
}
