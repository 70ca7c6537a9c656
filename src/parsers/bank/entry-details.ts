/**
 * Copy the optional detail fields onto an entry or part one by one, in one fixed order:
 * Object.assign with objects of varying shapes leaves V8 with slow dictionary objects,
 * and a reader makes a million of them.
 */
import type { BankEntryDetails } from './types.js';

export function addDetails(target: BankEntryDetails, details: BankEntryDetails): void {
  if (details.customerRef !== undefined) target.customerRef = details.customerRef;
  if (details.traceNumber !== undefined) target.traceNumber = details.traceNumber;
  if (details.checkNumber !== undefined) target.checkNumber = details.checkNumber;
  if (details.uetr !== undefined) target.uetr = details.uetr;
  if (details.counterparty !== undefined) target.counterparty = details.counterparty;
  if (details.remittance !== undefined) target.remittance = details.remittance;
  if (details.instructedAmount !== undefined) target.instructedAmount = details.instructedAmount;
  if (details.charges !== undefined) target.charges = details.charges;
  if (details.purpose !== undefined) target.purpose = details.purpose;
  if (details.returnReason !== undefined) target.returnReason = details.returnReason;
}
