/** After `remit run`, the notification names unidentified bank credits over the threshold and remittances whose cash is late. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../src/notify/config.js';
import { attentionItems, buildSummary } from '../../src/notify/summary.js';
import { quietReport } from './helpers.js';

describe('cash in the run notification', () => {
  it('names unidentified credits at or over the threshold and late cash; smaller credits stay in the report only', () => {
    const big = DEFAULT_THRESHOLDS.highValueUnappliedMinor;
    const report = {
      ...quietReport(),
      cash: {
        unidentified: [
          { entryRef: 'AC1', valueDate: '2024-10-07', amountMinor: big + 1, currency: 'USD', debtor: 'GREENLEAF DISTRIBUTORS' },
          { entryRef: 'AC2', valueDate: '2024-10-07', amountMinor: big - 1, currency: 'USD', payer: 'HD' },
        ],
        late: [{ payer: 'HD', paymentRef: '2000459591', amountMinor: 64_14, currency: 'USD', expectedBy: '2024-09-30', daysLate: 3 }],
      },
    };
    const items = attentionItems(report, DEFAULT_THRESHOLDS);
    expect(items.map((i) => i.kind)).toEqual(['unidentified-credit', 'cash-late']);
    expect(items[0]!.message).toMatch(/^Bank credit AC1 of USD [\d,.]+ on 2024-10-07 from GREENLEAF DISTRIBUTORS is unidentified: no remittance fits\. Say what it pays with remit bank confirm\.$/);
    expect(items[1]!.message).toBe('No cash for payment 2000459591 from HD (USD 64.14): expected by 2024-09-30, 3 day(s) late. Ask the payer; it is not applied as cash received.');
    expect(buildSummary(report, { thresholds: DEFAULT_THRESHOLDS }).subject).toBe('remit run 2024-05-01: 2 items need attention');
  });
});
