import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../src/notify/config.js';
import { attentionItems, buildSummary, money } from '../../src/notify/summary.js';
import { webhookBody } from '../../src/notify/webhook-body.js';
import { quietReport, sampleReport } from './helpers.js';

const thresholds = DEFAULT_THRESHOLDS;

describe('notification summary', () => {
  it('a quiet night: nothing needs attention, the summary still counts everything', () => {
    const s = buildSummary(quietReport(), { thresholds });
    expect(s.needsAttention).toEqual([]);
    expect(s.subject).toBe('remit run 2024-05-01: nothing needs attention');
    expect(s.overview).toEqual([
      'Portals: 1 account, 1 fetched (4 new files), 0 failed',
      'Files: 4 imported',
      'Payments: 6 received, USD 123,456.78',
      'Applied: 41 remittance lines, USD 110,000.00',
      'Exceptions: 3 waiting for review (remit review)',
      'Deductions: 1, USD 45.00',
      'Unapplied: 0 lines',
    ]);
    expect(s.text).toContain('NEEDS ATTENTION: nothing.');
    expect(s.text).toContain('2024-05-01 05:30 UTC to 2024-05-01 05:42 UTC');
    expect(s.json.needsAttention).toEqual([]);
    expect(s.json.payments.totals).toEqual([{ currency: 'USD', amountMinor: 12_345_678, amount: '123456.78' }]);
  });

  it('lists every kind of problem, portals first, and counts them in the subject', () => {
    const s = buildSummary(sampleReport(), { thresholds, subjectPrefix: '[NWF]' });
    expect(s.json.needsAttention.map((i) => i.kind)).toEqual([
      'portal-needs-person',
      'portal-failed',
      'totals-do-not-add-up',
      'high-value-unapplied',
      'deduction-over-threshold',
      'invoice-zero-or-negative',
      'file-not-read',
    ]);
    expect(s.subject).toBe('[NWF] remit run 2024-05-01: 7 items need attention');
    expect(s.needsAttention).toHaveLength(7);
    for (const message of s.needsAttention) expect(s.text).toContain(message);
    expect(s.headline).toContain('2 portals failed; 7 items need attention.');
  });

  it('a failed portal is named with what happened and what to do', () => {
    const [item] = attentionItems(sampleReport({ portals: [sampleReport().portals[0]!] }), thresholds);
    expect(item?.kind).toBe('portal-failed');
    expect(item?.portal).toBe('nwf-walmart');
    expect(item?.message).toBe(
      'Portal account nwf-walmart (WALMART) failed: the portal page has changed and remit could not find its way ' +
        '(search button not found on the remittance page). What to do: look at the screenshot under runs/ and have the recipe updated.',
    );
  });

  it('portals that need a person: MFA, expired password, CAPTCHA, locked, refused login', () => {
    const kinds = ['mfa', 'password-expired', 'captcha', 'locked', 'auth'] as const;
    const report = sampleReport({
      portals: kinds.map((kind) => ({ id: `p-${kind}`, status: 'failed' as const, errorKind: kind, files: 0, payments: 0 })),
    });
    const items = attentionItems(report, thresholds).filter((i) => i.kind === 'portal-needs-person');
    expect(items.map((i) => i.portal)).toEqual(kinds.map((k) => `p-${k}`));
    expect(items[0]?.message).toContain('needs a person: the one-time code (MFA) was not available or was refused');
    expect(items[1]?.message).toContain('the portal password has expired');
    expect(items[2]?.message).toContain('CAPTCHA');
    expect(items[3]?.message).toContain('the portal account is locked');
    expect(items[4]?.message).toContain('refused the login');
    // The caller's own hint wins over the default wording.
    const hinted = attentionItems(
      sampleReport({ portals: [{ id: 'x', status: 'failed', errorKind: 'mfa', hint: 'run remit portal login x', files: 0, payments: 0 }] }),
      thresholds,
    );
    expect(hinted[0]?.message).toContain('What to do: run remit portal login x.');
  });

  it('a portal flagged as needing a person without failing is listed once', () => {
    const report = sampleReport({
      portals: [
        { id: 'a', status: 'ok', files: 1, payments: 1 },
        { id: 'b', status: 'failed', errorKind: 'captcha', files: 0, payments: 0 },
      ],
      portalsNeedingPerson: [
        { portal: 'a', payer: 'COSTCO', reason: 'password-expired', message: 'password expires in 2 days' },
        { portal: 'b', reason: 'captcha' },
      ],
    });
    const items = attentionItems(report, thresholds).filter((i) => i.kind.startsWith('portal'));
    expect(items.map((i) => [i.portal, i.kind])).toEqual([
      ['b', 'portal-needs-person'],
      ['a', 'portal-needs-person'],
    ]);
    expect(items[1]?.message).toContain('Portal account a (COSTCO) needs a person: the portal password has expired (password expires in 2 days)');
  });

  it('remittances whose totals do not add up', () => {
    const items = attentionItems(sampleReport(), thresholds).filter((i) => i.kind === 'totals-do-not-add-up');
    expect(items).toHaveLength(1);
    expect(items[0]?.message).toBe(
      'Payment EFT-7790 from AMAZON: the remittance totals do not add up (lines add up to 9,950.00 but the payment is 10,000.00). Check it before applying.',
    );
  });

  it('unapplied cash at or above the threshold, largest first; smaller amounts are left out', () => {
    const report = sampleReport({
      unapplied: [
        { payer: 'P', paymentRef: 'R1', lineRef: 'just-below', amountMinor: 499_999, currency: 'USD' },
        { payer: 'P', paymentRef: 'R2', lineRef: 'exactly', amountMinor: 500_000, currency: 'USD' },
        { payer: 'P', paymentRef: 'R3', lineRef: 'big', amountMinor: 123_456_789, currency: 'EUR' },
        { payer: 'P', paymentRef: 'R4', lineRef: 'negative', amountMinor: -600_000, currency: 'USD' },
      ],
    });
    const items = attentionItems(report, thresholds).filter((i) => i.kind === 'high-value-unapplied');
    expect(items.map((i) => i.lineRef)).toEqual(['big', 'negative', 'exactly']);
    expect(items[0]?.message).toBe(
      'Unapplied cash EUR 1,234,567.89 from P, payment R3, line "big": no open invoice matched (at or above EUR 5,000.00). Apply it in remit review.',
    );
    expect(items[1]?.message).toContain('USD -6,000.00');
  });

  it('deductions over the threshold (not equal to it)', () => {
    const report = sampleReport({
      deductions: [
        { payer: 'P', paymentRef: 'R1', amountMinor: 100_000, reasonCode: 'co-op', currency: 'USD' },
        { payer: 'P', paymentRef: 'R2', amountMinor: 100_001, reasonCode: 'damaged', currency: 'USD', invoice: 'INV-7' },
      ],
    });
    const items = attentionItems(report, thresholds).filter((i) => i.kind === 'deduction-over-threshold');
    expect(items).toHaveLength(1);
    expect(items[0]?.message).toBe('Deduction USD 1,000.01 (damaged) taken by P on payment R2, invoice INV-7: over USD 1,000.00. Accept or dispute it.');
    const lower = attentionItems(report, { ...thresholds, deductionOverMinor: 50_000 }).filter((i) => i.kind === 'deduction-over-threshold');
    expect(lower).toHaveLength(2);
  });

  it('invoices a short pay would take to zero or below; those left open are not listed', () => {
    const report = sampleReport({
      shortPays: [
        { invoice: 'STILL-OPEN', payer: 'P', paymentRef: 'R', currency: 'USD', openMinor: 10_000, paidMinor: 8_000, deductionMinor: 1_999 },
        { invoice: 'ZERO', payer: 'P', paymentRef: 'R', currency: 'USD', openMinor: 10_000, paidMinor: 8_000, deductionMinor: 2_000 },
        { invoice: 'NEGATIVE', payer: 'P', paymentRef: 'R', currency: 'USD', openMinor: 10_000, paidMinor: 9_000, deductionMinor: 1_500 },
      ],
    });
    const items = attentionItems(report, thresholds).filter((i) => i.kind === 'invoice-zero-or-negative');
    expect(items.map((i) => i.invoice)).toEqual(['NEGATIVE', 'ZERO']);
    expect(items[0]?.amountMinor).toBe(-500);
    expect(items[0]?.message).toBe(
      'Invoice NEGATIVE (P): open USD 100.00; short pay on payment R pays USD 90.00 and deducts USD 15.00, which would leave USD -5.00, less than zero. Check the open amount before applying.',
    );
    expect(items[1]?.message).toContain('which would close it at zero');
  });

  it('files that could not be read', () => {
    const items = attentionItems(sampleReport(), thresholds).filter((i) => i.kind === 'file-not-read');
    expect(items[0]?.message).toBe(
      'File costco-0501.pdf could not be read: no remittance table found on page 1. It is kept in the inbox; see remit report documents.',
    );
  });

  it('amounts use thousands separators and the currency; several currencies are shown side by side', () => {
    expect(money(123_456_789, 'USD')).toBe('USD 1,234,567.89');
    expect(money(-5, 'EUR')).toBe('EUR -0.05');
    const s = buildSummary(sampleReport({ payments: { count: 2, totals: [{ currency: 'EUR', amountMinor: 100 }, { currency: 'USD', amountMinor: 250_000 }] } }), {
      thresholds,
    });
    expect(s.overview).toContain('Payments: 2 received, EUR 1.00 + USD 2,500.00');
  });

  it('payer text cannot inject markup into the HTML or the Slack message', () => {
    const report = sampleReport({ unbalancedRemittances: [{ payer: '<script>alert(1)</script>', paymentRef: '<@channel>', reason: 'a & b' }] });
    const s = buildSummary(report, { thresholds });
    expect(s.html).not.toContain('<script>');
    expect(s.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const slack = JSON.stringify(webhookBody(s, 'slack'));
    expect(slack).not.toContain('<@channel>');
    expect(slack).toContain('&lt;@channel&gt;');
  });

  it('a long list is cut in the text with a count of the rest; the JSON keeps every item', () => {
    const unapplied = Array.from({ length: 30 }, (_, i) => ({ payer: 'P', paymentRef: `R${i}`, lineRef: `L${i}`, amountMinor: 900_000, currency: 'USD' }));
    const s = buildSummary(quietReport(), { thresholds, maxListed: 10 });
    expect(s.needsAttention).toEqual([]);
    const long = buildSummary({ ...quietReport(), unapplied }, { thresholds, maxListed: 10 });
    expect(long.needsAttention).toHaveLength(30);
    expect(long.json.needsAttention).toHaveLength(30);
    expect(long.text).toContain('10. Unapplied cash');
    expect(long.text).not.toContain('11. Unapplied cash');
    expect(long.text).toContain('... and 20 more');
  });
});
