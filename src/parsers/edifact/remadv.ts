/**
 * One REMADV message -> one remittance: the payment (BGM, DTM, RFF, CUX, PAI, MOA), who paid
 * (NAD+PR) and its lines (see documents.ts). Checks the lines against the stated total and
 * says so when they disagree; the caller then flags the remittance for review.
 * Qualifier choices are documented in qualifiers.ts.
 */
import type { Minor } from '../../core/money.js';
import { at, type Diagnostics } from '../edi/diagnostics.js';
import { checkTotal, toRemittance } from '../edi/remittance.js';
import type { ParseOptions, Remittance } from '../types.js';
import { DocumentReader } from './documents.js';
import type { Message } from './envelope.js';
import {
  firstOf,
  HEADER_PAYMENT_DATE,
  HEADER_PAYMENT_REF,
  PAYER,
  PAYMENT_CURRENCY,
  PAYMENT_TOTAL,
  paymentMethodOf,
} from './qualifiers.js';
import { component, joined, type Segment } from './segments.js';
import { readAmount, readDate } from './values.js';

/**
 * Map one whole REMADV message; undefined (with a diagnostic) when it has no reference, no
 * date or no usable DOC line: an empty payment would only hide the problem.
 */
export function readRemadv(message: Message, options: ParseOptions, diagnostics: Diagnostics): Remittance | undefined {
  const skipped = `message ${message.ref} skipped`;
  const documents = new DocumentReader(options, diagnostics);
  let documentNumber = '';
  const dates = new Map<string, string>();
  const references = new Map<string, string>();
  const totals = new Map<string, { amount: Minor; segment: Segment }>();
  let currency: string | undefined;
  let method: string | undefined;
  let payerName: string | undefined;
  let payerId: string | undefined;

  for (const segment of message.body) {
    if (documents.accept(segment)) continue;
    switch (segment.tag) {
      case 'BGM':
        documentNumber = component(segment, 2, 0);
        break;
      case 'DTM': {
        const qualifier = component(segment, 1, 0);
        if (!HEADER_PAYMENT_DATE.includes(qualifier) || dates.has(qualifier)) break;
        const date = readDate(component(segment, 1, 1), component(segment, 1, 2));
        if (date.ok) dates.set(qualifier, date.iso);
        else diagnostics.warning(`DTM+${qualifier}: ${date.reason} (segment ${segment.number})`, at(segment));
        break;
      }
      case 'RFF': {
        const qualifier = component(segment, 1, 0);
        if (!references.has(qualifier) && component(segment, 1, 1) !== '') references.set(qualifier, component(segment, 1, 1));
        break;
      }
      case 'NAD':
        if (component(segment, 1) === PAYER && payerName === undefined && payerId === undefined) {
          payerId = component(segment, 2, 0) || undefined;
          payerName = joined(segment, 4) || joined(segment, 3) || undefined;
        }
        break;
      case 'CUX':
        currency ??= paymentCurrency(segment);
        break;
      case 'PAI':
        if (component(segment, 1, 2) !== '') method ??= paymentMethodOf(component(segment, 1, 2));
        break;
      case 'MOA': {
        const qualifier = component(segment, 1, 0);
        if (!PAYMENT_TOTAL.includes(qualifier) || totals.has(qualifier)) break;
        const read = readAmount(component(segment, 1, 1));
        if (read.ok) totals.set(qualifier, { amount: read.minor, segment });
        else diagnostics.fail(`MOA+${qualifier} total: ${read.reason} (segment ${segment.number})`, at(segment), 'total not checked');
        break;
      }
      default:
        // UNS, CNT, FII, FTX, AUT ... carry nothing remit stores.
        break;
    }
  }
  const lines = documents.finish();

  const paymentRef = firstOf(references, HEADER_PAYMENT_REF) ?? documentNumber;
  if (paymentRef === '') {
    diagnostics.fail(`message ${message.ref} has no payment reference (RFF+PQ) or BGM document number (segment ${message.unh.number})`, at(message.unh), skipped);
    return undefined;
  }
  const paymentDate = firstOf(dates, HEADER_PAYMENT_DATE) ?? interchangeDate(message, diagnostics);
  if (paymentDate === undefined) {
    diagnostics.fail(`payment ${paymentRef} has no payment date (segment ${message.unh.number})`, at(message.unh), skipped);
    return undefined;
  }
  if (lines.length === 0) {
    const why = documents.count > 0 ? `none of its ${documents.count} DOC groups has a readable amount` : 'it has no DOC group';
    diagnostics.fail(`payment ${paymentRef} has no usable remittance line: ${why} (segment ${message.unh.number})`, at(message.unh), skipped);
    return undefined;
  }

  const total = firstOf(totals, PAYMENT_TOTAL);
  const remittance = toRemittance(
    { payerId, payerName, paymentRef, paymentDate, currency, method, statedTotalMinor: total?.amount, lines },
    options,
  );
  if (total !== undefined) checkTotal(remittance, `MOA+${component(total.segment, 1, 0)}`, total.segment, diagnostics);
  return remittance;
}

/** CUX+2:EUR:11 -> EUR; the payment currency (type 11) when both composites are given. */
function paymentCurrency(segment: Segment): string | undefined {
  const named = [1, 2].map((n) => ({ code: component(segment, n, 1), type: component(segment, n, 2) })).filter((c) => /^[A-Z]{3}$/.test(c.code));
  return (named.find((c) => c.type === PAYMENT_CURRENCY) ?? named[0])?.code;
}

function interchangeDate(message: Message, diagnostics: Diagnostics): string | undefined {
  const date = readDate(message.interchangeDate, '');
  if (!date.ok) return undefined;
  diagnostics.warning(`message ${message.ref} has no payment date (DTM+203/209/171/137); used the UNB date ${date.iso}`, at(message.unh));
  return date.iso;
}
