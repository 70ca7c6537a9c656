/** `remit report <kind>`: what the ledger holds, as a table, CSV or JSON on stdout. */
import { UsageError } from '../../core/errors.js';
import { formatMinor } from '../../core/money.js';
import type { ReportRow } from '../../ledger/reports.js';
import { streamRows } from '../row-stream.js';
import { sayFor } from '../say.js';
import type { Context } from '../context.js';
import { render, type Format } from '../table.js';
import { companyFor, openWorkspace } from '../workspace.js';

const KINDS = {
  applications: {
    columns: ['payer', 'payment_ref', 'payment_date', 'line_no', 'line_ref', 'invoice_number', 'cash', 'discount', 'deduction', 'currency', 'method', 'confidence', 'status', 'explanation', 'write_off', 'application_id', 'journal_id'],
    money: { cash: 'cash_minor', discount: 'discount_minor', deduction: 'deduction_minor', write_off: 'write_off_minor' },
  },
  exceptions: {
    columns: ['line_id', 'payer', 'payment_ref', 'payment_date', 'line_no', 'line_ref', 'status', 'unapplied', 'currency', 'note'],
    money: { unapplied: 'amount_minor' },
  },
  deductions: {
    columns: ['payer', 'payment_ref', 'payment_date', 'line_no', 'line_ref', 'invoice_number', 'amount', 'currency', 'reason_code', 'reason_raw', 'status', 'deduction_id', 'line_id', 'journal_id'],
    money: { amount: 'amount_minor' },
  },
  documents: {
    columns: ['document_id', 'received_at', 'original_name', 'format', 'status', 'payer', 'remittance_count', 'duplicate_count', 'first_problem', 'batch_id', 'sha256'],
    money: {},
  },
  batches: {
    columns: ['batch_id', 'kind', 'company', 'started_at', 'finished_at', 'documents', 'payments', 'lines', 'total'],
    money: { total: 'total_minor' },
  },
} as const satisfies Record<string, { columns: readonly string[]; money: Record<string, string> }>;

export type ReportKind = keyof typeof KINDS;

/** Rows a table shows unless --limit says otherwise: a screenful or two, oldest first. */
export const TABLE_ROWS = 100;

export interface ReportOptions {
  format?: string;
  json?: boolean;
  company?: string;
  /** At most this many rows; 0 for all. Tables default to TABLE_ROWS, CSV and JSON to all. */
  limit?: string | number;
}

/**
 * CSV and JSON are for spreadsheets and scripts: every row, streamed as it is read. A table
 * is for a person at a terminal: the first rows, and how many more there are and how to get
 * them, so an exceptions list of a bad month does not scroll for minutes.
 */
export async function run(kind: string, options: ReportOptions, ctx: Context): Promise<number> {
  if (kind === 'rules') return (await import('./rules.js')).list(options, ctx);
  if (!(kind in KINDS)) throw new UsageError(`no report "${kind}" (choose: ${[...Object.keys(KINDS), 'rules'].join(', ')})`);
  const format = (options.json ? 'json' : (options.format ?? 'table')) as Format;
  if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format ${options.format}: choose table, csv or json`);
  const limit = limitOf(options.limit, format === 'table' ? TABLE_ROWS : 0);
  const spec = KINDS[kind as ReportKind];
  const numeric = new Set(Object.keys(spec.money));
  const { config, ledger } = openWorkspace(ctx);
  let listing: IterableIterator<ReportRow> | undefined;
  try {
    const company = options.company ? companyFor(config, options.company) : undefined;
    listing = ledger.reports.rows(kind as ReportKind, company);
    const rows = withMoneyEach(limit > 0 ? first(listing, limit) : listing, spec.money);
    if (format !== 'table') {
      streamRows(ctx.stdout, rows, [...spec.columns], format, numeric);
      return 0;
    }
    const shown = [...rows];
    // One more row read tells whether the rest has to be counted (after the listing is closed).
    const more = limit > 0 && shown.length === limit && !listing.next().done;
    listing.return?.();
    listing = undefined;
    const columns = spec.columns.filter((c) => !['explanation', 'application_id', 'journal_id', 'deduction_id'].includes(c));
    ctx.stdout.write(render(shown, columns, format, numeric, ctx.stdout.isTTY));
    if (more) {
      const total = ledger.reports.count(kind as ReportKind, company);
      sayFor(ctx).info(`${shown.length} of ${total.toLocaleString('en-US')} rows shown; --limit 0 shows them all, --format csv writes them all for a spreadsheet`);
    }
    return 0;
  } finally {
    // A listing cut short by --limit still holds its statement open.
    listing?.return?.();
    ledger.close();
  }
}

function limitOf(option: string | number | undefined, fallback: number): number {
  if (option === undefined) return fallback;
  const limit = Number(option);
  if (!Number.isSafeInteger(limit) || limit < 0) throw new UsageError(`--limit ${option}: a number of rows, 0 for all`);
  return limit;
}

function* first<T>(rows: Iterator<T>, count: number): Generator<T> {
  for (let k = 0; k < count; k += 1) {
    const next = rows.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Each row with its amounts also as decimal text. The rows are the listing's own, fresh per row, so they are added to in place. */
function* withMoneyEach(rows: Iterable<ReportRow>, money: Record<string, string>): Generator<ReportRow> {
  const columns = Object.entries(money);
  for (const row of rows) {
    for (const [column, source] of columns) {
      const value = row[source];
      row[column] = typeof value === 'number' ? formatMinor(value) : null;
    }
    yield row;
  }
}
