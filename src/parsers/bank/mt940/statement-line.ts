/**
 * MT940/942 field 61, Statement Line: 6!n[4!n]2a[1!a]15d1!a3!c16x[//16x] then [34x] on the
 * next line: value date YYMMDD, entry date MMDD, debit/credit mark (C, D, RC reversal of
 * credit = a debit entry, RD reversal of debit = a credit entry; MT942 also EC/ED expected),
 * funds code, amount with a decimal comma, transaction type (S + MT number, N or F + code),
 * reference for the account owner, the bank's reference after //, supplementary details.
 * SWIFT MT940/MT942 field specifications, field 61:
 * https://www2.swift.com/knowledgecentre/publications/us9m_20230720/2.0 (mirrored at
 * https://pinas.synology.me/Swift_Manual/2006/FINAL/US9M/DOC/ALAF008.HTM).
 */
import { parseDate } from '../../../core/dates.js';
import type { Minor } from '../../../core/money.js';
import { swiftMinor } from '../amounts.js';

export interface StatementLine {
  valueDate: string;
  entryDate?: string;
  mark: 'C' | 'D' | 'RC' | 'RD' | 'EC' | 'ED';
  /** Signed: money in > 0 (C, RD, EC), out < 0 (D, RC, ED). */
  amountMinor: Minor;
  transactionType: string;
  ownerRef?: string;
  bankRef?: string;
  supplementary?: string;
}

const LINE = /^(\d{6})(\d{4})?(RC|RD|EC|ED|C|D)([A-Z])?(\d[\d,]{0,15})([SNF][A-Z0-9]{3})(.*)$/;

export function readStatementLine(value: string, currency: string): { ok: true; line: StatementLine } | { ok: false; reason: string } {
  const [first = '', ...more] = value.split('\n');
  const m = LINE.exec(first.trim());
  if (!m) return { ok: false, reason: `:61: "${first.slice(0, 40)}" does not follow 6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]` };
  const [, valueText = '', entryText, mark = 'C', , amountText = '', type = '', rest = ''] = m;
  const value6 = parseDate(valueText, 'ymd');
  if (!value6.ok) return { ok: false, reason: `:61: value date "${valueText}" is not a date` };
  const amount = swiftMinor(amountText, currency);
  if (!amount.ok) return { ok: false, reason: `:61: ${amount.reason}` };
  const credit = mark === 'C' || mark === 'RD' || mark === 'EC';
  const line: StatementLine = {
    valueDate: value6.iso,
    mark: mark as StatementLine['mark'],
    amountMinor: credit ? amount.minor : -amount.minor,
    transactionType: type,
  };
  if (entryText) {
    const entry = nearestYear(value6.iso, entryText);
    if (!entry) return { ok: false, reason: `:61: entry date "${entryText}" is not MMDD` };
    line.entryDate = entry;
  }
  const split = rest.indexOf('//');
  const owner = (split >= 0 ? rest.slice(0, split) : rest).trim();
  const bank = split >= 0 ? rest.slice(split + 2).trim() : '';
  if (owner && owner.toUpperCase() !== 'NONREF') line.ownerRef = owner;
  if (bank) line.bankRef = bank;
  const supplementary = more.join(' ').trim();
  if (supplementary) line.supplementary = supplementary;
  return { ok: true, line };
}

/** MMDD placed in the year that puts it nearest the value date (an entry booked over New Year). */
function nearestYear(valueIso: string, mmdd: string): string | undefined {
  const year = Number(valueIso.slice(0, 4));
  let best: { iso: string; distance: number } | undefined;
  for (const candidate of [year - 1, year, year + 1]) {
    const date = parseDate(`${candidate}${mmdd}`, 'ymd');
    if (!date.ok) continue;
    const distance = Math.abs(Date.parse(`${date.iso}T00:00:00Z`) - Date.parse(`${valueIso}T00:00:00Z`));
    if (!best || distance < best.distance) best = { iso: date.iso, distance };
  }
  return best?.iso;
}
