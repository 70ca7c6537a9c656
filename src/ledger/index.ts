/**
 * The ledger: the only module that speaks SQL, reached through the `Ledger` interface
 * (ledger.ts) with typed records (records.ts). `openLedger` is how the pipeline's callers
 * (the CLI, the developer tools) get one; the SQLite backend lives in sqlite/.
 */
import type { Clock } from '../core/clock.js';
import type { Ledger } from './ledger.js';
import { SqliteLedger } from './sqlite/sqlite-ledger.js';

export type * from './ledger.js';
export type * from './records.js';
export type * from './bank-records.js';
export type * from './mail.js';

/** Open the workspace's ledger; `create` makes a new one (remit init). */
export async function openLedger(file: string, clock: Clock, options: { create?: boolean } = {}): Promise<Ledger> {
  return SqliteLedger.open(file, clock, options);
}

/** For the bench: a year of synthetic history written into a ledger file (sqlite/seed). */
export { seedHistory, type HistorySeed, type HistoryResult } from './sqlite/seed/history-fill.js';
