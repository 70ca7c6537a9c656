/**
 * MT940/942 :61: transaction type identification codes by kind of money: S + MT number
 * (a SWIFT transfer), N/F + 3-character code (SWIFT MT940 field 61 subfield 6,
 * https://www2.swift.com/knowledgecentre/publications/us9m_20230720/2.0; code list as in
 * https://pinas.synology.me/Swift_Manual/2006/FINAL/US9M/DOC/ALAF008.HTM).
 */
import type { CodeMeaning } from './kinds.js';

export const SWIFT_LIST = 'SWIFT MT940 field 61 transaction type identification codes';

export function swiftKind(code: string, credit: boolean): CodeMeaning | undefined {
  const kind = code.slice(0, 1);
  const rest = code.slice(1);
  if (kind === 'S' && /^\d{3}$/.test(rest)) {
    return credit ? { kind: 'customer-receipt', channel: 'wire', meaning: `SWIFT MT${rest} transfer` } : { kind: 'vendor-payment', meaning: `SWIFT MT${rest} transfer` };
  }
  if (kind !== 'N' && kind !== 'F') return undefined;
  switch (rest) {
    case 'RTI':
      return { kind: 'returned-item', meaning: 'returned item' };
    case 'CHG':
    case 'COM':
    case 'BRF':
    case 'MGT':
    case 'ODC':
    case 'TRN':
      return { kind: 'bank-fee', meaning: { CHG: 'charges and other expenses', COM: 'commission', BRF: 'brokerage fee', MGT: 'management fees', ODC: 'overdraft charge', TRN: 'transaction fee' }[rest] };
    case 'INT':
      return { kind: 'interest', meaning: 'interest' };
    case 'TRF':
    case 'TRA':
    case 'STO':
      return credit ? { kind: 'customer-receipt', channel: 'transfer', meaning: rest === 'STO' ? 'standing order' : 'transfer' } : { kind: 'vendor-payment', meaning: rest === 'STO' ? 'standing order' : 'transfer' };
    case 'CHK':
    case 'CLR':
      return credit ? { kind: 'customer-receipt', channel: 'check-deposit', meaning: rest === 'CHK' ? 'cheques' : 'cash letters/cheques remittance' } : { kind: 'vendor-payment', meaning: 'cheques' };
    case 'LBX':
      return credit ? { kind: 'customer-receipt', channel: 'lockbox', meaning: 'lock box' } : undefined;
    case 'COL':
    case 'DDT':
      return credit ? { kind: 'customer-receipt', channel: 'direct-debit', meaning: rest === 'COL' ? 'collections' : 'direct debit collected' } : { kind: 'other-debit', meaning: 'direct debit' };
    case 'MSC':
      return credit ? { kind: 'other-credit', meaning: 'miscellaneous' } : { kind: 'other-debit', meaning: 'miscellaneous' };
    default:
      return undefined;
  }
}
