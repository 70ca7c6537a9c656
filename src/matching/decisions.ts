/** Reading decisions the same way whether a line went to one invoice or several. */
import type { ApplicationPart, LineDecision } from './types.js';

/** The applications a decision makes (applied or proposed): one per invoice; none for the other kinds. */
export function applicationsOf(decision: LineDecision): ApplicationPart[] {
  if (decision.kind === 'split') return decision.parts;
  if (decision.kind !== 'apply') return [];
  return [
    {
      invoiceId: decision.invoiceId,
      invoiceNumber: decision.invoiceNumber,
      cashMinor: decision.cashMinor,
      discountMinor: decision.discountMinor,
      deductionMinor: decision.deductionMinor,
      deductions: decision.deductions,
      writeOffMinor: decision.writeOffMinor ?? 0,
    },
  ];
}

/** True for a decision the ledger writes as applied without a person. */
export function isAutomatic(decision: LineDecision): boolean {
  return (decision.kind === 'apply' || decision.kind === 'split') && decision.status === 'applied';
}
