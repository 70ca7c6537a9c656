/**
 * Mailboxes read like portals: per mailbox its cursor (UIDVALIDITY and the last UID taken),
 * the last run and a refused login (kept until the secret is replaced, so a wrong password
 * is tried once and not every night); every message seen, by mailbox and UID and by
 * Message-ID and sha256, so a message is never taken twice; and senders a person assigned
 * to a payer.
 */
export const name = '020-mail';

export const sql = `
CREATE TABLE mailbox_state (
  mailbox_id TEXT PRIMARY KEY,
  uid_validity TEXT,
  last_uid INTEGER NOT NULL DEFAULT 0,
  last_run_at TEXT,
  last_status TEXT CHECK (last_status IN ('ok', 'failed')),
  last_message TEXT,
  last_success TEXT,
  failures_since INTEGER NOT NULL DEFAULT 0,
  auth_failed_at TEXT,
  auth_message TEXT
);

CREATE TABLE mail_messages (
  id INTEGER PRIMARY KEY,
  mailbox_id TEXT NOT NULL,
  folder TEXT,
  uid_validity TEXT,
  uid INTEGER,
  message_id TEXT,
  sha256 TEXT NOT NULL,
  subject TEXT,
  sender TEXT,
  company TEXT NOT NULL,
  payer TEXT,
  payer_method TEXT,
  status TEXT NOT NULL CHECK (status IN ('imported', 'duplicate', 'skipped', 'needs-payer', 'failed')),
  reason TEXT,
  inbox_path TEXT,
  document_ids TEXT NOT NULL DEFAULT '[]',
  disposition TEXT NOT NULL DEFAULT 'left' CHECK (disposition IN ('left', 'to-move', 'to-flag', 'moved', 'flagged')),
  seen_at TEXT NOT NULL,
  UNIQUE (mailbox_id, uid_validity, uid)
);
CREATE INDEX mail_messages_by_sha ON mail_messages(sha256);
CREATE INDEX mail_messages_by_message_id ON mail_messages(message_id);
CREATE INDEX mail_messages_waiting ON mail_messages(mailbox_id, status);

CREATE TABLE mail_senders (
  sender TEXT PRIMARY KEY,
  payer TEXT NOT NULL,
  learned_by TEXT NOT NULL,
  learned_at TEXT NOT NULL
);
`;
