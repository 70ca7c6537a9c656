/**
 * Messages that carry no remittance whatever their body says: automatic replies (RFC 3834
 * Auto-Submitted, https://www.rfc-editor.org/rfc/rfc3834; X-Autoreply; Outlook and Exchange
 * subjects), delivery and read reports (RFC 6522 multipart/report,
 * https://www.rfc-editor.org/rfc/rfc6522) and bulk newsletters (RFC 2369 List-* headers with
 * Precedence bulk or list). An auto-reply quotes our own message (invoice numbers and
 * amounts included) and a bounce carries it back: read as remittances they would apply
 * money that never came. List-Unsubscribe alone is not enough: AP platforms put it on
 * real payment advice too.
 */
import type { MailMessage } from '../reading/message.js';

export type MessageKind =
  | { kind: 'mail' }
  | { kind: 'auto-reply' | 'delivery-report' | 'newsletter'; reason: string };

const AUTO_REPLY_SUBJECT = /^(automatic reply|auto(?:matic)?[- ]?reply|auto[- ]?response|out of (?:the )?office|abwesenheitsnotiz|r[ée]ponse automatique|respuesta autom[áa]tica)\b/i;
const DAEMON = /^(mailer-daemon|postmaster)@/i;

export function messageKind(message: MailMessage): MessageKind {
  const a = message.automation;
  const auto = a.autoSubmitted?.toLowerCase();
  if (auto === 'auto-replied') return { kind: 'auto-reply', reason: `an automatic reply (Auto-Submitted: ${a.autoSubmitted})` };
  if (a.xAutoreply) return { kind: 'auto-reply', reason: `an automatic reply (X-Autoreply: ${a.xAutoreply})` };
  if (a.precedence && /^auto[_-]?reply$/i.test(a.precedence)) return { kind: 'auto-reply', reason: `an automatic reply (Precedence: ${a.precedence})` };
  if (AUTO_REPLY_SUBJECT.test(message.subject)) return { kind: 'auto-reply', reason: `an automatic reply (subject "${message.subject.slice(0, 60)}")` };

  if (a.contentType === 'multipart/report') return { kind: 'delivery-report', reason: `a ${a.reportType ?? 'delivery'} report (multipart/report), not a remittance` };
  if (message.from && DAEMON.test(message.from.address)) return { kind: 'delivery-report', reason: `a delivery report from ${message.from.address}` };

  const bulk = a.precedence !== undefined && /^(bulk|list|junk)$/i.test(a.precedence);
  if (bulk && (a.listUnsubscribe || a.listId)) {
    return { kind: 'newsletter', reason: `a bulk or list message (Precedence: ${a.precedence}, ${a.listId ? 'List-Id' : 'List-Unsubscribe'}), not a remittance` };
  }
  // auto-generated (not a reply) is what payer AP systems send: it stays mail.
  return { kind: 'mail' };
}
