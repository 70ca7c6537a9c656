/**
 * The BAI2 16 record (Transaction Detail): type code, amount, funds type and its fields,
 * bank reference, customer reference, text (BAI2 2005, "Transaction Detail Record",
 * https://www.bai.org/docs/default-source/libraries/site-general-downloads/cash_management_2005.pdf).
 * The amount has no sign: the type code says credit (100-399...) or debit (400-699...).
 * There is no date on the record: an entry is for the group's as-of date, or for the value
 * date of funds type V.
 */
import type { Minor } from '../../../core/money.js';
import { addendaFacts, mayHoldAddenda } from '../addenda-820.js';
import { impliedDecimalMinor } from '../amounts.js';
import { bai2Direction, CHECK_PAID_CODES, DEPOSIT_CODES } from '../codes/bai2-codes.js';
import type { BankEntry, BankTypeCode } from '../types.js';
import { readFunds } from './funds.js';
import { detailsFromLabels } from './labelled-text.js';
import { addDetails } from '../entry-details.js';

export type DetailRead =
  | { kind: 'entry'; entry: BankEntry; controlAmount: Minor }
  | { kind: 'skipped'; reason: string; controlAmount: Minor; level: 'warning' | 'error' };

export interface DetailScope {
  currency: string;
  minorDigits: number;
  asOfDate: string;
  position: number;
}

const ITEMS = /\b(\d{1,6}) ITEMS?\b/;

/** One frozen code object per type code, shared by its entries (a million entries, a few dozen codes). */
const TYPE_CODES = new Map<string, BankTypeCode>();
function typeCodeOf(code: string): BankTypeCode {
  let shared = TYPE_CODES.get(code);
  if (!shared) {
    shared = Object.freeze({ bai2: code });
    TYPE_CODES.set(code, shared);
  }
  return shared;
}

export function readDetailRecord(fields: readonly string[], location: string, scope: DetailScope): DetailRead {
  const typeCode = (fields[0] ?? '').trim();
  const amountText = (fields[1] ?? '').trim();
  const amount = impliedDecimalMinor(amountText, false);
  const controlAmount = amount.ok ? amount.minor : 0;
  const direction = bai2Direction(typeCode);
  if (!direction) return { kind: 'skipped', level: 'error', controlAmount, reason: `"${typeCode}" is not a BAI2 type code; entry skipped` };
  if (!amount.ok) return { kind: 'skipped', level: 'error', controlAmount, reason: `type code ${typeCode}: ${amount.reason}; entry skipped` };
  if (direction === 'status' || direction === 'non-monetary') {
    const what = direction === 'status' ? 'a balance (status) code' : 'non-monetary information';
    return { kind: 'skipped', level: 'warning', controlAmount, reason: `type code ${typeCode} is ${what}, not money moved; not an entry` };
  }
  const funds = readFunds(fields, 2);
  if (!funds.ok) return { kind: 'skipped', level: 'error', controlAmount, reason: `type code ${typeCode}: ${funds.reason}; entry skipped` };
  const bankRef = (fields[funds.next] ?? '').trim();
  const customerRef = (fields[funds.next + 1] ?? '').trim();
  const text = (fields[funds.next + 2] ?? '').trim();
  const credit = direction === 'credit';

  // A plain literal (no spread): this object is made a million times and must stay a fast one.
  const entry: BankEntry = {
    position: scope.position,
    bookingDate: scope.asOfDate,
    valueDate: funds.funds?.valueDate ?? scope.asOfDate,
    amountMinor: credit ? amount.minor : -amount.minor,
    currency: scope.currency,
    typeCode: typeCodeOf(typeCode),
    reversal: false,
    status: 'booked',
    location,
  };
  if (bankRef) entry.bankRef = bankRef;
  if (customerRef) entry.customerRef = customerRef;
  if (customerRef && CHECK_PAID_CODES.has(typeCode)) entry.checkNumber = customerRef;
  if (funds.funds) entry.funds = funds.funds;
  if (text) {
    entry.text = text;
    addDetails(entry, detailsFromLabels(text, credit, scope.minorDigits));
    if (!entry.remittance && mayHoldAddenda(text)) {
      const facts = addendaFacts(text, scope.minorDigits);
      if (facts) entry.remittance = facts;
    }
    if (DEPOSIT_CODES.has(typeCode)) {
      const items = ITEMS.exec(text);
      if (items) entry.itemCount = Number(items[1]);
    }
  }
  return { kind: 'entry', entry, controlAmount };
}
