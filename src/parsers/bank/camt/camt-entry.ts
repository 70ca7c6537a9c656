/**
 * One camt Ntry (ReportEntry) to a BankEntry: amount signed by CdtDbtInd, RvslInd, Sts
 * (a code in .02-.06, Sts/Cd from .07), booking and value dates (Dt or DtTm), AcctSvcrRef
 * else NtryRef, BkTxCd, batch counts, and the details of its TxDtls. An entry with one
 * TxDtls takes its details; with several, each becomes a part.
 * ISO 20022 camt.053 message definition: https://www.iso20022.org/iso-20022-message-definitions
 * (ReportEntry); RvslInd: with CRDT the original was a debit, with DBIT a credit, so the
 * sign always follows CdtDbtInd.
 */
import { parseDate } from '../../../core/dates.js';
import type { BankEntry, BankEntryPart, BankTypeCode } from '../types.js';
import { amountOf, detailsOf } from './transaction-details.js';
import { at, child, childrenNamed, textAt, type XmlNode } from '../markup-tree.js';
import { addDetails } from '../entry-details.js';

export type EntryRead = { ok: true; entry: BankEntry; problems: string[] } | { ok: false; reason: string };

export function readCamtEntry(ntry: XmlNode, accountCurrency: string | undefined, position: number): EntryRead {
  const where = `line ${ntry.line}`;
  const amount = amountOf(child(ntry, 'Amt'), accountCurrency ?? '');
  if (!amount) return { ok: false, reason: 'Ntry has no Amt; entry skipped' };
  if ('problem' in amount) return { ok: false, reason: `${amount.problem}; entry skipped` };
  const indicator = textAt(ntry, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT') return { ok: false, reason: `CdtDbtInd is "${indicator ?? ''}", not CRDT or DBIT; entry skipped` };
  const credit = indicator === 'CRDT';
  const problems: string[] = [];

  const status = statusOf(ntry);
  const entry: BankEntry = {
    position,
    amountMinor: credit ? amount.amountMinor : -amount.amountMinor,
    currency: amount.currency,
    typeCode: typeCodeOf(child(ntry, 'BkTxCd')),
    reversal: textAt(ntry, 'RvslInd')?.toLowerCase() === 'true',
    status: status === 'PDNG' ? 'pending' : status === 'INFO' ? 'info' : 'booked',
    location: where,
  };
  if (status && status !== 'BOOK' && status !== 'PDNG' && status !== 'INFO') problems.push(`entry status "${status}" is not BOOK, PDNG or INFO; read as booked`);
  const bankRef = textAt(ntry, 'AcctSvcrRef') ?? textAt(ntry, 'NtryRef');
  if (bankRef) entry.bankRef = bankRef;
  const booking = dateOf(child(ntry, 'BookgDt'), problems);
  if (booking) entry.bookingDate = booking;
  const value = dateOf(child(ntry, 'ValDt'), problems);
  if (value) entry.valueDate = value;

  const details = childrenNamed(ntry, 'NtryDtls');
  const txs = details.flatMap((d) => childrenNamed(d, 'TxDtls'));
  let batchCount = 0;
  for (const d of details) {
    const count = textAt(d, 'Btch', 'NbOfTxs');
    if (count && /^\d{1,15}$/.test(count)) batchCount += Number(count);
  }
  if (batchCount > 0) entry.itemCount = batchCount;
  else if (txs.length > 1) entry.itemCount = txs.length;

  // The other side is the debtor of money that came in; a reversal undoes money that went the other way.
  const debtorSide = credit !== entry.reversal;
  if (txs.length === 1) addDetails(entry, detailsOf(txs[0]!, debtorSide, entry.currency, problems));
  else if (txs.length > 1) entry.parts = txs.map((tx) => partOf(tx, credit, entry.reversal, entry.currency, problems));

  const text = childrenNamed(ntry, 'AddtlNtryInf')
    .map((n) => n.text.trim())
    .filter((t) => t)
    .join(' ');
  if (text) entry.text = text;
  return { ok: true, entry, problems };
}

function partOf(tx: XmlNode, entryCredit: boolean, reversal: boolean, currency: string, problems: string[]): BankEntryPart {
  const indicator = textAt(tx, 'CdtDbtInd');
  const credit = indicator ? indicator === 'CRDT' : entryCredit;
  const part: BankEntryPart = {};
  const amount = amountOf(child(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt'), currency);
  if (amount && 'problem' in amount) problems.push(amount.problem);
  else if (amount) {
    part.amountMinor = credit ? amount.amountMinor : -amount.amountMinor;
    part.currency = amount.currency;
  }
  const bankRef = textAt(tx, 'Refs', 'AcctSvcrRef');
  if (bankRef) part.bankRef = bankRef;
  addDetails(part, detailsOf(tx, credit !== reversal, currency, problems));
  return part;
}

function statusOf(ntry: XmlNode): string | undefined {
  const sts = child(ntry, 'Sts');
  if (!sts) return undefined;
  return sts.children.length > 0 ? (textAt(sts, 'Cd') ?? textAt(sts, 'Prtry')) : sts.text.trim() || undefined;
}

function typeCodeOf(bkTxCd: XmlNode | undefined): BankTypeCode {
  const code: BankTypeCode = {};
  const domain = textAt(bkTxCd, 'Domn', 'Cd');
  if (domain) code.iso = { domain, family: textAt(bkTxCd, 'Domn', 'Fmly', 'Cd') ?? '', subFamily: textAt(bkTxCd, 'Domn', 'Fmly', 'SubFmlyCd') ?? '' };
  const proprietary = textAt(bkTxCd, 'Prtry', 'Cd');
  if (proprietary) {
    const issuer = textAt(bkTxCd, 'Prtry', 'Issr');
    code.proprietary = issuer ? { code: proprietary, issuer } : { code: proprietary };
    if (issuer?.toUpperCase() === 'BAI' && /^\d{3}$/.test(proprietary)) code.bai2 = proprietary;
  }
  return code;
}

/** Dt, or the day of DtTm as the bank wrote it (its local time). */
export function dateOf(node: XmlNode | undefined, problems: string[]): string | undefined {
  if (!node) return undefined;
  const text = textAt(node, 'Dt') ?? textAt(node, 'DtTm')?.slice(0, 10);
  if (!text) return undefined;
  const date = parseDate(text, 'ymd');
  if (date.ok && /^\d{4}-\d{2}-\d{2}$/.test(text)) return date.iso;
  problems.push(`${node.name} "${text}" (line ${node.line}) is not an ISO date`);
  return undefined;
}
