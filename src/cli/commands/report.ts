/** `remit report <kind>`: what the ledger holds, as a table, CSV or JSON on stdout. */
import { UsageError } from '../../core/errors.js';
import { formatMinor } from '../../core/money.js';
import type { ReportRow } from '../../ledger/reports.js';
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

export async function run(kind: string, options: { format?: string; json?: boolean; company?: string }, ctx: Context): Promise<number> {
  if (kind === 'rules') return (await import('./rules.js')).list(options, ctx);
  if (!(kind in KINDS)) throw new UsageError(`no report "${kind}" (choose: ${[...Object.keys(KINDS), 'rules'].join(', ')})`);
  const format = (options.json ? 'json' : (options.format ?? 'table')) as Format;
  if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format ${options.format}: choose table, csv or json`);
  const spec = KINDS[kind as ReportKind];
  const { config, ledger } = openWorkspace(ctx);
  try {
    const company = options.company ? companyFor(config, options.company) : undefined;
    const rows = ledger.reports[kind as ReportKind](company).map((row) => withMoney(row, spec.money));
    const columns = format === 'table' ? spec.columns.filter((c) => !['explanation', 'application_id', 'journal_id', 'deduction_id'].includes(c)) : [...spec.columns];
    ctx.stdout.write(render(rows, columns, format, new Set(Object.keys(spec.money)), ctx.stdout.isTTY));
    return 0;
  } finally {
    ledger.close();
  }
}

function withMoney(row: ReportRow, money: Record<string, string>): ReportRow {
  const out: ReportRow = { ...row };
  for (const [column, source] of Object.entries(money)) {
    const value = row[source];
    out[column] = typeof value === 'number' ? formatMinor(value) : null;
  }
  return out;
}
