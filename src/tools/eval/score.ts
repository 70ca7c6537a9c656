/**
 * Precision and recall of the matcher's automatic applications against an answer key.
 *
 * An automatic application is right only when the key expects an application and it goes
 * to exactly the key's invoices, relieving each by the key's amount with the key's
 * write-off and unearned discount. Anything else applied without a person is wrong, a
 * trap included. Recall counts the lines the key expects applied; lines the matcher left
 * to a person are misses, not errors.
 */
import { applicationsOf, isAutomatic } from '../../matching/decisions.js';
import { matchPayer } from '../../matching/match.js';
import { UNEARNED_DISCOUNT } from '../../matching/settle.js';
import type { LineDecision } from '../../matching/types.js';
import type { EvalKeyEntry, EvalSet } from '../samplegen/eval-set.js';

export interface Tally {
  name: string;
  lines: number;
  /** Applied automatically (by this method, or on lines of this case). */
  automatic: number;
  right: number;
  wrong: number;
  /** Lines the key expects applied (found by this method, or of this case). */
  expected: number;
  /** Of those, applied automatically and right. */
  found: number;
  /** Of those, left for a person with the key's invoice as the first candidate. */
  topCandidate: number;
}

export interface Wrong {
  lineId: number;
  payer: string;
  case: string;
  got: string;
  want: string;
}

export interface EvalReport {
  lines: number;
  overall: Tally;
  byMethod: Tally[];
  byCase: Tally[];
  wrong: Wrong[];
  /** Traps (nothing automatic is right): how many, how many kept manual. */
  traps: { total: number; kept: number };
  reasons: { total: number; right: number };
}

/** Run the matcher over the set, payer by payer, and score it against the key. */
export function evaluate(set: EvalSet): EvalReport {
  const decisions = new Map<number, LineDecision>();
  for (const payer of set.payers) for (const decision of matchPayer(payer.lines, payer.invoices, set.settings)) decisions.set(decision.lineId, decision);
  return score(set.key, decisions);
}

export function score(key: EvalKeyEntry[], decisions: Map<number, LineDecision>): EvalReport {
  const overall = tally('all');
  const byMethod = new Map<string, Tally>();
  const byCase = new Map<string, Tally>();
  const wrong: Wrong[] = [];
  const traps = { total: 0, kept: 0 };
  const reasons = { total: 0, right: 0 };
  const get = (map: Map<string, Tally>, name: string) => {
    let t = map.get(name);
    if (!t) map.set(name, (t = tally(name)));
    return t;
  };

  for (const entry of key) {
    const decision = decisions.get(entry.lineId);
    if (!decision) throw new Error(`no decision for line ${entry.lineId}`);
    const automatic = isAutomatic(decision);
    const caseTally = get(byCase, entry.case);
    overall.lines += 1;
    caseTally.lines += 1;
    const expectedTallies = [overall, caseTally, ...(entry.expect === 'apply' && entry.expectedMethod ? [get(byMethod, entry.expectedMethod)] : [])];
    if (entry.expect === 'apply') for (const t of expectedTallies) t.expected += 1;
    if (entry.case.startsWith('trap-')) {
      traps.total += 1;
      if (!automatic) traps.kept += 1;
    }
    if (automatic && (decision.kind === 'apply' || decision.kind === 'split')) {
      const methodTally = get(byMethod, decision.method);
      const problem = mismatch(entry, decision);
      for (const t of [overall, caseTally, methodTally]) {
        t.automatic += 1;
        if (problem) t.wrong += 1;
        else t.right += 1;
      }
      if (problem) wrong.push({ lineId: entry.lineId, payer: entry.payer, case: entry.case, got: `${decision.method}: ${describe(decision)}`, want: problem });
      else for (const t of expectedTallies) t.found += 1;
    } else if (entry.expect === 'apply') {
      const first = candidatesOf(decision)[0];
      if (first && [...first].sort().join() === entry.invoices.map((inv) => inv.number).sort().join()) for (const t of expectedTallies) t.topCandidate += 1;
    }
    if (entry.reasonCode && decision.kind !== 'review' && decision.kind !== 'unapplied') {
      const codes = decision.kind === 'deduction' ? decision.deductions : applicationsOf(decision).flatMap((part) => part.deductions);
      const own = codes.filter((d) => d.reasonCode !== UNEARNED_DISCOUNT);
      reasons.total += 1;
      if (own.length > 0 && own.every((d) => d.reasonCode === entry.reasonCode)) reasons.right += 1;
    }
  }
  const order = (a: Tally, b: Tally) => b.expected + b.automatic - (a.expected + a.automatic) || a.name.localeCompare(b.name);
  return { lines: key.length, overall, byMethod: [...byMethod.values()].sort(order), byCase: [...byCase.values()].sort(order), wrong, traps, reasons };
}

/** Why an automatic application does not match the key, or undefined when it does. */
function mismatch(entry: EvalKeyEntry, decision: LineDecision): string | undefined {
  if (entry.expect !== 'apply') return `nothing automatic (${entry.note})`;
  const want = entry.invoices.map((inv) => `${inv.number} ${inv.reliefMinor}${inv.writeOffMinor ? ` w/o ${inv.writeOffMinor}` : ''}${inv.unearnedMinor ? ` unearned ${inv.unearnedMinor}` : ''}`).join(', ');
  const parts = applicationsOf(decision);
  if (parts.length !== entry.invoices.length) return want;
  for (const expected of entry.invoices) {
    const part = parts.find((p) => p.invoiceNumber === expected.number);
    if (!part) return want;
    const relief = part.cashMinor + part.discountMinor + part.deductionMinor + part.writeOffMinor;
    const unearned = part.deductions.filter((d) => d.reasonCode === UNEARNED_DISCOUNT).reduce((sum, d) => sum + d.amountMinor, 0);
    if (relief !== expected.reliefMinor || part.writeOffMinor !== expected.writeOffMinor || unearned !== expected.unearnedMinor) return want;
  }
  return undefined;
}

function describe(decision: LineDecision): string {
  return applicationsOf(decision)
    .map((part) => `${part.invoiceNumber} ${part.cashMinor + part.discountMinor + part.deductionMinor + part.writeOffMinor}${part.writeOffMinor ? ` w/o ${part.writeOffMinor}` : ''}`)
    .join(', ');
}

function candidatesOf(decision: LineDecision): string[][] {
  if (decision.kind === 'deduction') return [];
  return (decision.candidates ?? []).map((c) => c.invoiceNumbers);
}

function tally(name: string): Tally {
  return { name, lines: 0, automatic: 0, right: 0, wrong: 0, expected: 0, found: 0, topCandidate: 0 };
}
