/**
 * A year of history for `lines` remittance lines, as the ledger's seed takes it: the plan
 * (plan.ts), the case and reason rows (cases.ts), the scale payers.
 */
import { seedHistory, type HistoryResult } from '../../../../ledger/index.js';
import { SCALE_COMPANY, SCALE_PAYERS } from '../payers.js';
import { caseRows, reasonRows } from './cases.js';
import { EXCEPTION_LINES, FAILED_DOCUMENTS, REVIEW_PAYMENTS, UNEXPORTED_FROM_DAY, planHistory } from './plan.js';

export async function fillHistory(ledgerFile: string, lines: number, options: { company?: string; dropIndexes?: boolean } = {}): Promise<HistoryResult> {
  const started = performance.now();
  const plan = planHistory(lines);
  const planned = performance.now() - started;
  const result = await seedHistory(ledgerFile, {
    company: options.company ?? SCALE_COMPANY,
    lines: plan.lines,
    payments: plan.payments,
    cases: caseRows(),
    reasons: reasonRows(),
    payers: SCALE_PAYERS.map((p) => p.code),
    exceptionFrom: plan.exceptionFrom,
    exceptionStep: plan.exceptionStep,
    exceptions: EXCEPTION_LINES,
    unexportedFromDay: UNEXPORTED_FROM_DAY,
    reviewPayments: REVIEW_PAYMENTS,
    failedDocuments: FAILED_DOCUMENTS,
  }, options.dropIndexes ? { dropIndexes: true } : {});
  return { ...result, ms: { plan: planned, ...result.ms } };
}
