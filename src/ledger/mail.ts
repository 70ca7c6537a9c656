/**
 * The mail part of the ledger: per mailbox its cursor, last run and a refused login; every
 * message seen with what became of it; the senders a person assigned to a payer. Records
 * only; what a status means is the pipeline's.
 */

/** What became of one message. */
export type MailMessageStatus = 'imported' | 'duplicate' | 'skipped' | 'needs-payer' | 'failed';

/**
 * What remit did (or must still do) to the message in its folder: `to-move` / `to-flag` are
 * recorded before the server is asked, so a crash between the two is finished by the next fetch.
 */
export type MailDisposition = 'left' | 'to-move' | 'to-flag' | 'moved' | 'flagged';

export interface MailboxState {
  mailboxId: string;
  uidValidity: string | null;
  lastUid: number;
  lastRunAt: string | null;
  lastStatus: 'ok' | 'failed' | null;
  lastMessage: string | null;
  lastSuccess: string | null;
  failuresSince: number;
  /** Set when the server refused the login; cleared when the secret is replaced. */
  authFailedAt: string | null;
  authMessage: string | null;
}

export interface MailMessageRecord {
  id: number;
  /** The mailbox id from remit.yaml; `import` for a message file given to `remit import`. */
  mailboxId: string;
  folder: string | null;
  uidValidity: string | null;
  uid: number | null;
  messageId: string | null;
  sha256: string;
  subject: string | null;
  sender: string | null;
  company: string;
  payer: string | null;
  payerMethod: string | null;
  status: MailMessageStatus;
  reason: string | null;
  inboxPath: string | null;
  documentIds: number[];
  disposition: MailDisposition;
  seenAt: string;
}

export type NewMailMessage = Omit<MailMessageRecord, 'id' | 'seenAt'>;

export interface MailStore {
  state(mailboxId: string): Promise<MailboxState | undefined>;
  states(): Promise<MailboxState[]>;
  /** Move the cursor forward (never back within one UIDVALIDITY; a new UIDVALIDITY starts again). */
  advanceCursor(mailboxId: string, uidValidity: string, lastUid: number): Promise<void>;
  /** The end of one mailbox's fetch; a refused login is remembered (`authFailed`) until cleared. */
  recordRun(mailboxId: string, outcome: { status: 'ok' | 'failed'; message: string | null; authFailed?: boolean }): Promise<void>;
  /** The secret was replaced: the mailbox may be tried again. False when nothing was blocked. */
  clearAuthFailure(mailboxId: string): Promise<boolean>;
  /** A message taken before (imported, a duplicate or skipped), by sha256 or Message-ID, in any mailbox. */
  taken(sha256: string, messageId: string | undefined): Promise<MailMessageRecord | undefined>;
  /** Insert a message, or replace the record of the same mailbox, UIDVALIDITY and UID (or the same import file); returns its id. */
  recordMessage(message: NewMailMessage): Promise<number>;
  setDisposition(id: number, disposition: MailDisposition): Promise<void>;
  /** Messages whose move or flag was recorded but not confirmed. */
  unfinishedDispositions(mailboxId: string): Promise<MailMessageRecord[]>;
  /** Messages that failed or wait for a person (all mailboxes, or one). */
  waiting(mailboxId?: string): Promise<MailMessageRecord[]>;
  /** Senders (address or @domain, lower case) a person assigned, with their payer. */
  learnedSenders(): Promise<Record<string, string>>;
  learnSender(sender: string, payer: string, user: string): Promise<void>;
}
