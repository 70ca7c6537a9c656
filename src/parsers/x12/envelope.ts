/**
 * The X12 envelope: ISA/IEA interchanges holding GS/GE functional groups holding ST/SE
 * transactions. Checks every count and control number the sender declared, because a
 * mismatch means segments were lost or added in transit; only transactions whose own SE
 * checks pass are handed on.
 */
import { ParseError } from '../../core/errors.js';
import { at, type Diagnostics } from '../edi/diagnostics.js';
import { checkCount, reportUnclosed } from '../edi/envelope.js';
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
    const control = element(st, 2);
    reportUnclosed(diagnostics, { level: `transaction ${control}`, opener: st, trailer: 'SE' }, before, `transaction ${control} skipped`);
    transaction = undefined;
  };
  const abandonGroup = (before: string): void => {
    if (!group) return;
    const { gs } = group;
    reportUnclosed(diagnostics, { level: `group ${element(gs, 6)}`, opener: gs, trailer: 'GE' }, before, KEPT);
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
  const control = element(st, 2);
  const skipped = `transaction ${control} skipped`;
  if (!checkCount(diagnostics, se, element(se, 1), { owner: 'transaction', actual: body.length + 2, noun: 'segments' }, skipped)) {
    return undefined;
  }
  if (element(se, 2) !== control) {
    diagnostics.fail(`SE control number ${element(se, 2)} does not match ST ${control} (segment ${se.number})`, at(se), skipped);
    return undefined;
  }
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
  const control = element(group.gs, 6);
  checkCount(diagnostics, ge, element(ge, 1), { owner: `group ${control}`, actual: group.transactions, noun: 'transactions' }, KEPT);
  if (element(ge, 2) !== control) {
    diagnostics.fail(`GE control number ${element(ge, 2)} does not match GS ${control} (segment ${ge.number})`, at(ge), KEPT);
  }
}

function closeInterchange(interchange: OpenInterchange, iea: Segment, diagnostics: Diagnostics): void {
  const control = element(interchange.isa, 13).trim();
  checkCount(diagnostics, iea, element(iea, 1), { owner: `interchange ${control}`, actual: interchange.groups, noun: 'groups' }, KEPT);
  if (element(iea, 2).trim() !== control) {
    diagnostics.fail(`IEA control number ${element(iea, 2)} does not match ISA ${control} (segment ${iea.number})`, at(iea), KEPT);
  }
}

/** ISA12 "00401" -> "004010", so a transaction outside a group still has a version. */
function isaVersion(isa12: string): string {
  return /^\d{5}$/.test(isa12) ? `${isa12}0` : '';
}
