/**
 * Learning from operators: when a person confirms that a line belongs to an invoice, the
 * difference between what the payer wrote and our number is often a habit of that payer
 * (our prefix left out, zeros added, the PO written instead of the invoice, its own reason
 * codes). `learnRule` names the habit; the learned-rule pass uses it on the payer's later
 * lines. Storing, listing and removing rules is the ledger's and the CLI's business.
 */
import { compact, normalisePo, normaliseReference } from './reference.js';
import type { InvoiceCandidate, LearnedRule, LineToMatch } from './types.js';

/**
 * The habit that explains a confirmed (line, invoice) pair, or undefined when there is none
 * worth remembering (the reference already finds the invoice, or the difference is not a
 * habit, like a one-off typo).
 */
export function learnRule(
  payer: string,
  line: Pick<LineToMatch, 'reference'>,
  invoice: Pick<InvoiceCandidate, 'number' | 'po'>,
  prefixes: readonly string[],
): LearnedRule | undefined {
  const written = compact(line.reference);
  const ours = compact(invoice.number);
  if (!written || written === ours) return undefined;
  if (normaliseReference(line.reference, prefixes) === normaliseReference(invoice.number, prefixes)) return undefined;
  if (ours.endsWith(written) && /\d/.test(written)) {
    const head = ours.slice(0, ours.length - written.length);
    if (/^[A-Z]+0*$/.test(head)) return { payer, kind: 'prefix-dropped', value: head };
  }
  if (zerosKey(written) === zerosKey(ours)) return { payer, kind: 'zeros-padded', value: String(written.length) };
  const po = invoice.po ? normalisePo(invoice.po) : '';
  if (po && (written === po || (written.endsWith(po) && /^[A-Z]+$/.test(written.slice(0, written.length - po.length))))) {
    return { payer, kind: 'po-instead-of-invoice', value: written.slice(0, written.length - po.length) };
  }
  return undefined;
}

/** A payer's reason text or code the operator coded as one of ours. */
export function learnReasonRule(payer: string, reasonRaw: string, reasonCode: string): LearnedRule {
  return { payer, kind: 'reason-map', value: reasonRaw.trim(), reasonCode };
}

/** Our numbers and the payer's with zeros in front of the digits left out: `SO00104233` is `SO104233`. */
export function zerosKey(text: string): string {
  return compact(text).replace(/^0+/, '').replace(/^([A-Z]*)0+(?=\d)/, '$1');
}

/** Where a rule looks a reference up, or undefined when the rule says nothing about it. */
export function learnedLookup(rule: LearnedRule, reference: string): { index: 'compact' | 'zeros' | 'po'; key: string } | undefined {
  const written = compact(reference);
  if (!written) return undefined;
  switch (rule.kind) {
    case 'prefix-dropped':
      return { index: 'compact', key: compact(rule.value) + written };
    case 'zeros-padded':
      return { index: 'zeros', key: zerosKey(written) };
    case 'po-instead-of-invoice': {
      const head = compact(rule.value);
      if (head && !written.startsWith(head)) return undefined;
      return { index: 'po', key: normalisePo(written.slice(head.length)) };
    }
    default:
      return undefined;
  }
}

/** The habit in words, for explanations and `remit report rules`. */
export function describeRule(rule: LearnedRule): string {
  switch (rule.kind) {
    case 'prefix-dropped':
      return `payer ${rule.payer} leaves out "${rule.value}" in front of our invoice numbers`;
    case 'zeros-padded':
      return `payer ${rule.payer} pads our invoice numbers with zeros`;
    case 'po-instead-of-invoice':
      return `payer ${rule.payer} writes our PO${rule.value ? ` after "${rule.value}"` : ''} instead of the invoice number`;
    case 'reason-map':
      return `payer ${rule.payer}'s reason "${rule.value}" means ${rule.reasonCode ?? 'other'}`;
  }
}
