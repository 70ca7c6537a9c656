/**
 * Fill a ledger with a year of history for `lines` remittance lines (see statements.ts):
 * the schema is the real one (the ledger is opened once through Ledger.open, which applies
 * the migrations), then the tables are filled set-wise in one transaction with the rollback
 * journal off, and the ledger is handed back in WAL mode as remit leaves it.
 */
import Database from 'better-sqlite3';
import { systemClock } from '../../../../core/clock.js';
import { Ledger } from '../../../../ledger/index.js';
import { SCALE_COMPANY } from '../payers.js';
import { EXCEPTION_LINES, FAILED_DOCUMENTS, REVIEW_PAYMENTS, UNEXPORTED_FROM_DAY, planHistory, type HistoryPlan } from './plan.js';
import { caseRows, reasonRows } from './cases.js';
import { STATEMENTS } from './statements.js';

export interface HistoryResult {
  lines: number;
  payments: number;
  /** Milliseconds per step. */
  ms: Record<string, number>;
  rows: Record<string, number>;
}

export interface HistoryOptions {
  company?: string;
  /** Drop the schema's own indexes for the load and build them afterwards. */
  dropIndexes?: boolean;
}

export function fillHistory(ledgerFile: string, lines: number, options: HistoryOptions = {}): HistoryResult {
  const started = performance.now();
  Ledger.open(ledgerFile, systemClock, { create: true }).close();
  const ms: Record<string, number> = {};
  const timed = <T>(step: string, fn: () => T): T => {
    const started = performance.now();
    const result = fn();
    ms[step] = performance.now() - started;
    return result;
  };
  const plan = timed('plan', () => planHistory(lines));
  const db = new Database(ledgerFile);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -4000000');
    // Lets CREATE INDEX sort with a second thread.
    db.pragma('threads = 2');
    const indexes = options.dropIndexes ? timed('drop indexes', () => dropIndexes(db)) : [];
    timed('plan tables', () => writePlan(db, plan));
    const params = parameters(plan, options.company ?? SCALE_COMPANY);
    db.transaction(() => {
      for (const [step, sql] of STATEMENTS) {
        const statement = db.prepare(sql);
        const used = Object.fromEntries(Object.entries(params).filter(([name]) => sql.includes(`@${name}`)));
        timed(step, () => statement.run(used));
      }
    })();
    if (indexes.length > 0) timed('create indexes', () => db.transaction(() => indexes.forEach((sql) => db.exec(sql)))());
    db.pragma('journal_mode = WAL');
    const rows: Record<string, number> = {};
    timed('count rows', () => {
      for (const table of ['remittances', 'remittance_lines', 'applications', 'deductions', 'invoices', 'documents', 'journals']) {
        rows[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      }
    });
    ms['total'] = performance.now() - started;
    return { lines, payments: plan.payments.length, ms, rows };
  } finally {
    db.close();
  }
}

function writePlan(db: Database.Database, plan: HistoryPlan): void {
  db.exec(`CREATE TEMP TABLE plan (id INTEGER PRIMARY KEY, first_line INTEGER NOT NULL, line_count INTEGER NOT NULL, day INTEGER NOT NULL,
    payer TEXT NOT NULL, payment_date TEXT NOT NULL, invoice_date TEXT NOT NULL, due_date TEXT NOT NULL);
    CREATE TEMP TABLE seq (k INTEGER PRIMARY KEY);
    CREATE TEMP TABLE cases (bucket INTEGER PRIMARY KEY, kind TEXT NOT NULL, reference TEXT NOT NULL, method TEXT NOT NULL, confidence REAL NOT NULL,
      discount INTEGER NOT NULL, short_pay INTEGER NOT NULL);
    CREATE TEMP TABLE reasons (id INTEGER PRIMARY KEY, raw TEXT NOT NULL, code TEXT NOT NULL);`);
  const insertCase = db.prepare('INSERT INTO temp.cases VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertReason = db.prepare('INSERT INTO temp.reasons VALUES (?, ?, ?)');
  const insertPlan = db.prepare('INSERT INTO temp.plan VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertSeq = db.prepare('INSERT INTO temp.seq VALUES (?)');
  db.transaction(() => {
    for (const p of plan.payments) insertPlan.run(p.id, p.firstLine, p.lineCount, p.day, p.payer, p.paymentDate, p.invoiceDate, p.dueDate);
    for (let k = 1; k <= 500; k += 1) insertSeq.run(k);
    for (const row of caseRows()) insertCase.run(...row);
    for (const row of reasonRows()) insertReason.run(...row);
  })();
}

function parameters(plan: HistoryPlan, company: string): Record<string, string | number> {
  const payments = plan.payments.length;
  return {
    company,
    lines: plan.lines,
    exceptionFrom: plan.exceptionFrom,
    exceptionStep: plan.exceptionStep,
    exceptions: EXCEPTION_LINES,
    unexportedFromDay: UNEXPORTED_FROM_DAY,
    reviewFrom: Math.max(1, payments - REVIEW_PAYMENTS * 3 + 1),
    openInvoices: Math.max(1, Math.floor(plan.lines / 10)),
    latestSnapshot: 1_000,
    failedDocuments: FAILED_DOCUMENTS,
  };
}

/** The schema's own indexes (not the ones behind UNIQUE), dropped; returns their CREATE statements. */
function dropIndexes(db: Database.Database): string[] {
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  return indexes.map((index) => index.sql);
}
