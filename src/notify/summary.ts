/**
 * Turn a run report into what a person reads the next morning: a subject, a short summary
 * (files, payments, amount applied, exceptions, deductions) and a "needs attention" list.
 * Pure: data in, text out; the thresholds decide what is worth a person's time.
 */
import { oneLine } from '../core/errors.js';
import { displayMinor, formatMinor, type Minor } from '../core/money.js';
import type { NotifyThresholds } from './config.js';
import {
  PERSON_REASONS,
  type CurrencyTotal,
  type PersonReason,
  type PortalRun,
  type RunReport,
} from './report.js';

export type {
  CurrencyTotal,
  DeductionSeen,
  FailedDocument,
  PersonReason,
  PortalNeedingPerson,
  PortalRun,
  RunReport,
  ShortPay,
  UnappliedLine,
  UnbalancedRemittance,
} from './report.js';

export type AttentionKind =
  | 'portal-needs-person'
  | 'portal-failed'
  | 'totals-do-not-add-up'
  | 'high-value-unapplied'
  | 'deduction-over-threshold'
  | 'invoice-zero-or-negative'
  | 'file-not-read'
  | 'unidentified-credit'
  | 'cash-late';

/** One thing a person must look at, with the references needed to find it. */
export interface AttentionItem {
  kind: AttentionKind;
  message: string;
  portal?: string;
  payer?: string;
  paymentRef?: string;
  lineRef?: string;
  invoice?: string;
  file?: string;
  currency?: string;
  amountMinor?: Minor;
}

export interface MoneyJson {
  currency: string;
  amountMinor: Minor;
  /** Decimal text, e.g. "1234.56". */
  amount: string;
}

/** The machine-readable form, sent as `summary` by the generic webhook. */
export interface NotificationJson {
  runId: string;
  startedAt: string;
  finishedAt: string;
  label?: string;
  needsAttention: AttentionItem[];
  portals: { accounts: number; fetched: number; failed: number };
  files: { imported: number; failed: number };
  payments: { count: number; totals: MoneyJson[] };
  applied: { lines: number; totals: MoneyJson[] };
  exceptions: number;
  deductions: { count: number; totals: MoneyJson[] };
  unapplied: { count: number; totals: MoneyJson[] };
  thresholds: { highValueUnapplied: string; deductionOver: string };
  /** Where the run left its morning report. */
  morningReport?: string;
}

export interface NotificationSummary {
  subject: string;
  /** One line: what the run did and how many items need attention. */
  headline: string;
  /** The summary lines (files, payments, applied, exceptions, deductions...). */
  overview: string[];
  /** Every item that needs a person, most urgent kind first. */
  needsAttention: string[];
  text: string;
  html: string;
  json: NotificationJson;
  /** The morning page, for channels that carry a file (e-mail). */
  attachment?: { filename: string; html: string };
}

export interface SummaryOptions {
  thresholds: NotifyThresholds;
  subjectPrefix?: string;
  /** How many needs-attention items the text and HTML list before "and N more" (default 200). */
  maxListed?: number;
}

const WHAT_HAPPENED: Record<string, string> = {
  auth: 'the portal refused the login (wrong username or password)',
  locked: 'the portal account is locked',
  'password-expired': 'the portal password has expired',
  mfa: 'the one-time code (MFA) was not available or was refused',
  captcha: 'the portal asks for a CAPTCHA, which only a person can answer',
  layout: 'the portal page has changed and remit could not find its way',
  timeout: 'the portal was too slow to answer',
  'session-expired': 'the portal ended the session',
  transient: 'the portal could not be reached or had a temporary error',
  download: 'a file could not be downloaded completely',
};

const WHAT_TO_DO: Record<string, string> = {
  auth: 'check the username and the password stored for this account; remit does not retry a refused login',
  locked: 'have the payer unlock the account, then update the stored password',
  'password-expired': 'log in to the portal by hand, set a new password, then update the stored one',
  mfa: 'check the TOTP secret stored for this account, or log in by hand once',
  captcha: 'log in once by hand from this machine, then run again',
  layout: 'look at the screenshot under runs/ and have the recipe updated',
  timeout: 'remit tries again on the next run; raise the timeout if it keeps happening',
  'session-expired': 'remit logs in again on the next run',
  transient: 'remit tries again on the next run',
  download: 'the file is fetched again on the next run',
};

/** Build the subject, text, HTML and JSON of the notification for one run. */
export function buildSummary(report: RunReport, options: SummaryOptions): NotificationSummary {
  const items = attentionItems(report, options.thresholds);
  const overview = overviewLines(report);
  const count = items.length;
  const date = report.startedAt.slice(0, 10);
  const label = report.label ? `${clean(report.label)} ` : '';
  const status = count === 0 ? 'nothing needs attention' : `${count} ${count === 1 ? 'item needs' : 'items need'} attention`;
  const prefix = options.subjectPrefix ? `${clean(options.subjectPrefix)} ` : '';
  const subject = `${prefix}remit ${label}run ${date}: ${status}`;
  const failedPortals = report.portals.filter((p) => p.status === 'failed').length;
  const headline =
    `remit ${label}run ${report.runId} (${when(report.startedAt)} to ${when(report.finishedAt)}): ` +
    `${report.payments.count} ${plural(report.payments.count, 'payment')}, ` +
    `${report.applied.lines} ${plural(report.applied.lines, 'line')} applied` +
    (failedPortals ? `, ${failedPortals} ${plural(failedPortals, 'portal')} failed` : '') +
    `; ${status}.`;

  const max = options.maxListed ?? 200;
  const listed = items.slice(0, max);
  const more = items.length - listed.length;
  const messages = items.map((item) => item.message);

  const text = [
    headline,
    '',
    count === 0 ? 'NEEDS ATTENTION: nothing.' : `NEEDS ATTENTION (${count})`,
    ...listed.map((item, index) => `${index + 1}. ${item.message}`),
    ...(more > 0 ? [`... and ${more} more: see remit review and remit status.`] : []),
    '',
    'SUMMARY',
    ...overview,
    '',
    `Run ${report.runId}. Details: remit status, remit review, remit report documents.`,
    ...(report.morningPage ? [`The morning report: ${report.morningPage.path}`] : []),
    '',
  ].join('\n');

  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    `<p>${escapeHtml(headline)}</p>`,
    count === 0
      ? '<h3>Needs attention: nothing</h3>'
      : `<h3>Needs attention (${count})</h3><ol>${listed.map((item) => `<li>${escapeHtml(item.message)}</li>`).join('')}</ol>` +
        (more > 0 ? `<p>... and ${more} more: see remit review and remit status.</p>` : ''),
    '<h3>Summary</h3>',
    `<ul>${overview.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    `<p style="color: #666">Run ${escapeHtml(report.runId)}. Details: remit status, remit review, remit report documents.</p>`,
    ...(report.morningPage ? [`<p>The morning report is attached (${escapeHtml(report.morningPage.path)}).</p>`] : []),
    '</body></html>',
  ].join('\n');

  const deductionTotals = totalsOf(report.deductions);
  const unappliedTotals = totalsOf(report.unapplied);
  const json: NotificationJson = {
    runId: report.runId,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    ...(report.label ? { label: report.label } : {}),
    needsAttention: items,
    portals: { accounts: report.portals.length, fetched: report.portals.length - failedPortals, failed: failedPortals },
    files: { imported: report.documents.imported, failed: report.documents.failed.length },
    payments: { count: report.payments.count, totals: report.payments.totals.map(moneyJson) },
    applied: { lines: report.applied.lines, totals: report.applied.totals.map(moneyJson) },
    exceptions: report.exceptions,
    deductions: { count: report.deductions.length, totals: deductionTotals.map(moneyJson) },
    unapplied: { count: report.unapplied.length, totals: unappliedTotals.map(moneyJson) },
    thresholds: {
      highValueUnapplied: formatMinor(options.thresholds.highValueUnappliedMinor),
      deductionOver: formatMinor(options.thresholds.deductionOverMinor),
    },
    ...(report.morningPage ? { morningReport: report.morningPage.path } : {}),
  };

  const attachment = report.morningPage ? { filename: `morning-${date}.html`, html: report.morningPage.html } : undefined;
  return { subject, headline, overview, needsAttention: messages, text, html, json, ...(attachment ? { attachment } : {}) };
}

/**
 * Everything in the report that needs a person, grouped by kind (portals first: nothing else
 * arrives until they work again), largest amount first within a kind.
 */
export function attentionItems(report: RunReport, thresholds: NotifyThresholds): AttentionItem[] {
  const items: AttentionItem[] = [];

  // A portal can both fail and be flagged by the caller; it is listed once.
  const personByPortal = new Map<string, { reason: PersonReason; payer?: string; message?: string }>();
  const need = (reason: PersonReason, payer?: string, message?: string) => ({
    reason,
    ...(payer ? { payer } : {}),
    ...(message ? { message } : {}),
  });
  for (const p of report.portals) {
    if (p.status === 'failed' && isPersonReason(p.errorKind)) personByPortal.set(p.id, need(p.errorKind, p.payer, p.message));
  }
  for (const p of report.portalsNeedingPerson ?? []) {
    if (!personByPortal.has(p.portal)) personByPortal.set(p.portal, need(p.reason, p.payer, p.message));
  }
  for (const [portal, person] of personByPortal) {
    const hint = report.portals.find((p) => p.id === portal)?.hint ?? WHAT_TO_DO[person.reason];
    items.push({
      kind: 'portal-needs-person',
      portal,
      ...(person.payer ? { payer: person.payer } : {}),
      message:
        `Portal account ${clean(portal)}${person.payer ? ` (${clean(person.payer)})` : ''} needs a person: ${WHAT_HAPPENED[person.reason]}` +
        `${portalSaid(person.message)}. What to do: ${sentence(hint ?? '')}.`,
    });
  }

  for (const p of report.portals) {
    if (p.status !== 'failed' || personByPortal.has(p.id)) continue;
    items.push({
      kind: 'portal-failed',
      portal: p.id,
      ...(p.payer ? { payer: p.payer } : {}),
      message: `Portal account ${clean(p.id)}${p.payer ? ` (${clean(p.payer)})` : ''} failed: ${failure(p)}.` + whatToDo(p),
    });
  }

  for (const r of report.unbalancedRemittances) {
    items.push({
      kind: 'totals-do-not-add-up',
      payer: r.payer,
      paymentRef: r.paymentRef,
      message: `Payment ${clean(r.paymentRef)} from ${clean(r.payer)}: the remittance totals do not add up (${sentence(r.reason)}). Check it before applying.`,
    });
  }

  const unapplied = report.unapplied
    .filter((u) => Math.abs(u.amountMinor) >= thresholds.highValueUnappliedMinor)
    .sort((a, b) => Math.abs(b.amountMinor) - Math.abs(a.amountMinor));
  for (const u of unapplied) {
    items.push({
      kind: 'high-value-unapplied',
      payer: u.payer,
      paymentRef: u.paymentRef,
      lineRef: u.lineRef,
      currency: u.currency,
      amountMinor: u.amountMinor,
      message:
        `Unapplied cash ${money(u.amountMinor, u.currency)} from ${clean(u.payer)}, payment ${clean(u.paymentRef)}, ` +
        `line "${clean(u.lineRef)}": no open invoice matched (at or above ${money(thresholds.highValueUnappliedMinor, u.currency)}). Apply it in remit review.`,
    });
  }

  const deductions = report.deductions
    .filter((d) => Math.abs(d.amountMinor) > thresholds.deductionOverMinor)
    .sort((a, b) => Math.abs(b.amountMinor) - Math.abs(a.amountMinor));
  for (const d of deductions) {
    items.push({
      kind: 'deduction-over-threshold',
      payer: d.payer,
      paymentRef: d.paymentRef,
      ...(d.invoice ? { invoice: d.invoice } : {}),
      currency: d.currency,
      amountMinor: d.amountMinor,
      message:
        `Deduction ${money(d.amountMinor, d.currency)} (${clean(d.reasonCode)}) taken by ${clean(d.payer)} on payment ${clean(d.paymentRef)}` +
        `${d.invoice ? `, invoice ${clean(d.invoice)}` : ''}: over ${money(thresholds.deductionOverMinor, d.currency)}. Accept or dispute it.`,
    });
  }

  const overdrawn = report.shortPays
    .map((s) => ({ ...s, leftMinor: s.openMinor - s.paidMinor - s.deductionMinor }))
    .filter((s) => s.leftMinor <= 0)
    .sort((a, b) => a.leftMinor - b.leftMinor);
  for (const s of overdrawn) {
    const outcome = s.leftMinor === 0 ? 'which would close it at zero' : `which would leave ${money(s.leftMinor, s.currency)}, less than zero`;
    items.push({
      kind: 'invoice-zero-or-negative',
      invoice: s.invoice,
      payer: s.payer,
      paymentRef: s.paymentRef,
      currency: s.currency,
      amountMinor: s.leftMinor,
      message:
        `Invoice ${clean(s.invoice)} (${clean(s.payer)}): open ${money(s.openMinor, s.currency)}; short pay on payment ${clean(s.paymentRef)} ` +
        `pays ${money(s.paidMinor, s.currency)} and deducts ${money(s.deductionMinor, s.currency)}, ${outcome}. Check the open amount before applying.`,
    });
  }

  for (const f of report.documents.failed) {
    items.push({
      kind: 'file-not-read',
      file: f.name,
      message: `File ${clean(f.name)} could not be read: ${sentence(f.message)}. It is kept in the inbox; see remit report documents.`,
    });
  }

  const unidentified = (report.cash?.unidentified ?? [])
    .filter((c) => c.amountMinor >= thresholds.highValueUnappliedMinor)
    .sort((a, b) => b.amountMinor - a.amountMinor);
  for (const c of unidentified) {
    items.push({
      kind: 'unidentified-credit', currency: c.currency, amountMinor: c.amountMinor, ...(c.payer ? { payer: c.payer } : {}),
      message:
        `Bank credit ${clean(c.entryRef)} of ${money(c.amountMinor, c.currency)} on ${clean(c.valueDate)}${c.debtor ? ` from ${clean(c.debtor)}` : ''} is unidentified` +
        `${c.payer ? ` (unapplied cash of ${clean(c.payer)})` : ''}: no remittance fits. Say what it pays with remit bank confirm.`,
    });
  }
  for (const r of report.cash?.late ?? []) {
    items.push({
      kind: 'cash-late', payer: r.payer, paymentRef: r.paymentRef, currency: r.currency, amountMinor: r.amountMinor,
      message: `No cash for payment ${clean(r.paymentRef)} from ${clean(r.payer)} (${money(r.amountMinor, r.currency)}): expected by ${clean(r.expectedBy)}, ${r.daysLate} day(s) late. Ask the payer; it is not applied as cash received.`,
    });
  }

  return items;
}

/** Amount for people: "USD 12,345.67". */
export function money(minor: Minor, currency: string): string {
  return `${clean(currency)} ${displayMinor(minor)}`;
}

function overviewLines(report: RunReport): string[] {
  const failed = report.portals.filter((p) => p.status === 'failed').length;
  const files = report.portals.reduce((sum, p) => sum + p.files, 0);
  const accounts = report.portals.length;
  const unread = report.documents.failed.length;
  const lines = [
    accounts === 0
      ? 'Portals: none in this run'
      : `Portals: ${accounts} ${plural(accounts, 'account')}, ${accounts - failed} fetched (${files} new ${plural(files, 'file')}), ${failed} failed`,
    `Files: ${report.documents.imported} imported` + (unread ? `, ${unread} could not be read` : ''),
    `Payments: ${report.payments.count} received${amounts(report.payments.totals)}`,
    `Applied: ${report.applied.lines} remittance ${plural(report.applied.lines, 'line')}${amounts(report.applied.totals)}`,
    `Exceptions: ${report.exceptions} waiting for review (remit review)`,
    `Deductions: ${report.deductions.length}${amounts(totalsOf(report.deductions))}`,
    `Unapplied: ${report.unapplied.length} ${plural(report.unapplied.length, 'line')}${amounts(totalsOf(report.unapplied))}`,
  ];
  return lines;
}

function amounts(totals: CurrencyTotal[]): string {
  const shown = totals.filter((t) => t.amountMinor !== 0 || totals.length === 1);
  return shown.length ? `, ${shown.map((t) => money(t.amountMinor, t.currency)).join(' + ')}` : '';
}

function totalsOf(items: Array<{ currency: string; amountMinor: Minor }>): CurrencyTotal[] {
  const sums = new Map<string, Minor>();
  for (const item of items) sums.set(item.currency, (sums.get(item.currency) ?? 0) + item.amountMinor);
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

function moneyJson(total: CurrencyTotal): MoneyJson {
  return { currency: total.currency, amountMinor: total.amountMinor, amount: formatMinor(total.amountMinor) };
}

function isPersonReason(kind: string | undefined): kind is PersonReason {
  return kind !== undefined && (PERSON_REASONS as readonly string[]).includes(kind);
}

function failure(p: PortalRun): string {
  const what = p.errorKind ? WHAT_HAPPENED[p.errorKind] : undefined;
  if (what && p.message) return `${what} (${sentence(p.message)})`;
  return what ?? (p.message ? sentence(p.message) : 'no reason was recorded');
}

function whatToDo(p: PortalRun): string {
  const hint = p.hint ?? (p.errorKind ? WHAT_TO_DO[p.errorKind] : undefined);
  return hint ? ` What to do: ${sentence(hint)}.` : '';
}

function portalSaid(message: string | undefined): string {
  return message ? ` (${sentence(message)})` : '';
}

/** "2024-05-01T05:30:00Z" -> "2024-05-01 05:30 UTC"; anything else is shown as written. */
function when(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) return clean(iso);
  const zone = m[3] === 'Z' ? ' UTC' : m[3] ? ` ${m[3]}` : '';
  return `${m[1]} ${m[2]}${zone}`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** Text from payers and portals goes in one line. */
function clean(text: string): string {
  return oneLine(text, 240);
}

/** A message or hint that our own sentence ends, without a second full stop. */
function sentence(text: string): string {
  return clean(text).replace(/[.\s]+$/, '');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
