/**
 * ISO 20022 bank transaction codes (camt BkTxCd/Domn) by kind of money. Code set: ISO 20022
 * External Code Sets, Bank Transaction Codes (ExternalBankTransactionDomain1Code, Family1Code,
 * SubFamily1Code), https://www.iso20022.org/catalogue-messages/additional-content-messages/external-code-sets
 * (structure report: https://docslib.org/doc/13914307/iso20022-bank-transaction-codes-structure-report).
 * Sub-families that mean the same in every family come first: CHRG/FEES/COMM (charges),
 * INTR (interest), the return and reversal sub-families; then family by direction.
 */
import type { CodeMeaning } from './kinds.js';

export const ISO_LIST = 'ISO 20022 bank transaction codes (External Code Sets, BTC domain/family/sub-family)';

const RETURNS: Record<string, string> = {
  ARET: 'ACH return',
  AREV: 'ACH reversal',
  RRTN: 'reversal due to payment return',
  RPCR: 'reversal due to payment cancellation request',
  UPCQ: 'unpaid cheque',
  CQRV: 'cheque reversal',
  XPCQ: 'unpaid foreign cheque',
  UPDD: 'reversal due to return/unpaid direct debit',
  PRDD: 'reversal of a direct debit',
  RCDD: 'reversal due to payment cancellation request (direct debit)',
};
const FEES: Record<string, string> = { CHRG: 'charges', FEES: 'fees', COMM: 'commission', COMT: 'non-taxable commissions', COME: 'commission excluding taxes', COMI: 'commission including taxes' };

export function isoKind(domain: string, family: string, subFamily: string, credit: boolean): CodeMeaning | undefined {
  const returned = RETURNS[subFamily];
  if (returned) return { kind: 'returned-item', meaning: returned };
  const fee = FEES[subFamily];
  if (fee) return { kind: 'bank-fee', meaning: fee };
  if (subFamily === 'INTR') return { kind: 'interest', meaning: 'interest' };
  if (subFamily === 'SALA') return { kind: 'payroll', meaning: 'payroll/salary payment' };
  if (domain !== 'PMNT') return undefined;
  switch (family) {
    case 'RCDT':
    case 'RRCT': {
      const channel = subFamily === 'XBCT' || subFamily === 'PRCT' || subFamily === 'FICT' ? 'wire' : subFamily === 'BOOK' ? 'book-transfer' : subFamily.startsWith('A') ? 'ach' : 'transfer';
      return credit ? { kind: 'customer-receipt', channel, meaning: `received credit transfer (${subFamily || 'no sub-family'})` } : undefined;
    }
    case 'RCHQ':
      return credit ? { kind: 'customer-receipt', channel: 'check-deposit', meaning: `received cheque (${subFamily || 'no sub-family'})` } : undefined;
    case 'LBOX':
      if (subFamily === 'LBDP' && credit) return { kind: 'customer-receipt', channel: 'lockbox', meaning: 'lockbox deposit' };
      return undefined;
    case 'IDDT':
      return credit ? { kind: 'customer-receipt', channel: 'direct-debit', meaning: `issued direct debit collected (${subFamily || 'no sub-family'})` } : undefined;
    case 'ICDT':
    case 'IRCT':
      return credit ? undefined : { kind: 'vendor-payment', meaning: `issued credit transfer (${subFamily || 'no sub-family'})` };
    case 'ICHQ':
      return credit ? undefined : { kind: 'vendor-payment', meaning: `issued cheque (${subFamily || 'no sub-family'})` };
    case 'RDDT':
      return credit ? undefined : { kind: 'other-debit', meaning: `received direct debit (${subFamily || 'no sub-family'})` };
    default:
      return undefined;
  }
}
