/**
 * X12 820 segments that banks pass on inside an ACH CTX addenda (NACHA: segments end with
 * `\`, elements split by `*`): TRN*1*<payment ref>*<originator> and RMR*<qualifier>*<ref>**
 * <paid>. They appear in BAI2 88 text ("PMT INFO:TRN*1*...\"), in camt Ustrd and :86: text.
 *
 * Only what the segments say is taken: TRN02 is the payer's reassociation trace (the
 * payment reference of its 820), RMR02 a document with the amount paid on it (RMR04).
 * X12 820 element definitions: https://x12.org/products/transaction-sets (820 Payment
 * Order/Remittance Advice); NACHA CTX addenda: https://www.nacha.org/rules (Appendix Three).
 */
import { parseAmount } from '../../core/money.js';
import type { BankRemittance, RemittedDocument } from './types.js';

/** True when the text may carry 820 segments (a cheap test before splitting). */
export function mayHoldAddenda(text: string): boolean {
  return text.indexOf('TRN*') >= 0 || text.indexOf('RMR*') >= 0;
}

/** The 820 facts in `text`, or undefined when it holds none. */
export function addendaFacts(text: string, minorDigits: number): Pick<BankRemittance, 'paymentRef' | 'documents'> | undefined {
  if (!mayHoldAddenda(text)) return undefined;
  let paymentRef: string | undefined;
  const documents: RemittedDocument[] = [];
  for (const raw of text.split(/[\\~]/)) {
    const segment = raw.trim();
    const start = segment.search(/\b(?:TRN|RMR)\*/);
    if (start < 0) continue;
    const elements = segment.slice(start).split('*');
    const id = elements[0];
    if (id === 'TRN' && paymentRef === undefined && elements[2]) paymentRef = elements[2].trim();
    if (id === 'RMR' && elements[2]) {
      const document: RemittedDocument = { number: elements[2].trim() };
      if (elements[1]) document.kind = elements[1].trim();
      const paid = elements[4]?.trim();
      if (paid) {
        const amount = /^-?\d{1,15}(?:\.\d*)?$/.test(paid) ? parseAmount(paid, { minorDigits }) : undefined;
        if (amount?.ok) document.amountMinor = amount.minor;
      }
      documents.push(document);
    }
  }
  if (paymentRef === undefined && documents.length === 0) return undefined;
  const facts: Pick<BankRemittance, 'paymentRef' | 'documents'> = {};
  if (paymentRef !== undefined) facts.paymentRef = paymentRef;
  if (documents.length > 0) facts.documents = documents;
  return facts;
}
