/**
 * Fill a ledger with a year of history (see history-statements.ts): the schema is the real
 * one (the ledger is opened once, which applies the migrations), then the tables are filled
 * set-wise in one transaction with the rollback journal off, and the ledger is handed back
 * in WAL mode as remit leaves it. For the bench only: no command of remit calls it.
 */
import Database from 'better-sqlite3';
import { systemClock } from '../../../core/clock.js';
import { recordHistory } from '../open-checks.js';
import { SqliteLedger } from '../sqlite-ledger.js';
import { historyStatements } from './history-statements.js';

/** The planned history: one row per payment, and the data rows of its cases and reasons. */
export interface HistorySeed {
  company: string;
  lines: number;
  payments: ReadonlyArray<{ id: number; firstLine: number; lineCount: number; day: number; payer: string; paymentDate: string; invoiceDate: string; dueDate: string }>;
  /** One row per bucket 0-99: [bucket, kind, reference, method, confidence, discount, short pay]. */
  cases: ReadonlyArray<readonly [number, string, string, string, number, number, number]>;
  /** [index, raw, code]. */
  reasons: ReadonlyArray<readonly [number, string, string]>;
  /** Every payer code, in the order payers are picked by index. */
  payers: readonly string[];
  exceptionFrom: number;
  exceptionStep: number;
  exceptions: number;
  unexportedFromDay: number;
  reviewPayments: number;
  failedDocuments: number;
}

export interface HistoryResult {
  lines: number;
  payments: number;
  /** Milliseconds per step. */
  ms: Record<string, number>;
  rows: Record<string, number>;
}

export async function seedHistory(ledgerFile: string, seed: HistorySeed, options: { dropIndexes?: boolean } = {}): Promise<HistoryResult> {
  const started = performance.now();
  SqliteLedger.open(ledgerFile, systemClock, { create: true }).closeNow();
  const ms: Record<string, number> = {};
  const timed = <T>(step: string, fn: () => T): T => {
    const begun = performance.now();
    const result = fn();
    ms[step] = performance.now() - begun;
    return result;
  };
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
    timed('plan tables', () => writePlan(db, seed));
    const params = parameters(seed);
    db.transaction(() => {
      for (const [step, sql] of historyStatements(seed.payers, seed.reasons.length)) {
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
    return { lines: seed.lines, payments: seed.payments.length, ms, rows };
  } finally {
    db.close();
    // Written by remit itself: the next open need not check it through.
    recordHistory(ledgerFile, new Date().toISOString(), true);
  }
}

function writePlan(db: Database.Database, seed: HistorySeed): void {
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
    for (const p of seed.payments) insertPlan.run(p.id, p.firstLine, p.lineCount, p.day, p.payer, p.paymentDate, p.invoiceDate, p.dueDate);
    for (let k = 1; k <= 500; k += 1) insertSeq.run(k);
    for (const row of seed.cases) insertCase.run(...row);
    for (const row of seed.reasons) insertReason.run(...row);
  })();
}

function parameters(seed: HistorySeed): Record<string, string | number> {
  const payments = seed.payments.length;
  return {
    company: seed.company,
    lines: seed.lines,
    exceptionFrom: seed.exceptionFrom,
    exceptionStep: seed.exceptionStep,
    exceptions: seed.exceptions,
    unexportedFromDay: seed.unexportedFromDay,
    reviewFrom: Math.max(1, payments - seed.reviewPayments * 3 + 1),
    openInvoices: Math.max(1, Math.floor(seed.lines / 10)),
    latestSnapshot: 1_000,
    failedDocuments: seed.failedDocuments,
  };
}

/** The schema's own indexes (not the ones behind UNIQUE), dropped; returns their CREATE statements. */
function dropIndexes(db: Database.Database): string[] {
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  return indexes.map((index) => index.sql);
}
