/** What every format writer shares: its output files, dates in an ERP's locale, field limits, entry splitting. */
import { RemitError } from '../../core/errors.js';
import { formatMinor } from '../../core/money.js';
import { textCell } from '../csv-cell.js';
import { assertBalanced } from '../posting-entry.js';
import type { AccountRole, PostingAccounts, PostingEntry, PostingLine } from '../posting.js';
import type { DateFormat } from '../settings.js';

/** One file a writer produces: the export's name gets `suffix` (`.csv`, `-2.csv`, `-journal.csv`, `.txt`). */
export interface ExportFile {
  suffix: string;
  content: string;
}

export interface WriteContext {
  /** The accounts of the format (for the residual journal of payment-application formats). */
  accounts: PostingAccounts;
  /** When the file is made, ISO `YYYY-MM-DDTHH:MM` (from the clock passed in: SAP lockbox records it). */
  createdAt: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO date in an ERP's date format. */
export function formatDate(iso: string, format: DateFormat | 'D MMM YYYY'): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  switch (format) {
    case 'MM/DD/YYYY': return `${m}/${d}/${y}`;
    case 'DD/MM/YYYY': return `${d}/${m}/${y}`;
    case 'DD.MM.YYYY': return `${d}.${m}.${y}`;
    case 'YYYY-MM-DD': return iso;
    case 'D MMM YYYY': return `${Number(d)} ${MONTHS[Number(m) - 1] ?? ''} ${y}`;
  }
}

/**
 * An identifier (document number, account, customer, invoice) must fit its field whole: a
 * cut one would post to the wrong record, so it is refused instead.
 */
export function identifier(value: string, max: number, field: string, format: string): string {
  if (value.length > max) {
    throw new RemitError('gl-field', `${format}: ${field} "${value}" is ${value.length} characters, the import takes at most ${max}`, {
      hint: `shorten it in remit.yaml (gl.document_prefix, gl.customers, gl.formats.${format}) or in the ERP`,
    });
  }
  return value;
}

/** Descriptive text (a memo) is cut to its field with an ellipsis: it names, it does not key. */
export function clip(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A CSV row, with its line end: text cells formula-neutralised and quoted where needed; a
 * plain number (an amount, `-1000.00`) is no formula and is written as it is.
 */
export function csvRow(cells: ReadonlyArray<string | null | undefined>): string {
  return `${cells.map((c) => (c && PLAIN_NUMBER.test(c) ? c : textCell(c))).join(',')}\r\n`;
}

/** The amount of a debit or credit column: decimal major units from minor units, blank for zero. */
export function amountCell(minor: number): string {
  return minor === 0 ? '' : formatMinor(minor);
}

/** Refuse an amount wider than a field takes (NetSuite: 10 digits before the decimal point). */
export function checkAmountDigits(minor: number, wholeDigits: number, format: string, entry: PostingEntry): void {
  if (Math.abs(minor) >= 10 ** wholeDigits * 100) {
    throw new RemitError('gl-field', `${format}: entry ${entry.documentNo} has an amount of ${formatMinor(minor)}, more than the ${wholeDigits} digits the import takes`);
  }
}

/**
 * An entry with more lines than a format takes in one transaction is split into parts of at
 * most `maxLines`, each balanced by its own line on the entry's balancing role (the clearing
 * account for a payment, unapplied cash for a late entry): the parts together post exactly
 * what the entry posts. Parts are numbered `<documentNo>-1`, `-2`, ...
 */
export function splitEntry(entry: PostingEntry, maxLines: number): PostingEntry[] {
  if (entry.lines.length <= maxLines) return [entry];
  const balancingRole: AccountRole = entry.kind === 'late' ? 'unapplied' : 'clearing';
  const balancing = entry.lines.filter((l) => l.role === balancingRole && l.invoice === null);
  const template = balancing[0];
  if (!template || maxLines < 3) {
    throw new RemitError('gl-limit', `entry ${entry.documentNo} has ${entry.lines.length} lines, more than the ${maxLines} the format takes, and cannot be split`);
  }
  const rest = entry.lines.filter((l) => !balancing.includes(l));
  const parts: PostingEntry[] = [];
  const perPart = maxLines - 1;
  for (let at = 0; at < rest.length; at += perPart) {
    const chunk = rest.slice(at, at + perPart);
    const net = chunk.reduce((sum, l) => sum + l.debitMinor - l.creditMinor, 0);
    const lines: PostingLine[] = [...chunk];
    if (net !== 0) {
      lines.unshift({ ...template, debitMinor: net < 0 ? -net : 0, creditMinor: net > 0 ? net : 0, memo: `${template.memo} (part ${parts.length + 1})` });
    }
    parts.push({ ...entry, documentNo: `${entry.documentNo}-${parts.length + 1}`, lines: lines.map((l, k) => ({ ...l, lineNo: k + 1 })) });
  }
  for (const part of parts) assertBalanced(part);
  return parts;
}

/** The customer's name, for formats that key customers by name: refused when remit.yaml maps none. */
export function customerName(entry: PostingEntry, format: string): string {
  if (entry.customer.name === null) {
    throw new RemitError('gl-customer', `${format}: payer ${entry.payer} has no customer name for the ERP (payment ${entry.paymentRef})`, {
      hint: `set gl.customers.${entry.payer}.name in remit.yaml to the customer's name exactly as the ERP shows it`,
    });
  }
  return entry.customer.name;
}

/** Whether a line is one the ERP's receivables subledger tracks by customer. */
export function isCustomerLine(line: PostingLine): boolean {
  return line.role === 'receivable' || line.role === 'unapplied';
}
