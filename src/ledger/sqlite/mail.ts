/** Mailbox cursors, messages seen and learned senders (migration 020). */
import type { MailboxState, MailDisposition, MailMessageRecord, MailStore, NewMailMessage } from '../mail.js';
import type { Scope } from './connection.js';

const STATE = `SELECT mailbox_id AS mailboxId, uid_validity AS uidValidity, last_uid AS lastUid, last_run_at AS lastRunAt, last_status AS lastStatus,
  last_message AS lastMessage, last_success AS lastSuccess, failures_since AS failuresSince, auth_failed_at AS authFailedAt, auth_message AS authMessage
  FROM mailbox_state`;

const MESSAGE = `SELECT id, mailbox_id AS mailboxId, folder, uid_validity AS uidValidity, uid, message_id AS messageId, sha256, subject, sender, company,
  payer, payer_method AS payerMethod, status, reason, inbox_path AS inboxPath, document_ids AS documentIds, disposition, seen_at AS seenAt
  FROM mail_messages`;

type MessageRow = Omit<MailMessageRecord, 'documentIds'> & { documentIds: string };

const row = (r: MessageRow): MailMessageRecord => ({ ...r, documentIds: JSON.parse(r.documentIds) as number[] });

export class SqliteMail implements MailStore {
  constructor(private readonly s: Scope) {}

  async state(mailboxId: string): Promise<MailboxState | undefined> {
    await this.s.ready();
    return this.s.conn.statement(`${STATE} WHERE mailbox_id = ?`).get(mailboxId) as MailboxState | undefined;
  }

  async states(): Promise<MailboxState[]> {
    await this.s.ready();
    return this.s.conn.statement(`${STATE} ORDER BY mailbox_id`).all() as MailboxState[];
  }

  async advanceCursor(mailboxId: string, uidValidity: string, lastUid: number): Promise<void> {
    await this.s.ready();
    this.ensure(mailboxId);
    this.s.conn
      .statement(
        `UPDATE mailbox_state SET last_uid = CASE WHEN uid_validity IS ? THEN MAX(last_uid, ?) ELSE ? END, uid_validity = ? WHERE mailbox_id = ?`,
      )
      .run(uidValidity, lastUid, lastUid, uidValidity, mailboxId);
  }

  async recordRun(mailboxId: string, outcome: { status: 'ok' | 'failed'; message: string | null; authFailed?: boolean }): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    this.ensure(mailboxId);
    const now = conn.now();
    conn
      .statement(
        `UPDATE mailbox_state SET last_run_at = ?, last_status = ?, last_message = ?,
           last_success = CASE WHEN ? = 'ok' THEN ? ELSE last_success END,
           failures_since = CASE WHEN ? = 'ok' THEN 0 ELSE failures_since + 1 END,
           auth_failed_at = CASE WHEN ? THEN ? ELSE auth_failed_at END,
           auth_message = CASE WHEN ? THEN ? ELSE auth_message END
         WHERE mailbox_id = ?`,
      )
      .run(now, outcome.status, outcome.message, outcome.status, now, outcome.status, outcome.authFailed ? 1 : 0, now, outcome.authFailed ? 1 : 0, outcome.message, mailboxId);
  }

  async clearAuthFailure(mailboxId: string): Promise<boolean> {
    await this.s.ready();
    return this.s.conn.statement('UPDATE mailbox_state SET auth_failed_at = NULL, auth_message = NULL WHERE mailbox_id = ? AND auth_failed_at IS NOT NULL').run(mailboxId).changes > 0;
  }

  async taken(sha256: string, messageId: string | undefined): Promise<MailMessageRecord | undefined> {
    await this.s.ready();
    const found = this.s.conn
      .statement(`${MESSAGE} WHERE (sha256 = ? OR (? IS NOT NULL AND message_id = ?)) AND status IN ('imported', 'duplicate', 'skipped') ORDER BY id LIMIT 1`)
      .get(sha256, messageId ?? null, messageId ?? null) as MessageRow | undefined;
    return found ? row(found) : undefined;
  }

  async recordMessage(m: NewMailMessage): Promise<number> {
    await this.s.ready();
    const { conn } = this.s;
    // A message of a mailbox is one UID; a message file given to remit import is its content.
    const existing = (m.uid !== null
      ? conn.statement('SELECT id FROM mail_messages WHERE mailbox_id = ? AND uid_validity IS ? AND uid = ?').pluck().get(m.mailboxId, m.uidValidity, m.uid)
      : conn.statement('SELECT id FROM mail_messages WHERE mailbox_id = ? AND uid IS NULL AND sha256 = ?').pluck().get(m.mailboxId, m.sha256)) as number | undefined;
    const values = [m.mailboxId, m.folder, m.uidValidity, m.uid, m.messageId, m.sha256, m.subject, m.sender, m.company, m.payer, m.payerMethod,
      m.status, m.reason, m.inboxPath, JSON.stringify(m.documentIds), m.disposition, conn.now()];
    if (existing !== undefined) {
      conn
        .statement(
          `UPDATE mail_messages SET mailbox_id = ?, folder = ?, uid_validity = ?, uid = ?, message_id = ?, sha256 = ?, subject = ?, sender = ?, company = ?,
             payer = ?, payer_method = ?, status = ?, reason = ?, inbox_path = ?, document_ids = ?, disposition = ?, seen_at = ? WHERE id = ?`,
        )
        .run(...values, existing);
      return existing;
    }
    return Number(
      conn
        .statement(
          `INSERT INTO mail_messages (mailbox_id, folder, uid_validity, uid, message_id, sha256, subject, sender, company, payer, payer_method,
             status, reason, inbox_path, document_ids, disposition, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...values).lastInsertRowid,
    );
  }

  async setDisposition(id: number, disposition: MailDisposition): Promise<void> {
    await this.s.ready();
    this.s.conn.statement('UPDATE mail_messages SET disposition = ? WHERE id = ?').run(disposition, id);
  }

  async unfinishedDispositions(mailboxId: string): Promise<MailMessageRecord[]> {
    await this.s.ready();
    return (this.s.conn.statement(`${MESSAGE} WHERE mailbox_id = ? AND disposition IN ('to-move', 'to-flag') ORDER BY id`).all(mailboxId) as MessageRow[]).map(row);
  }

  async waiting(mailboxId?: string): Promise<MailMessageRecord[]> {
    await this.s.ready();
    return (this.s.conn
      .statement(`${MESSAGE} WHERE status IN ('failed', 'needs-payer') AND (? IS NULL OR mailbox_id = ?) ORDER BY id`)
      .all(mailboxId ?? null, mailboxId ?? null) as MessageRow[]).map(row);
  }

  async learnedSenders(): Promise<Record<string, string>> {
    await this.s.ready();
    const rows = this.s.conn.statement('SELECT sender, payer FROM mail_senders ORDER BY sender').all() as Array<{ sender: string; payer: string }>;
    return Object.fromEntries(rows.map((r) => [r.sender, r.payer]));
  }

  async learnSender(sender: string, payer: string, user: string): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    conn
      .statement(`INSERT INTO mail_senders (sender, payer, learned_by, learned_at) VALUES (?, ?, ?, ?)
                  ON CONFLICT (sender) DO UPDATE SET payer = excluded.payer, learned_by = excluded.learned_by, learned_at = excluded.learned_at`)
      .run(sender.toLowerCase(), payer, user, conn.now());
  }

  private ensure(mailboxId: string): void {
    this.s.conn.statement('INSERT OR IGNORE INTO mailbox_state (mailbox_id) VALUES (?)').run(mailboxId);
  }
}
