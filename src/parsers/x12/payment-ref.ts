/**
 * Which element of an 820 identifies the payment. TRN is optional in the 820 grammar (e.g.
 * Hershey's 4010 guide marks it "O": http://edi.hersheys.com/Customers/820%20Payment%20Order-Remittance%20Advice.htm),
 * so a transaction without TRN02 falls back to a heading REF that names the payment: CK
 * check number, then TN transaction reference number, then EF electronic funds transfer ID
 * number (X12 element 128). No BPR element can stand in: from 003030 to 008030 BPR06-BPR15
 * are bank ids and account numbers, the same for every payment from one account, so using
 * them would make different payments look like one. The choice is recorded as a warning.
 */
import { element, type Segment } from './segments.js';

/** REF01 qualifiers that name the payment itself, most specific first. */
export const PAYMENT_REF_QUALIFIERS = ['CK', 'TN', 'EF'] as const;

export type PaymentRefChoice = { ref: string; source: string; fallback: boolean } | undefined;

/** Collects the candidates of one transaction's heading, then picks one. */
export class PaymentRefFinder {
  private trn = '';
  private readonly refs = new Map<string, string>();

  /** TRN and heading REF segments; other segments are ignored. */
  see(segment: Segment): void {
    if (segment.tag === 'TRN') {
      if (this.trn === '') this.trn = element(segment, 2);
    } else if (segment.tag === 'REF') {
      const qualifier = element(segment, 1).toUpperCase();
      const value = element(segment, 2);
      if (value !== '' && !this.refs.has(qualifier)) this.refs.set(qualifier, value);
    }
  }

  choose(): PaymentRefChoice {
    if (this.trn !== '') return { ref: this.trn, source: 'TRN02', fallback: false };
    for (const qualifier of PAYMENT_REF_QUALIFIERS) {
      const value = this.refs.get(qualifier);
      if (value !== undefined) return { ref: value, source: `REF*${qualifier}`, fallback: true };
    }
    return undefined;
  }
}
