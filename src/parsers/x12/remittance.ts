/**
 * One 820 transaction -> one remittance: who paid (N1*PR), the payment (BPR, TRN, CUR,
 * DTM) and its lines (see lines.ts). Checks the lines against the BPR02 total and says so
 * when they disagree; the caller then flags the remittance for review.
 */
import type { Minor } from '../../core/money.js';
import { at, type Diagnostics } from '../edi/diagnostics.js';
import { checkTotal, toRemittance } from '../edi/remittance.js';
import type { ParseOptions, Remittance } from '../types.js';
import { adxSignFor, negate } from './adjustments.js';
import type { Transaction } from './envelope.js';
import { LineReader } from './lines.js';
import { element, type Segment } from './segments.js';
import { readAmount, readDate } from './values.js';

const OLDEST = 3030;
const NEWEST = 8030;

/** Map one whole 820 transaction; undefined (with a diagnostic) when it has no payment reference or date. */
export function readRemittance(tx: Transaction, options: ParseOptions, diagnostics: Diagnostics): Remittance | undefined {
  const skipped = `transaction ${tx.control} skipped`;
  warnUnknownVersion(tx, diagnostics);
  const lineReader = new LineReader(adxSignFor(tx.version, options.adxSign), options, diagnostics);

  let bpr: Segment | undefined;
  let statedTotal: Minor | undefined;
  let method: string | undefined;
  let bprDate: string | undefined;
  let dtmDate: string | undefined;
  let paymentRef = '';
  let currency = '';
  let payerName: string | undefined;
  let payerId: string | undefined;

  for (const segment of tx.body) {
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
        if (paymentRef === '') paymentRef = element(segment, 2);
        break;
      case 'CUR':
        if (currency === '') currency = element(segment, 2);
        break;
      case 'DTM':
        if (dtmDate === undefined && ['097', '405'].includes(element(segment, 1))) {
          const date = readDate(element(segment, 2));
          if (date.ok) dtmDate = date.iso;
        }
        break;
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

  if (paymentRef === '') {
    diagnostics.fail(`transaction ${tx.control} has no TRN02 payment reference (segment ${tx.st.number})`, at(tx.st), skipped);
    return undefined;
  }
  const paymentDate = bprDate ?? dtmDate ?? groupDate(tx, diagnostics);
  if (paymentDate === undefined) {
    diagnostics.fail(`payment ${paymentRef} has no payment date (segment ${tx.st.number})`, at(tx.st), skipped);
    return undefined;
  }
  if (currency !== '' && !/^[A-Z]{3}$/.test(currency)) {
    diagnostics.warning(`payment ${paymentRef}: CUR02 "${currency}" is not a currency code; used ${options.currency}`, at(tx.st));
    currency = '';
  }
  if (bpr === undefined) diagnostics.warning(`payment ${paymentRef} has no BPR segment; total not checked`, at(tx.st));
  if (lines.length === 0) diagnostics.warning(`payment ${paymentRef} has no remittance lines (segment ${tx.st.number})`, at(tx.st));

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
  diagnostics.warning(`transaction ${tx.control} has no BPR16 or DTM*097 date; used the GS04 group date ${date.iso}`, at(tx.st));
  return date.iso;
}

function warnUnknownVersion(tx: Transaction, diagnostics: Diagnostics): void {
  const release = /^(\d{6})/.exec(tx.version)?.[1];
  if (release !== undefined && Number(release) >= OLDEST && Number(release) <= NEWEST) return;
  diagnostics.warning(`transaction ${tx.control}: version "${tx.version}" is outside 003030-008030; read as 4010`, at(tx.st));
}
