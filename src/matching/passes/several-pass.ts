/**
 * One line naming several invoices (`104233/104234`, `104233-34`, `INV-104233 & 104234`):
 * applied, one part per invoice, only when every number finds exactly one open invoice and
 * their open amounts add up exactly to what the line settles.
 */
import { displayMinor } from '../../core/money.js';
import { available, type Working } from '../book.js';
import { normaliseReference } from '../reference.js';
import { lineSettles, review } from '../settle.js';
import { severalReferences } from '../several.js';
import type { Pass, PassContext } from '../pass.js';
import type { Candidate } from '../types.js';

export const severalPass: Pass = {
  name: 'multi-reference',
  batch: true,
  run(line, context) {
    if (line.paidMinor <= 0 || line.referenceKind === 'po') return undefined;
    const readings = severalReferences(line.reference);
    if (readings.length === 0) return undefined;
    const settled = lineSettles(line);
    const resolved = readings.map((reading) => reading.map((reference) => lookUp(reference, line.payer, context)));
    const named = new Map<number, Working>();
    for (const reading of resolved) for (const found of reading) for (const inv of found) named.set(inv.id, inv);
    if (named.size === 0) return undefined;

    const whole = resolved
      .map((reading) => reading.map((found) => found.filter((inv) => inv.currency === line.currency)))
      .filter((reading) => reading.every((found) => found.length === 1 && available(found[0]!, line.currency)))
      .map((reading) => reading.map((found) => found[0]!))
      .filter((invoices) => new Set(invoices).size === invoices.length);
    const fitting = whole.filter((invoices) => invoices.reduce((sum, inv) => sum + inv.remainingMinor, 0) === settled);
    const list = (invoices: Working[]) => invoices.map((inv) => inv.number).join(', ');
    if (fitting.length === 1) {
      const invoices = fitting[0]!;
      // A stronger pass applied another line to one of them in this run: a person decides.
      const touched = invoices.filter((inv) => inv.touched);
      return {
        several: {
          invoices,
          method: 'multi-reference',
          confidence: touched.length > 0 ? 0.8 : 0.96,
          why:
            `reference "${line.reference}" names ${invoices.length} invoices (${list(invoices)}) whose open amounts add up to the line's ${displayMinor(settled)}` +
            (touched.length > 0 ? `, but another line of this payment run was applied to ${list(touched)} already: proposed` : ''),
        },
      };
    }
    const candidates: Candidate[] = (fitting.length > 1 ? fitting : whole).map((invoices) => ({
      invoiceIds: invoices.map((inv) => inv.id),
      invoiceNumbers: invoices.map((inv) => inv.number),
      score: fitting.length > 1 ? 0.6 : 0.5,
      reason: `named together in the reference; open ${displayMinor(invoices.reduce((sum, inv) => sum + inv.remainingMinor, 0))} against the line's ${displayMinor(settled)}`,
    }));
    const why =
      fitting.length > 1
        ? `reference "${line.reference}" can be read ${fitting.length} ways that both fit the amount (${fitting.map(list).join(' or ')}): left for review`
        : whole.length > 0
          ? `reference "${line.reference}" names ${list(whole[0]!)}, but their open amounts add up to ${displayMinor(whole[0]!.reduce((sum, inv) => sum + inv.remainingMinor, 0))}, not the line's ${displayMinor(settled)}: left for review`
          : `reference "${line.reference}" names several invoices, but not each of them is one open invoice of this payer (${[...named.values()].map((inv) => inv.number).join(', ')} found): left for review`;
    return { decision: review(line, why, [...named.keys()], candidates) };
  },
};

/** Each number as the reference passes read it: exactly, normalised, or by a habit of the payer. */
function lookUp(reference: string, payer: string | undefined, context: PassContext): readonly Working[] {
  const { book, settings } = context;
  const exact = book.byNumber(reference.trim());
  if (exact.length > 0) return exact;
  const normalised = book.byNormalised(normaliseReference(reference, settings.invoicePrefixes));
  if (normalised.length > 0) return normalised;
  for (const rule of settings.learnedRules) {
    if (rule.payer !== payer || rule.kind === 'reason-map') continue;
    const found = book.byRule(rule, reference);
    if (found.length > 0) return found;
  }
  return [];
}
