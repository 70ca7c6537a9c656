/** Portal runs: what each fetch did per account, and which portal rows were downloaded. */
export const name = '002-fetch';

export const sql = `
CREATE TABLE fetch_runs (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL UNIQUE,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  since TEXT NOT NULL,
  until TEXT NOT NULL,
  dry_run INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE portal_runs (
  id INTEGER PRIMARY KEY,
  fetch_run_id INTEGER NOT NULL REFERENCES fetch_runs(id),
  account_id TEXT NOT NULL,
  company TEXT NOT NULL,
  payer TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error_kind TEXT,
  message TEXT,
  rows_seen INTEGER NOT NULL DEFAULT 0,
  files INTEGER NOT NULL DEFAULT 0,
  payments INTEGER NOT NULL DEFAULT 0,
  file_errors INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 1,
  artifacts TEXT,
  finished_at TEXT NOT NULL
);
CREATE INDEX portal_runs_by_account ON portal_runs(account_id, status, finished_at);

CREATE TABLE portal_downloads (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  row_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  downloaded_at TEXT NOT NULL,
  UNIQUE (account_id, row_id)
);
`;
