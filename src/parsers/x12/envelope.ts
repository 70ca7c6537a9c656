/**
 * The X12 envelope: ISA/IEA interchanges holding GS/GE functional groups holding ST/SE
 * transactions. Checks every count and control number the sender declared, because a
 * mismatch means segments were lost or added in transit; only transactions whose own SE
 * checks pass are handed on.
 */
import { ParseError } from '../../core/errors.js';
import { at, type Diagnostics } from '../edi/diagnostics.js';
import { checkCount, compareControl, reportUnclosed } from '../edi/envelope.js';
import { element, type Segment } from './segments.js';

/** One ST..SE transaction that passed its own SE count and control number checks. */
export interface Transaction {
  /** ST01, e.g. "820". */
  setId: string;
  /** ST02, the transaction control number. */
  control: string;
  /** GS08 version/release, e.g. "004010"; ISA12-based ("00401") when the ST sat outside a group. */
  version: string;
  /** GS04 creation date (CCYYMMDD or YYMMDD), the last-resort payment date; '' when unknown. */
  groupDate: string;
  st: Segment;
  /** The segments between ST and SE. */
  body: Segment[];
}

interface OpenInterchange {
  isa: Segment;
  groups: number;
}
interface OpenGroup {
  gs: Segment;
  transactions: number;
}
interface OpenTransaction {
  st: Segment;
  body: Segment[];
  group: OpenGroup | undefined;
}

const KEPT = 'its complete transactions are kept';

/** Walk the segments, check the envelope, return the transactions that are whole. */
export function readTransactions(segments: Segment[], diagnostics: Diagnostics): Transaction[] {
  return [...transactionsOf(segments, diagnostics)];
}

/** The transactions that are whole, each as soon as its SE is read. */
export function* transactionsOf(segments: Iterable<Segment>, diagnostics: Diagnostics): Generator<Transaction> {
  let lastNumber = 0;
  let interchange: OpenInterchange | undefined;
  let group: OpenGroup | undefined;
  let transaction: OpenTransaction | undefined;
  let lastIsa12 = '';

  const abandonTransaction = (before: string): void => {
    if (!transaction) return;
    const { st } = transaction;
    const control = element(st, 2).trim();
    reportUnclosed(diagnostics, { level: `transaction ${control}`, opener: st, trailer: 'SE' }, before, `transaction ${control} skipped`);
    transaction = undefined;
  };
  const abandonGroup = (before: string): void => {
    if (!group) return;
    const { gs } = group;
    reportUnclosed(diagnostics, { level: `group ${element(gs, 6).trim()}`, opener: gs, trailer: 'GE' }, before, KEPT);
    group = undefined;
  };
  const abandonInterchange = (before: string): void => {
    if (!interchange) return;
    const { isa } = interchange;
    reportUnclosed(diagnostics, { level: `interchange ${element(isa, 13).trim()}`, opener: isa, trailer: 'IEA' }, before, KEPT);
    interchange = undefined;
  };

  for (const segment of segments) {
    lastNumber = segment.number;
    const where = `${segment.tag} (segment ${segment.number})`;
    switch (segment.tag) {
      case 'ISA':
        abandonTransaction(where);
        abandonGroup(where);
        abandonInterchange(where);
        interchange = { isa: segment, groups: 0 };
        lastIsa12 = element(segment, 12);
        break;
      case 'GS':
        abandonTransaction(where);
        abandonGroup(where);
        if (!interchange) diagnostics.fail(`GS outside an interchange (segment ${segment.number})`, at(segment), 'read anyway');
        else interchange.groups += 1;
        group = { gs: segment, transactions: 0 };
        break;
      case 'ST':
        abandonTransaction(where);
        if (!group) diagnostics.fail(`ST outside a functional group (segment ${segment.number})`, at(segment), 'read anyway');
        else group.transactions += 1;
        transaction = { st: segment, body: [], group };
        break;
      case 'SE': {
        if (!transaction) {
          diagnostics.fail(`SE without ST (segment ${segment.number})`, at(segment), 'segment ignored');
          break;
        }
        const whole = closeTransaction(transaction, segment, diagnostics);
        if (whole) yield { ...whole, version: whole.version || isaVersion(lastIsa12) };
        transaction = undefined;
        break;
      }
      case 'GE':
        abandonTransaction(where);
        if (!group) diagnostics.fail(`GE without GS (segment ${segment.number})`, at(segment), 'segment ignored');
        else closeGroup(group, segment, diagnostics);
        group = undefined;
        break;
      case 'IEA':
        abandonTransaction(where);
        abandonGroup(where);
        if (!interchange) diagnostics.fail(`IEA without ISA (segment ${segment.number})`, at(segment), 'segment ignored');
        else closeInterchange(interchange, segment, diagnostics);
        interchange = undefined;
        break;
      default:
        if (transaction) transaction.body.push(segment);
        else diagnostics.fail(`${segment.tag} outside a transaction (segment ${segment.number})`, at(segment), 'segment ignored');
    }
  }
  const end = `the end of the file (segment ${lastNumber + 1})`;
  // A file that stops before its IEA was cut short (a failed download, a truncated mail
  // attachment): even the transactions that look complete cannot be trusted to be all of
  // it, so the whole document fails in lenient mode too, and nothing reaches the ledger.
  if (interchange) {
    throw new ParseError(
      `interchange ${element(interchange.isa, 13).trim()} (segment ${interchange.isa.number}) has no IEA: the file ends early, it may be cut short`,
    );
  }
  abandonTransaction(end);
  abandonGroup(end);
}

function closeTransaction(open: OpenTransaction, se: Segment, diagnostics: Diagnostics): Transaction | undefined {
  const { st, body, group } = open;
  const control = element(st, 2).trim();
  const skipped = `transaction ${control} skipped`;
  if (!checkCount(diagnostics, se, element(se, 1).trim(), { owner: 'transaction', actual: body.length + 2, noun: 'segments' }, skipped)) {
    return undefined;
  }
  if (!controlsAgree(se, element(se, 2), 'ST', element(st, 2), diagnostics, skipped)) return undefined;
  return {
    setId: element(st, 1),
    control,
    version: group ? element(group.gs, 8) : '',
    groupDate: group ? element(group.gs, 4) : '',
    st,
    body,
  };
}

function closeGroup(group: OpenGroup, ge: Segment, diagnostics: Diagnostics): void {
  const control = element(group.gs, 6).trim();
  checkCount(diagnostics, ge, element(ge, 1).trim(), { owner: `group ${control}`, actual: group.transactions, noun: 'transactions' }, KEPT);
  controlsAgree(ge, element(ge, 2), 'GS', element(group.gs, 6), diagnostics, KEPT);
}

function closeInterchange(interchange: OpenInterchange, iea: Segment, diagnostics: Diagnostics): void {
  const control = element(interchange.isa, 13).trim();
  checkCount(diagnostics, iea, element(iea, 1).trim(), { owner: `interchange ${control}`, actual: interchange.groups, noun: 'groups' }, KEPT);
  controlsAgree(iea, element(iea, 2), 'ISA', control, diagnostics, KEPT);
}

/**
 * A trailer's control number against its opener's: different numbers fail (segments may be
 * missing); the same number padded differently is a warning.
 */
function controlsAgree(trailer: Segment, written: string, openerTag: string, opener: string, diagnostics: Diagnostics, consequence: string): boolean {
  const match = compareControl(written, opener);
  if (match === 'same') return true;
  if (match === 'padded') {
    diagnostics.warning(
      `${trailer.tag} control number "${written}" is ${openerTag}'s "${opener}" written with other padding (segment ${trailer.number}); accepted`,
      at(trailer),
    );
    return true;
  }
  diagnostics.fail(`${trailer.tag} control number ${written} does not match ${openerTag} ${opener.trim()} (segment ${trailer.number})`, at(trailer), consequence);
  return false;
}

/** ISA12 "00401" -> "004010", so a transaction outside a group still has a version. */
function isaVersion(isa12: string): string {
  return /^\d{5}$/.test(isa12) ? `${isa12}0` : '';
}
