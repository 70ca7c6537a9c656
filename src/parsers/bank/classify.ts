/**
 * What kind of money a bank entry is, from the codes the bank gave it, never from its text:
 * a customer receipt (and how it came), a returned item or reversal, a bank fee, interest,
 * payroll, a vendor payment, or another credit or debit. Each answer names the code and
 * the list it comes from, so an operator or auditor can look it up.
 *
 * Order: the format's reversal mark (camt RvslInd, MT940 RC/RD); the ISO 20022 code (camt);
 * the BAI2 code (BAI2, or camt Prtry issued by BAI); the SWIFT :61: code; the OFX TRNTYPE;
 * then the purpose code SALA (payroll); then only the direction. "other-credit" is money in
 * whose codes do not say it is anything else: reconciliation should still try it (a vendor
 * refund or a customer's unlabelled payment looks like that).
 */
import { BAI2_LIST, bai2Kind } from './codes/bai2-kinds.js';
import { ISO_LIST, isoKind } from './codes/iso-kinds.js';
import type { CodeMeaning, EntryKind, ReceiptChannel } from './codes/kinds.js';
import { OFX_LIST, ofxKind } from './codes/ofx-kinds.js';
import { SWIFT_LIST, swiftKind } from './codes/swift-kinds.js';
import type { BankEntry } from './types.js';

export type { EntryKind, ReceiptChannel } from './codes/kinds.js';

export interface EntryClass {
  kind: EntryKind;
  channel?: ReceiptChannel;
  /** The code that decided and the list it is from. */
  basis: { scheme: 'reversal-mark' | 'iso20022' | 'bai2' | 'swift' | 'ofx' | 'purpose' | 'direction'; code: string; list: string };
  /** One line for an operator: what was read and what it means. */
  explanation: string;
}

export function classifyEntry(entry: Pick<BankEntry, 'amountMinor' | 'typeCode' | 'reversal' | 'purpose'>): EntryClass {
  const credit = entry.amountMinor > 0;
  const { typeCode } = entry;
  if (entry.reversal) {
    return {
      kind: 'returned-item',
      basis: { scheme: 'reversal-mark', code: credit ? 'reversal of a debit' : 'reversal of a credit', list: 'camt RvslInd / MT940 :61: RC, RD marks' },
      explanation: `the bank marks this ${credit ? 'credit' : 'debit'} as a reversal`,
    };
  }
  const tries: Array<[EntryClass['basis']['scheme'], string, string, () => CodeMeaning | undefined]> = [];
  if (typeCode.iso) {
    const { domain, family, subFamily } = typeCode.iso;
    tries.push(['iso20022', [domain, family, subFamily].filter((c) => c).join('/'), ISO_LIST, () => isoKind(domain, family, subFamily, credit)]);
  }
  if (typeCode.bai2) tries.push(['bai2', typeCode.bai2, BAI2_LIST, () => bai2Kind(typeCode.bai2!)]);
  if (typeCode.swift) tries.push(['swift', typeCode.swift, SWIFT_LIST, () => swiftKind(typeCode.swift!, credit)]);
  if (typeCode.ofx) tries.push(['ofx', typeCode.ofx, OFX_LIST, () => ofxKind(typeCode.ofx!, credit)]);
  for (const [scheme, code, list, look] of tries) {
    const meaning = look();
    if (meaning) return answer(meaning, { scheme, code, list }, credit);
  }
  if (entry.purpose === 'SALA' || entry.purpose === 'PAYR') {
    return answer({ kind: 'payroll', meaning: 'salary payment' }, { scheme: 'purpose', code: entry.purpose, list: 'ISO 20022 ExternalPurpose1Code' }, credit);
  }
  return {
    kind: credit ? 'other-credit' : 'other-debit',
    basis: { scheme: 'direction', code: credit ? 'credit' : 'debit', list: 'no code the lists above know' },
    explanation: `a ${credit ? 'credit' : 'debit'} whose codes (${describe(entry.typeCode) || 'none'}) say nothing more`,
  };
}

function answer(meaning: CodeMeaning, basis: EntryClass['basis'], credit: boolean): EntryClass {
  const result: EntryClass = {
    kind: meaning.kind,
    basis,
    explanation: `${basis.scheme === 'bai2' ? 'BAI2 type code' : basis.scheme === 'iso20022' ? 'ISO 20022 code' : basis.scheme === 'swift' ? 'SWIFT code' : basis.scheme === 'ofx' ? 'OFX TRNTYPE' : 'purpose code'} ${basis.code} on a ${credit ? 'credit' : 'debit'}: ${meaning.meaning}`,
  };
  if (meaning.channel) result.channel = meaning.channel;
  return result;
}

function describe(code: BankEntry['typeCode']): string {
  return [code.iso && `${code.iso.domain}/${code.iso.family}/${code.iso.subFamily}`, code.bai2, code.proprietary && code.proprietary.code, code.swift, code.ofx].filter((c) => c).join(', ');
}
