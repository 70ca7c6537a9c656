/**
 * A reference that is nearly an invoice number: a typing or OCR slip (`reference-slip`) or
 * a truncation (`truncated-reference`). Applied only when exactly one invoice of the payer
 * is that near (open or not: a slip that could also be a paid invoice is a question for a
 * person), it is open, and the amount agrees. Slips and truncations are judged together, so
 * a reference that is a slip of one invoice and a truncation of another is ambiguous.
 */
import { displayMinor } from '../../core/money.js';
import { available, type Working } from '../book.js';
import { describeSlip, foldOcr, slipKey } from '../near.js';
import { compact, namesDocument } from '../reference.js';
import { amountAgrees, lineSettles, review } from '../settle.js';
import type { Pass } from '../pass.js';

type Fit = { invoice: Working; how: () => string; method: 'reference-slip' | 'truncated-reference'; ocrOnly: boolean };

export const nearReferencePass: Pass = {
  name: 'near-reference',
  batch: true,
  run(line, context) {
    // OCR letters count as the digits they were read for: `IOB5SO` names a document.
    if (line.paidMinor <= 0 || line.referenceKind === 'po' || !namesDocument(foldOcr(compact(line.reference)))) return undefined;
    const { book, settings } = context;
    const key = slipKey(line.reference, settings.invoicePrefixes);
    const fits: Fit[] = book.slipNeighbours(line.reference).map((invoice) => ({
      invoice,
      how: () => describeSlip(line.reference, invoice.number, settings.invoicePrefixes),
      method: 'reference-slip',
      ocrOnly: book.slipKeyOf(invoice) === key,
    }));
    for (const { invoice, kept } of book.truncationFits(line.reference)) {
      if (!fits.some((fit) => fit.invoice === invoice)) fits.push({ invoice, how: () => `only its ${kept} characters kept`, method: 'truncated-reference', ocrOnly: false });
    }
    if (fits.length === 0) return undefined;
    const settled = lineSettles(line);
    // An invoice a stronger pass applied a line to in this run is only ever proposed here.
    const agrees = (fit: Fit) => available(fit.invoice, line.currency) && amountAgrees(line, fit.invoice) && !fit.invoice.touched;
    // With only OCR letters between the reference and one number, that number is the reading;
    // numbers one slip further need OCR and a typo both. Taken only when none of them agrees with the amount.
    const ocr = fits.filter((fit) => fit.ocrOnly);
    if (fits.length > 1 && ocr.length === 1 && agrees(ocr[0]!) && fits.filter(agrees).length === 1) {
      const { invoice } = ocr[0]!;
      return {
        found: {
          invoice,
          method: 'reference-slip',
          confidence: 0.95,
          why: `reference "${line.reference}" is ${invoice.number} read with an OCR confusion (O/0, I/1, S/5, B/8); the amount agrees, and none of the ${fits.length - 1} numbers a further slip away does`,
        },
      };
    }
    if (fits.length > 1) {
      const agreeing = fits.filter((fit) => available(fit.invoice, line.currency) && amountAgrees(line, fit.invoice));
      const notOpen = fits.filter((fit) => !available(fit.invoice, line.currency));
      return {
        decision: review(
          line,
          `reference "${line.reference}" is close to ${fits.length} invoices of this payer (${fits.map((fit) => `${fit.invoice.number}${available(fit.invoice, line.currency) ? '' : ' (not open)'}`).join(', ')})` +
            `${agreeing.length > 0 ? `, ${agreeing.length} with the amount` : ''}${notOpen.length > 0 ? '; an invoice not open may be what was paid' : ''}: left for review`,
          fits.map((fit) => fit.invoice.id),
        ),
      };
    }
    const { invoice, method } = fits[0]!;
    const how = fits[0]!.how();
    if (invoice.currency !== line.currency) {
      return { decision: review(line, `reference "${line.reference}" is close to ${invoice.number} (${how}), which is in ${invoice.currency}, not ${line.currency}`, [invoice.id]) };
    }
    if (!available(invoice, line.currency)) {
      return {
        decision: {
          kind: 'unapplied',
          lineId: line.id,
          unappliedMinor: line.paidMinor,
          explanation: `reference "${line.reference}" is close to ${invoice.number} (${how}), which is not open (paid or closed): left as unapplied cash, not moved to another invoice`,
        },
      };
    }
    const what = `reference "${line.reference}" is ${invoice.number} with ${how}`;
    if (amountAgrees(line, invoice) && !invoice.touched) {
      return { found: { invoice, method, confidence: 0.95, why: `${what}; the amount agrees and no other invoice of this payer is that close` } };
    }
    return {
      found: {
        invoice,
        method,
        confidence: 0.7,
        why: invoice.touched
          ? `${what}, which another line of this payment run was applied to already: proposed`
          : `${what}, but its ${displayMinor(invoice.remainingMinor)} open does not agree with the line's ${displayMinor(settled)}: proposed`,
      },
    };
  },
};
