/**
 * The INSERT ... SELECT statements that fill a ledger with a year of history, in the order
 * they run. They read the plan (temp.plan: one row per payment; temp.seq: 1..500;
 * temp.cases: one row per bucket; temp.reasons) or tables filled before them.
 * Parameters: @company, @exceptionFrom, @exceptionStep, @exceptions, @unexportedFromDay,
 * @reviewFrom, @openInvoices, @lines, @latestSnapshot, @failedDocuments.
 */
import { amountOf, bucketOf, keptOf, memoAmountOf, money, reasonOf as reasonOfAmong } from './history-sql.js';

const WEEK = '(p.day / 7 + 1)';
const JOURNAL = `CASE WHEN p.day < @unexportedFromDay THEN ${WEEK} END`;
const LINE = '(p.first_line + s.k - 1)';
const REFERENCE = (id: string): string => `CASE c.reference WHEN 'memo' THEN 'DED' || (30000000 + ${id}) WHEN 'digits' THEN CAST(20000000 + ${id} AS TEXT)
  WHEN 'po' THEN '45' || (10000000 + ${id}) ELSE 'INV-' || (20000000 + ${id}) END`;
const MEMO = "c.reference = 'memo'";

/** The statements for these payers (codes) and this many reasons (temp.reasons rows). */
export function historyStatements(payers: readonly string[], reasons: number): ReadonlyArray<[string, string]> {
  const reasonOf = (id: string): string => reasonOfAmong(id, reasons);
  const payerByIndex = (expression: string): string => `CASE ${expression} ${payers.map((code, i) => `WHEN ${i} THEN '${code}'`).join(' ')} END`;
  return [
  ['journals', `INSERT INTO journals (id, company, created_at, format, file, line_count, debit_minor, credit_minor, last_snapshot_id)
    SELECT ${WEEK}, @company, MAX(p.payment_date) || 'T18:00:00.000Z', 'generic', 'exports/journal-' || ${WEEK} || '.csv', 0, 0, 0, ${WEEK}
    FROM temp.plan p WHERE p.day < @unexportedFromDay GROUP BY ${WEEK}`],
  ['invoice snapshots', `INSERT INTO invoice_snapshots (id, company, source_name, sha256, imported_at, row_count)
    SELECT ${WEEK}, @company, 'aging-' || ${WEEK} || '.csv', printf('%064d', ${WEEK}), MIN(p.payment_date) || 'T05:00:00.000Z', SUM(p.line_count)
    FROM temp.plan p GROUP BY ${WEEK}
    UNION ALL SELECT @latestSnapshot, @company, 'aging-latest.csv', printf('%064d', @latestSnapshot), MAX(payment_date) || 'T05:00:00.000Z', @openInvoices FROM temp.plan`],
  ['batches', `INSERT INTO batches (id, company, kind, started_at, finished_at)
    SELECT p.day + 1, @company, 'import', MIN(p.payment_date) || 'T06:00:00.000Z', MIN(p.payment_date) || 'T06:05:00.000Z' FROM temp.plan p GROUP BY p.day`],
  ['documents', `INSERT INTO documents (id, sha256, original_name, source, format, status, diagnostics, size_bytes, inbox_path, company, payer, batch_id,
      received_at, remittance_count)
    SELECT p.id, printf('%064x', p.id), 'remittance-' || p.id || '.csv', 'import', 'csv', 'imported', '[]', p.line_count * 120,
      'inbox/' || printf('%064x', p.id) || '.csv', @company, p.payer, p.day + 1, p.payment_date || 'T06:01:00.000Z', 1
    FROM temp.plan p
    UNION ALL
    SELECT (SELECT MAX(id) FROM temp.plan) + n.k, printf('%064x', 1000000000 + n.k), 'unreadable-' || n.k || '.pdf', 'import', NULL, 'failed',
      '[]', 2048, 'inbox/failed-' || n.k || '.pdf', @company, NULL, NULL, '2026-10-30T06:00:00.000Z', 0
    FROM temp.seq n WHERE n.k <= @failedDocuments`],
  ['remittance lines', `INSERT INTO remittance_lines (id, remittance_id, line_no, reference, reference_kind, invoice_date, description, gross_minor,
      discount_minor, paid_minor, status, unapplied_minor, note)
    SELECT ${LINE}, p.id, s.k, ${REFERENCE(LINE)}, CASE WHEN ${MEMO} THEN 'other' ELSE 'invoice' END,
      CASE WHEN ${MEMO} THEN NULL ELSE p.invoice_date END, CASE WHEN ${MEMO} THEN r.raw ELSE 'Invoice' END,
      CASE WHEN ${MEMO} THEN -${memoAmountOf(LINE)} ELSE ${amountOf(LINE)} END,
      CASE WHEN c.discount THEN ${amountOf(LINE)} / 50 ELSE 0 END,
      CASE WHEN ${MEMO} THEN -${memoAmountOf(LINE)} WHEN c.discount THEN ${amountOf(LINE)} - ${amountOf(LINE)} / 50
        WHEN c.short_pay THEN ${amountOf(LINE)} - ${keptOf(LINE)} ELSE ${amountOf(LINE)} END,
      CASE WHEN ${MEMO} THEN 'deduction' ELSE 'applied' END, 0,
      CASE WHEN ${MEMO} THEN 'payer deduction ' || ${money(memoAmountOf(LINE))} || ' (' || r.code || ') with no invoice of ours: recorded for follow-up'
        WHEN c.kind = 'manual' THEN 'applied by a person to INV-' || (20000000 + ${LINE})
        ELSE 'reference "' || ${REFERENCE(LINE)} || '" is invoice INV-' || (20000000 + ${LINE}) || '; closes it' END
    FROM temp.plan p JOIN temp.seq s ON s.k <= p.line_count
    JOIN temp.cases c ON c.bucket = ${bucketOf(LINE)} JOIN temp.reasons r ON r.id = ${reasonOf(LINE)}`],
  // What still waits for a person: recent invoice lines, every @exceptionStep-th from @exceptionFrom.
  ['lines for a person', `WITH RECURSIVE e(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM e WHERE n + 1 < @exceptions)
    UPDATE remittance_lines SET status = CASE (id - @exceptionFrom) / @exceptionStep % 2 WHEN 0 THEN 'review' ELSE 'unapplied' END,
      unapplied_minor = paid_minor,
      note = CASE (id - @exceptionFrom) / @exceptionStep % 2 WHEN 0 THEN 'reference "' || reference || '" is close to 3 invoices of this payer; left for review'
        ELSE 'no open invoice matches reference "' || reference || '": left unapplied' END
    WHERE id IN (SELECT @exceptionFrom + n * @exceptionStep FROM e) AND reference_kind = 'invoice'`],
  ['remittances', `INSERT INTO remittances (id, document_id, batch_id, company, payer, payer_name, payment_ref, payment_date, currency, total_minor,
      stated_total_minor, method, needs_review, review_reason, matched_at, journal_id)
    SELECT p.id, p.id, p.day + 1, @company, p.payer, NULL, CAST(500000000 + p.id AS TEXT), p.payment_date, 'USD', t.total, NULL, 'ACH',
      CASE WHEN p.id >= @reviewFrom AND p.id % 3 = 0 THEN 1 ELSE 0 END,
      CASE WHEN p.id >= @reviewFrom AND p.id % 3 = 0 THEN 'lines add up to a different amount than the document states' END,
      p.payment_date || 'T12:00:00.000Z', ${JOURNAL}
    FROM temp.plan p JOIN (SELECT remittance_id, SUM(paid_minor) AS total FROM remittance_lines GROUP BY remittance_id) t ON t.remittance_id = p.id`],
  ['invoices', `INSERT INTO invoices (id, company, customer, customer_name, number, po, invoice_date, due_date, currency, original_minor, open_minor,
      snapshot_id, in_latest_snapshot)
    SELECT l.id, @company, p.payer, NULL, 'INV-' || (20000000 + l.id), '45' || (10000000 + l.id), p.invoice_date, p.due_date, 'USD', l.gross_minor,
      CASE WHEN l.status IN ('review', 'unapplied') THEN l.gross_minor ELSE 0 END,
      CASE WHEN l.status IN ('review', 'unapplied') THEN @latestSnapshot ELSE ${WEEK} END,
      CASE WHEN l.status IN ('review', 'unapplied') THEN 1 ELSE 0 END
    FROM remittance_lines l JOIN temp.plan p ON p.id = l.remittance_id WHERE l.reference_kind = 'invoice'`],
  ['open invoices', `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < @openInvoices)
    INSERT INTO invoices (id, company, customer, number, po, invoice_date, due_date, currency, original_minor, open_minor, snapshot_id, in_latest_snapshot)
    SELECT @lines + k, @company, ${payerByIndex(`(k % ${payers.length})`)}, 'INV-' || (20000000 + @lines + k), '45' || (10000000 + @lines + k), '2026-10-15', '2026-11-14',
      'USD', ${amountOf('@lines + k')}, ${amountOf('@lines + k')}, @latestSnapshot, 1 FROM n`],
  ['applications', `INSERT INTO applications (id, line_id, invoice_id, cash_minor, discount_minor, deduction_minor, write_off_minor, method, confidence,
      explanation, status, created_at, created_by, journal_id)
    SELECT l.id, l.id, l.id, l.paid_minor, l.discount_minor, l.gross_minor - l.discount_minor - l.paid_minor, 0, c.method, c.confidence, l.note, 'applied',
      r.matched_at, CASE c.kind WHEN 'manual' THEN 'ar.clerk' ELSE 'remit' END, r.journal_id
    FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id JOIN temp.cases c ON c.bucket = ${bucketOf('l.id')}
    WHERE l.status = 'applied'`],
  ['line adjustments', `INSERT INTO line_adjustments (line_id, amount_minor, reason_raw, reason_code)
    SELECT l.id, CASE l.status WHEN 'deduction' THEN -l.paid_minor ELSE l.gross_minor - l.discount_minor - l.paid_minor END, r.raw, r.code
    FROM remittance_lines l JOIN temp.reasons r ON r.id = ${reasonOf('l.id')}
    WHERE l.status = 'deduction' OR (l.status = 'applied' AND l.gross_minor - l.discount_minor - l.paid_minor > 0)`],
  ['deductions', `INSERT INTO deductions (line_id, invoice_id, amount_minor, reason_code, reason_raw, status, created_at, journal_id)
    SELECT a.line_id, CASE l.status WHEN 'deduction' THEN NULL ELSE l.id END, a.amount_minor, a.reason_code, a.reason_raw, 'open', r.matched_at, r.journal_id
    FROM line_adjustments a JOIN remittance_lines l ON l.id = a.line_id JOIN remittances r ON r.id = l.remittance_id`],
  ['journal totals', `UPDATE journals SET
      debit_minor = (SELECT COALESCE(SUM(total_minor), 0) FROM remittances r WHERE r.company = @company AND r.journal_id = journals.id),
      credit_minor = (SELECT COALESCE(SUM(total_minor), 0) FROM remittances r WHERE r.company = @company AND r.journal_id = journals.id),
      line_count = (SELECT SUM(p.line_count) + COUNT(*) FROM temp.plan p WHERE ${WEEK} = journals.id)`],
  ];
}
