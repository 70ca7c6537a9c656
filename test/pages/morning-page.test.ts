/**
 * The morning page and its terminal summary show held portal accounts, mailboxes (a refused
 * login, messages waiting) and the cash side once there is one; a workspace with none of
 * them shows no empty section.
 */
import { describe, expect, it } from 'vitest';
import { morningPage } from '../../src/pages/morning-page.js';
import type { MorningReport } from '../../src/pages/morning-data.js';
import { summaryText } from '../../src/cli/commands/morning.js';

const day = { day: '2026-12-03', lines: 0, autoLines: 0, payments: 0, autoPayments: 0 };

function report(status: Partial<MorningReport['status']> = {}): MorningReport {
  return {
    generatedAt: '2026-12-03T06:00:00.000Z', company: null, today: '2026-12-03', since: '2026-12-02T05:30:00.000Z',
    intake: [], days: [day], todayFigures: day, last30: { lines: 0, autoLines: 0, payments: 0, autoPayments: 0 },
    queue: { review: 0, proposals: 0, unapplied: [], unappliedTotals: [], lines: [], moreLines: 0 },
    deductions: [], deductionTotals: [],
    status: { pendingExceptions: 0, failedDocuments: 0, flaggedPayments: 0, openDeductions: 0, openDeductionsMinor: 0, lastRun: null, portals: [], ...status },
  };
}

const figure = (html: string, name: string): string | undefined => new RegExp(`data-figure="${name.replace(/\./g, '\\.')}"[^>]*data-value="([^"]*)"`).exec(html)?.[1];

describe('the morning page: holds, mailboxes and cash', () => {
  const full = report({
    portals: [
      { id: 'amz-nwf', lastSuccess: null, consecutiveFailures: 0, lastStatus: 'held', held: { kind: 'auth', since: '2026-12-01T05:31:00Z', reason: 'the portal refused the password: remit portal password amz-nwf' } },
      { id: 'tgt-nwf', lastSuccess: '2026-12-03T05:40:00Z', consecutiveFailures: 0, lastStatus: 'ok', held: null },
    ],
    mailboxes: [{ id: 'ar-inbox', lastSuccess: '2026-12-02T05:31:00Z', consecutiveFailures: 1, lastStatus: 'auth', loginRefused: '2026-12-03T05:31:00Z: LOGIN refused', waiting: 2 }],
    cash: { entries: 12, reconciled: 9, unidentified: 2, unidentifiedMinor: 150000, ignored: 1, returned: 0, pending: 0, inTransit: 3, notReceived: 1 },
  });

  it('counts a held account and a refused mailbox as needing attention, and says why', () => {
    const html = morningPage(full);
    expect(figure(html, 'portals.failing')).toBe('1');
    expect(figure(html, 'mailboxes.failing')).toBe('1');
    expect(html).toContain('the portal refused the password: remit portal password amz-nwf');
    expect(html).toContain('refused: 2026-12-03T05:31:00Z: LOGIN refused');
    expect(figure(html, 'mailbox.ar-inbox.waiting')).toBe('2');
  });

  it('shows the cash side', () => {
    const html = morningPage(full);
    expect(html).toContain('<h2>Cash</h2>');
    expect([figure(html, 'cash.reconciled'), figure(html, 'cash.unidentified'), figure(html, 'cash.inTransit'), figure(html, 'cash.notReceived')]).toEqual(['9', '2', '3', '1']);
  });

  it('the terminal summary says the same', () => {
    const text = summaryText(full);
    expect(text).toContain('portals              1 of 2 fine; failing: amz-nwf (held: the portal refused the password');
    expect(text).toContain('mailboxes            0 of 1 fine; failing: ar-inbox (login refused); 2 message(s) waiting');
    expect(text).toContain('cash                 9 of 12 bank entries reconciled, 2 unidentified, 0 not reconciled yet; 3 remittance(s) in transit, 1 not received');
  });

  it('a workspace with no mailbox and no bank file shows neither section', () => {
    const html = morningPage(report());
    expect(html).not.toContain('<h2>Mailboxes</h2>');
    expect(html).not.toContain('<h2>Cash</h2>');
    expect(summaryText(report())).not.toMatch(/^(mailboxes|cash) /m);
  });
});
