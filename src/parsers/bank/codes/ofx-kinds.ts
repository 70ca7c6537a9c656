/**
 * OFX TRNTYPE values by kind of money (OFX 2.2 section 11.4.3.1, "Transaction types used in
 * <TRNTYPE>", https://financialdataexchange.org/ofx). Plain CREDIT and DEBIT say only the
 * direction, so they give other credit / other debit.
 */
import type { CodeMeaning } from './kinds.js';

export const OFX_LIST = 'OFX TRNTYPE (OFX 2.2 section 11.4.3.1)';

export function ofxKind(type: string, credit: boolean): CodeMeaning | undefined {
  switch (type) {
    case 'INT':
      return { kind: 'interest', meaning: 'interest earned or paid' };
    case 'FEE':
    case 'SRVCHG':
      return { kind: 'bank-fee', meaning: type === 'FEE' ? 'FI fee' : 'service charge' };
    case 'DEP':
      return credit ? { kind: 'customer-receipt', channel: 'check-deposit', meaning: 'deposit' } : undefined;
    case 'DIRECTDEP':
      return credit ? { kind: 'customer-receipt', channel: 'ach', meaning: 'direct deposit' } : undefined;
    case 'XFER':
      return credit ? { kind: 'customer-receipt', channel: 'transfer', meaning: 'transfer' } : { kind: 'vendor-payment', meaning: 'transfer' };
    case 'CHECK':
      return credit ? { kind: 'customer-receipt', channel: 'check-deposit', meaning: 'check' } : { kind: 'vendor-payment', meaning: 'check' };
    case 'PAYMENT':
    case 'REPEATPMT':
      return credit ? undefined : { kind: 'vendor-payment', meaning: type === 'PAYMENT' ? 'electronic payment' : 'repeating payment/standing order' };
    case 'DIRECTDEBIT':
      return credit ? undefined : { kind: 'other-debit', meaning: 'merchant initiated debit' };
    default:
      return undefined;
  }
}
