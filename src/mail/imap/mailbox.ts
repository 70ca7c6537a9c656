/**
 * One IMAP session (RFC 9051 / RFC 3501) through imapflow: log in once with a password
 * (AUTHENTICATE PLAIN / LOGIN) or an OAuth2 access token (XOAUTH2 / OAUTHBEARER), select the
 * folder to read, list what arrived after a saved cursor, fetch a message's bytes, and move
 * or flag what was taken. A login is attempted once per session: no retry here, ever.
 *
 * The cursor is (UIDVALIDITY, last UID) as RFC 9051 section 2.3.1.1 defines them: UIDs only
 * grow while UIDVALIDITY stays the same, so "UID > last" is exactly what is new. A changed
 * UIDVALIDITY means the server renumbered the folder: everything is listed again and the
 * caller's Message-ID / sha256 check keeps a message from being imported twice.
 */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { ConnectionOptions } from 'node:tls';
import { MailboxError, mailboxErrorFrom } from './errors.js';

export interface MailboxSettings {
  host: string;
  port: number;
  /** 'implicit': TLS from the first byte (993); 'starttls': plain then STARTTLS, required (143); 'none': loopback tests only. */
  tls: 'implicit' | 'starttls' | 'none';
  user: string;
  /** Extra TLS options: a private CA, the name to check the certificate against. */
  tlsOptions?: Pick<ConnectionOptions, 'ca' | 'servername' | 'minVersion' | 'rejectUnauthorized'>;
  timeouts?: { connectMs?: number; greetingMs?: number; socketMs?: number };
}

export type MailboxCredential = { kind: 'password'; password: string } | { kind: 'oauth2'; accessToken: string };

export interface MailCursor {
  /** UIDVALIDITY as decimal text (it is a 32-bit unsigned number; kept as text to store as it is). */
  uidValidity: string;
  lastUid: number;
}

export interface NewMessage {
  uid: number;
  /** RFC822.SIZE: known before the bytes are fetched, so an oversized message is refused unread. */
  size: number;
  /** INTERNALDATE as ISO 8601. */
  receivedAt: string | undefined;
  messageId: string | undefined;
  flags: string[];
}

export interface NewMessages {
  folder: string;
  uidValidity: string;
  /** True when the saved cursor's UIDVALIDITY is not the folder's: every message is listed. */
  renumbered: boolean;
  /** In UID order. */
  messages: NewMessage[];
}

/** Connect and log in. Throws MailboxError (kind 'auth' for a refused login: do not retry). */
export async function openMailbox(settings: MailboxSettings, credential: MailboxCredential): Promise<Mailbox> {
  const where = `${settings.host}:${settings.port}`;
  const secret = credential.kind === 'password' ? credential.password : credential.accessToken;
  const options: ImapFlowOptions = {
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'implicit',
    doSTARTTLS: settings.tls === 'starttls' ? true : settings.tls === 'none' ? false : undefined,
    auth: credential.kind === 'password' ? { user: settings.user, pass: credential.password } : { user: settings.user, accessToken: credential.accessToken },
    logger: false,
    disableAutoIdle: true,
    ...(settings.tlsOptions ? { tls: { ...settings.tlsOptions } } : {}),
    connectionTimeout: settings.timeouts?.connectMs ?? 30_000,
    greetingTimeout: settings.timeouts?.greetingMs ?? 16_000,
    socketTimeout: settings.timeouts?.socketMs ?? 120_000,
  } as ImapFlowOptions;
  const client = new ImapFlow(options);
  // imapflow also reports socket trouble as an 'error' event; unheard, Node would exit.
  let lastError: unknown;
  client.on('error', (err: unknown) => (lastError = err));
  try {
    await client.connect();
  } catch (err) {
    client.close();
    throw mailboxErrorFrom(err ?? lastError, where, [secret]);
  }
  return new Mailbox(client, where, secret);
}

export class Mailbox {
  private selected: string | undefined;

  constructor(
    private readonly client: ImapFlow,
    private readonly where: string,
    private readonly secret: string,
  ) {}

  /** The server's capabilities (MOVE, UIDPLUS, ...), upper case. */
  get capabilities(): string[] {
    return [...this.client.capabilities.keys()].map((name) => name.toUpperCase());
  }

  /**
   * Messages with a UID above the cursor's (all of them without a cursor, or after
   * renumbering); `since` (an ISO date) keeps only those the server received on or after
   * that day (SEARCH SINCE, by INTERNALDATE), for a first run or `--since`.
   */
  async listNew(folder: string, cursor: MailCursor | undefined, options: { since?: string } = {}): Promise<NewMessages> {
    const box = await this.select(folder);
    const uidValidity = box.uidValidity.toString();
    const renumbered = cursor !== undefined && cursor.uidValidity !== uidValidity;
    const after = cursor && !renumbered ? cursor.lastUid : 0;
    const messages: NewMessage[] = [];
    let range = `${after + 1}:*`;
    if (options.since !== undefined && box.exists > 0) {
      const since = options.since;
      const found = await this.guard(async () => this.client.search({ since: new Date(`${since}T00:00:00Z`) }, { uid: true }));
      const uids = (found || []).filter((uid) => uid > after);
      range = uidSet(uids);
    }
    if (range !== '' && box.exists > 0 && box.uidNext > after + 1) {
      // "n:*" always includes the last message even when its UID is below n (RFC 9051 6.4.8): filtered below.
      await this.guard(async () => {
        for await (const message of this.client.fetch(range, { uid: true, size: true, flags: true, internalDate: true, envelope: true }, { uid: true })) {
          if (message.uid <= after) continue;
          messages.push({
            uid: message.uid,
            size: message.size ?? 0,
            receivedAt: message.internalDate ? new Date(message.internalDate).toISOString() : undefined,
            messageId: message.envelope?.messageId?.replace(/^<|>$/g, '') || undefined,
            flags: [...(message.flags ?? [])],
          });
        }
      });
    }
    messages.sort((a, b) => a.uid - b.uid);
    return { folder, uidValidity, renumbered, messages };
  }

  /** The message's bytes exactly as the server holds them. */
  async fetchRaw(folder: string, uid: number, maxBytes: number): Promise<Uint8Array> {
    await this.select(folder);
    return this.guard(async () => {
      const message = await this.client.fetchOne(String(uid), { uid: true, size: true, source: true }, { uid: true });
      if (!message || !message.source) throw new MailboxError('folder', `${this.where}: message UID ${uid} is no longer in ${folder}`);
      if (message.source.length > maxBytes) throw new MailboxError('protocol', `${this.where}: message UID ${uid} is larger than limits.max_message_mb`);
      return new Uint8Array(message.source);
    });
  }

  /**
   * Move a message to `target` (created when missing): MOVE (RFC 6851) where the server has
   * it, else COPY, flag \Deleted and UID EXPUNGE (UIDPLUS) or EXPUNGE.
   */
  async move(folder: string, uid: number, target: string): Promise<{ method: 'MOVE' | 'COPY+EXPUNGE' }> {
    await this.ensureFolder(target);
    await this.select(folder);
    const method = this.capabilities.includes('MOVE') ? 'MOVE' : 'COPY+EXPUNGE';
    await this.guard(async () => {
      const moved = await this.client.messageMove(String(uid), target, { uid: true });
      if (!moved) throw new MailboxError('folder', `${this.where}: message UID ${uid} could not be moved to ${target}`);
    });
    return { method };
  }

  /** Add flags (e.g. \Seen, $RemitImported) to a message, for mailboxes where moving is not wanted. */
  async flag(folder: string, uid: number, flags: string[]): Promise<void> {
    await this.select(folder);
    await this.guard(async () => {
      const done = await this.client.messageFlagsAdd(String(uid), flags, { uid: true });
      if (!done) throw new MailboxError('folder', `${this.where}: could not flag message UID ${uid} in ${folder}`);
    });
  }

  /** Creates the folder unless the server lists it already. */
  async ensureFolder(path: string): Promise<void> {
    await this.guard(async () => {
      const folders = await this.client.list();
      if (folders.some((box) => box.path === path)) return;
      await this.client.mailboxCreate(path);
    });
  }

  async close(): Promise<void> {
    try {
      await this.client.logout();
    } catch {
      this.client.close();
    }
  }

  private async select(folder: string) {
    return this.guard(async () => {
      if (this.selected === folder && this.client.mailbox) return this.client.mailbox;
      try {
        const box = await this.client.mailboxOpen(folder);
        this.selected = folder;
        return box;
      } catch (err) {
        const facts = err as { responseStatus?: string; code?: string };
        if (facts.responseStatus === 'NO') throw new MailboxError('folder', `${this.where}: folder "${folder}" cannot be opened`, 'check the mailbox folder name');
        throw err;
      }
    });
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw mailboxErrorFrom(err, this.where, [this.secret]);
    }
  }
}

/** UIDs as an IMAP sequence set of ranges ("3:7,9,12:20"), so a long list stays a short command. */
export function uidSet(uids: number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const pieces: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    pieces.push(i === j ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return pieces.join(',');
}
