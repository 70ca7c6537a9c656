/**
 * The BAI2 03 record: account number, currency, then repeating (type code, amount, item
 * count, funds type[, funds fields]) groups of balances and summaries (BAI2 2005, "Account
 * Identifier and Summary/Status Record",
 * https://www.bai.org/docs/default-source/libraries/site-general-downloads/cash_management_2005.pdf).
 * Status amounts may be signed; summary amounts are not.
 */
import type { Minor } from '../../../core/money.js';
import { impliedDecimalMinor } from '../amounts.js';
import { bai2Direction } from '../codes/bai2-codes.js';
import { readFunds } from './funds.js';

export interface AccountSummary {
  typeCode: string;
  amountMinor: Minor;
  itemCount?: number;
}

export interface AccountRecord {
  accountNumber: string;
  /** Blank when the 03 defaults to the group's currency. */
  currency: string;
  summaries: AccountSummary[];
  /** Sum of every amount as written, for the 49 control total. */
  controlSum: Minor;
  problems: string[];
}

export function readAccountRecord(fields: readonly string[]): AccountRecord {
  const record: AccountRecord = {
    accountNumber: (fields[0] ?? '').trim(),
    currency: (fields[1] ?? '').trim().toUpperCase(),
    summaries: [],
    controlSum: 0,
    problems: [],
  };
  let at = 2;
  while (at < fields.length) {
    const typeCode = (fields[at] ?? '').trim();
    const amountText = (fields[at + 1] ?? '').trim();
    if (typeCode === '' && amountText === '' && fields.slice(at).every((f) => f.trim() === '')) break;
    const direction = bai2Direction(typeCode);
    if (!direction) {
      record.problems.push(`"${typeCode}" is not a BAI2 type code (field ${at + 2})`);
      break;
    }
    const countText = (fields[at + 2] ?? '').trim();
    const funds = readFunds(fields, at + 3);
    if (!funds.ok) {
      record.problems.push(`type code ${typeCode}: ${funds.reason}`);
      break;
    }
    at = funds.next;
    if (amountText === '') continue;
    const amount = impliedDecimalMinor(amountText, true);
    if (!amount.ok) {
      record.problems.push(`type code ${typeCode}: ${amount.reason}`);
      continue;
    }
    record.controlSum += amount.minor;
    const summary: AccountSummary = { typeCode, amountMinor: amount.minor };
    if (countText !== '') {
      if (/^\d{1,9}$/.test(countText)) summary.itemCount = Number(countText);
      else record.problems.push(`type code ${typeCode}: item count "${countText}" is not a number`);
    }
    record.summaries.push(summary);
  }
  return record;
}
