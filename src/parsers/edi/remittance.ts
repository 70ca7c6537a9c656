/**
 * What the X12 and EDIFACT readers share in turning one payment into a remittance: which
 * payer it is, the record's fields (in the order golden files show them), and the check that
 * the lines add up to the total the sender stated.
 */
import { formatMinor, sumMinor, type Minor } from '../../core/money.js';
import type { ParseOptions, Remittance, RemittanceLine } from '../types.js';
import { at, type Diagnostics } from './diagnostics.js';

/** One payment as read from the file; undefined (or '' for currency) where the file says nothing. */
export interface Payment {
  payerId: string | undefined;
  payerName: string | undefined;
  paymentRef: string;
  paymentDate: string;
  currency: string | undefined;
  method: string | undefined;
  statedTotalMinor: Minor | undefined;
  lines: RemittanceLine[];
}

/**
 * The remittance for a payment. The payer is remit.yaml's code for the sender's payer id,
 * else for its name, else the payer the import was given; the currency is the import's when
 * the file names none.
 */
export function toRemittance(payment: Payment, options: ParseOptions): Remittance {
  const { payerId, payerName, method, statedTotalMinor } = payment;
  const payer = (payerId !== undefined ? options.payerIds?.[payerId] : undefined) ??
    (payerName !== undefined ? options.payerIds?.[payerName] : undefined) ??
    options.payer;
  return {
    ...(payer !== undefined ? { payer } : {}),
    ...(payerName !== undefined ? { payerName } : {}),
    paymentRef: payment.paymentRef,
    paymentDate: payment.paymentDate,
    currency: payment.currency || options.currency,
    ...(method !== undefined ? { method } : {}),
    ...(statedTotalMinor !== undefined ? { statedTotalMinor } : {}),
    lines: payment.lines,
  };
}

/**
 * Lines that do not add up to the payment mean a lost or misread line: the operator must
 * look. `statedBy` names where the total came from (BPR02, MOA+12), at `segment`.
 */
export function checkTotal(remittance: Remittance, statedBy: string, segment: { readonly number: number }, diagnostics: Diagnostics): void {
  if (remittance.statedTotalMinor === undefined) return;
  const sum = sumMinor(remittance.lines.map((line) => line.paidMinor));
  if (sum === remittance.statedTotalMinor) return;
  diagnostics.error(
    `payment ${remittance.paymentRef}: lines add up to ${formatMinor(sum)} but ${statedBy} states ${formatMinor(remittance.statedTotalMinor)} (segment ${segment.number})`,
    at(segment),
  );
}
