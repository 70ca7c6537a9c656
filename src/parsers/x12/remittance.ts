/**
 * One 820 transaction -> one remittance: who paid (N1*PR), the payment (BPR, TRN or a REF,
 * CUR, DTM) and its lines (see lines.ts). Checks the lines against the BPR02 total and says
 * so when they disagree; the caller then flags the remittance for review. A transaction with
 * no usable line (a template with placeholder text, amounts that cannot be read, a BPR with
 * no remittance detail) gives no remittance: a 0.00 payment with nothing to apply would only
 * hide the problem.
 */
import type { Minor } from '../../core/money.js';
import { at, type Diagnostics } from '../edi/diagnostics.js';
import { checkTotal, toRemittance } from '../edi/remittance.js';
import type { ParseOptions, Remittance } from '../types.js';
import { adxSignFor, negate } from './adjustments.js';
import type { Transaction } from './envelope.js';
import { LineReader } from './lines.js';
import { element, type Segment } from './segments.js';
import { readDtm } from './dates.js';
import { PaymentRefFinder } from './payment-ref.js';
import { readAmount, readDate } from './values.js';

const OLDEST = 3030;
const NEWEST = 8030;

/** Payment-date DTM01 qualifiers, first found wins: 020 check date, 097 transaction creation, 405 production. */
const PAYMENT_DATE_QUALIFIERS = ['020', '097', '405'];

/** Map one whole 820 transaction; undefined (with a diagnostic) when it has no payment reference, date or usable line. */
export function readRemittance(tx: Transaction, options: ParseOptions, diagnostics: Diagnostics): Remittance | undefined {
  const skipped = `transaction ${tx.control} skipped`;
  warnUnknownVersion(tx, diagnostics);
  const lineReader = new LineReader(adxSignFor(tx.version, options.adxSign), options, diagnostics);

  let bpr: Segment | undefined;
  let statedTotal: Minor | undefined;
  let method: string | undefined;
  let bprDate: string | undefined;
  const dtmDates = new Map<string, string>();
  const refs = new PaymentRefFinder();
  let rmrCount = 0;
  let currency = '';
  let payerName: string | undefined;
  let payerId: string | undefined;

  for (const segment of tx.body) {
    if (segment.tag === 'RMR') rmrCount += 1;
    if (lineReader.accept(segment)) continue;
    switch (segment.tag) {
      case 'BPR': {
        if (bpr) break;
        bpr = segment;
        const total = readAmount(element(segment, 2));
        if (total.ok) statedTotal = element(segment, 3) === 'D' ? negate(total.minor) : total.minor;
        else diagnostics.fail(`BPR02 total: ${total.reason} (segment ${segment.number})`, at(segment), 'total not checked');
        method = element(segment, 4) || undefined;
        if (element(segment, 16) !== '') {
          const date = readDate(element(segment, 16));
          if (date.ok) bprDate = date.iso;
          else diagnostics.warning(`BPR16 payment date: ${date.reason} (segment ${segment.number})`, at(segment));
        }
        break;
      }
      case 'TRN':
      case 'REF':
        refs.see(segment);
        break;
      case 'CUR':
        if (currency === '') currency = element(segment, 2);
        break;
      case 'DTM': {
        const qualifier = element(segment, 1);
        if (!PAYMENT_DATE_QUALIFIERS.includes(qualifier) || dtmDates.has(qualifier)) break;
        const date = readDtm(segment);
        if (date.ok) dtmDates.set(qualifier, date.iso);
        else diagnostics.warning(`DTM*${qualifier} payment date: ${date.reason} (segment ${segment.number})`, at(segment));
        break;
      }
      case 'N1':
        if (element(segment, 1) === 'PR' && payerName === undefined) {
          payerName = element(segment, 2) || undefined;
          payerId = element(segment, 4) || undefined;
        }
        break;
      default:
        // Other segments (REF*VR, N1*PE, PER, NTE ...) carry nothing remit stores.
        break;
    }
  }
  const lines = lineReader.finish();

  const chosen = refs.choose();
  if (chosen === undefined) {
    diagnostics.fail(
      `transaction ${tx.control} has no payment reference: no TRN02 and no REF*CK, REF*TN or REF*EF (segment ${tx.st.number})`,
      at(tx.st),
      skipped,
    );
    return undefined;
  }
  // Identifiers never end in a space, even where strict mode keeps other values as written.
  const paymentRef = chosen.ref.trim();
  if (chosen.fallback) {
    diagnostics.warning(`payment ${paymentRef}: the transaction has no TRN02; payment reference taken from ${chosen.source} (segment ${tx.st.number})`, at(tx.st));
  }
  const dtmDate = PAYMENT_DATE_QUALIFIERS.map((q) => dtmDates.get(q)).find((d) => d !== undefined);
  const paymentDate = bprDate ?? dtmDate ?? groupDate(tx, diagnostics);
  if (paymentDate === undefined) {
    diagnostics.fail(`payment ${paymentRef} has no payment date (segment ${tx.st.number})`, at(tx.st), skipped);
    return undefined;
  }
  if (currency !== '' && !/^[A-Z]{3}$/.test(currency)) {
    diagnostics.warning(`payment ${paymentRef}: CUR02 "${currency}" is not a currency code; used ${options.currency}`, at(tx.st));
    currency = '';
  }
  if (lines.length === 0) {
    const why = rmrCount > 0 ? `none of its ${rmrCount} RMR segments has a readable amount` : 'it has no RMR or ADX remittance detail';
    diagnostics.fail(`payment ${paymentRef} has no usable remittance line: ${why} (segment ${tx.st.number})`, at(tx.st), skipped);
    return undefined;
  }
  if (bpr === undefined) diagnostics.warning(`payment ${paymentRef} has no BPR segment; total not checked`, at(tx.st));

  const remittance = toRemittance(
    { payerId, payerName, paymentRef, paymentDate, currency, method, statedTotalMinor: statedTotal, lines },
    options,
  );
  if (bpr !== undefined) checkTotal(remittance, 'BPR02', bpr, diagnostics);
  return remittance;
}

function groupDate(tx: Transaction, diagnostics: Diagnostics): string | undefined {
  const date = readDate(tx.groupDate);
  if (!date.ok) return undefined;
  diagnostics.warning(`transaction ${tx.control} has no BPR16 or DTM*020/097/405 date; used the GS04 group date ${date.iso}`, at(tx.st));
  return date.iso;
}

function warnUnknownVersion(tx: Transaction, diagnostics: Diagnostics): void {
  const release = /^(\d{6})/.exec(tx.version)?.[1];
  if (release !== undefined && Number(release) >= OLDEST && Number(release) <= NEWEST) return;
  diagnostics.warning(`transaction ${tx.control}: version "${tx.version}" is outside 003030-008030; read as 4010`, at(tx.st));
}
