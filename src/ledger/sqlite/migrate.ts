/**
 * Numbered migrations, applied in one transaction when the ledger opens. The ledger must
 * have applied a prefix of the migrations this code knows: a ledger written by a newer
 * remit (or a different branch) is refused rather than guessed at.
 */
import type Database from 'better-sqlite3';
import { RemitError, ExitCode } from '../../core/errors.js';
import * as m001 from './migrations/001-initial.js';
import * as m002 from './migrations/002-fetch.js';
import * as m003 from './migrations/003-matching.js';
import * as m004 from './migrations/004-review.js';
import * as m005 from './migrations/005-indexes.js';
import * as m006 from './migrations/006-year-of-data.js';
import * as m007 from './migrations/007-deductions-by-invoice.js';
import * as m008 from './migrations/008-decision-indexes.js';
import * as m009 from './migrations/009-payer-date-orders.js';
import * as m016 from './migrations/016-document-dismissals.js';
import * as m018 from './migrations/018-journal-files.js';
import * as m019 from './migrations/019-bank.js';
import * as m020 from './migrations/020-mail.js';
import * as m021 from './migrations/021-portal-holds.js';
import * as m022 from './migrations/022-nightly-indexes.js';
import * as m023 from './migrations/023-held-lines.js';
import * as m024 from './migrations/024-bank-postings.js';

export const MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m016, m018, m019, m020, m021, m022, m023, m024];

export function migrate(db: Database.Database, file: string, at: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (seq INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = db.prepare('SELECT seq, name FROM schema_migrations ORDER BY seq').all() as Array<{ seq: number; name: string }>;
  applied.forEach((row, index) => {
    const known = MIGRATIONS[index];
    if (!known || known.name !== row.name) {
      throw new RemitError(
        'ledger-newer',
        `${file} has migration ${row.name}, which this remit does not know`,
        { exitCode: ExitCode.usage, hint: 'the ledger was written by a newer remit: upgrade remit before using this workspace' },
      );
    }
  });
  const pending = MIGRATIONS.slice(applied.length);
  if (pending.length === 0) return;
  const insert = db.prepare('INSERT INTO schema_migrations (seq, name, applied_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    pending.forEach((migration, index) => {
      db.exec(migration.sql);
      insert.run(applied.length + index + 1, migration.name, at);
    });
  })();
}
