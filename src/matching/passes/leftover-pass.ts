/** Lines no invoice claimed: payer deductions, recorded with their reason for follow-up. */
import { displayMinor } from '../../core/money.js';
import { lineDeductions } from '../settle.js';
import type { Pass } from '../pass.js';

export const leftoverPass: Pass = {
  name: 'leftover',
  batch: false,
  run(line) {
    if (line.paidMinor >= 0) return undefined;
    const deductions = lineDeductions(line);
    const kept = -line.paidMinor;
    const listed = deductions.reduce((sum, d) => sum + d.amountMinor, 0);
    const recorded = listed === kept ? deductions : [{ amountMinor: kept, reasonCode: deductions[0]?.reasonCode ?? 'other', reasonRaw: deductions[0]?.reasonRaw ?? line.reference }];
    return {
      decision: {
        kind: 'deduction',
        lineId: line.id,
        deductions: recorded,
        explanation: `payer deduction ${displayMinor(kept)} (${recorded.map((d) => d.reasonCode).join(', ')}) with no invoice of ours: recorded for follow-up`,
      },
    };
  },
};
