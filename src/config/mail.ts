/**
 * The `mail:` section of remit.yaml: the mailboxes remit reads (one company each), where
 * taken messages go, and how it logs in. Nothing secret: the password or OAuth2 refresh
 * token is in the keychain under the mailbox id (`remit mail add`, `remit mail password`).
 *
 *     mail:
 *       mailboxes:
 *         - id: ar-inbox
 *           company: NWF
 *           host: outlook.office365.com
 *           port: 993                # default 993 (implicit TLS), 143 for starttls
 *           tls: implicit            # implicit | starttls | none (127.0.0.1 only)
 *           user: ar@northwind.example
 *           folder: INBOX
 *           processed_folder: Remit/Processed   # leave out to flag taken messages instead
 *           auth: oauth2             # password (default) | oauth2
 *           oauth: { provider: microsoft, client_id: 0c1e..., tenant: organizations }
 */
import { Checker, isMapping, type PathSegment } from '../core/validation.js';
import type { Company, Mailbox, MailSettings } from './schema.js';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const SECRETISH = ['password', 'pass', 'token', 'refresh_token', 'access_token', 'client_secret', 'secret'];
export const MAILBOX_KEYS = ['id', 'company', 'host', 'port', 'tls', 'user', 'folder', 'processed_folder', 'auth', 'oauth', 'ca_file'] as const;

export function parseMail(c: Checker, raw: unknown, companies: Record<string, Company>): MailSettings {
  const section = c.mapping(raw, ['mail'], ['mailboxes']) ?? {};
  const list = c.list(section['mailboxes'], ['mail', 'mailboxes']) ?? [];
  const seen = new Set<string>();
  const mailboxes: Mailbox[] = [];
  list.forEach((value, index) => {
    const at: PathSegment[] = ['mail', 'mailboxes', index];
    if (isMapping(value)) {
      for (const key of SECRETISH) if (key in value) c.add([...at, key], 'secrets never go in remit.yaml: use `remit mail add` or `remit mail password` to store them in the keychain');
    }
    const entry = c.mapping(isMapping(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => !SECRETISH.includes(k))) : value, at, MAILBOX_KEYS, {
      shape: '(id, company, host, user)',
      required: true,
    });
    if (!entry) return;
    const field = (key: string): string => c.text(entry[key], [...at, key], { required: true }) ?? '';
    const id = field('id');
    const host = field('host');
    const tls = c.oneOf(entry['tls'] ?? 'implicit', [...at, 'tls'], ['implicit', 'starttls', 'none'] as const) ?? 'implicit';
    const auth = c.oneOf(entry['auth'] ?? 'password', [...at, 'auth'], ['password', 'oauth2'] as const) ?? 'password';
    const port = c.number(entry['port'] ?? (tls === 'implicit' ? 993 : 143), [...at, 'port'], { min: 1, max: 65535, integer: true }) ?? 993;
    const processedFolder = c.text(entry['processed_folder'], [...at, 'processed_folder']);
    const caFile = c.text(entry['ca_file'], [...at, 'ca_file']);
    const company = field('company');
    if (id && !CODE.test(id)) c.add([...at, 'id'], 'a mailbox id is letters, digits, dot, dash or underscore (up to 40)');
    if (id && seen.has(id)) c.add([...at, 'id'], `"${id}" is used by another mailbox`);
    seen.add(id);
    if (company && !companies[company]) c.add([...at, 'company'], 'names no company in companies');
    // Plain IMAP sends the password in clear: only to a server on this machine.
    if (tls === 'none' && host && !LOOPBACK.has(host)) c.add([...at, 'tls'], 'tls: none sends the password unencrypted: allowed only for 127.0.0.1 (use implicit or starttls)');
    const mailbox: Mailbox = {
      id, company, host, port, tls, user: field('user'), folder: c.text(entry['folder'], [...at, 'folder']) ?? 'INBOX', auth,
      ...(processedFolder ? { processedFolder } : {}),
      ...(caFile ? { caFile } : {}),
    };
    if (auth === 'oauth2') {
      const o = c.mapping(entry['oauth'], [...at, 'oauth'], ['provider', 'client_id', 'tenant', 'token_url', 'device_code_url', 'scope'], { required: true, shape: '(provider, client_id)' });
      if (o) {
        const provider = c.oneOf(o['provider'] ?? 'microsoft', [...at, 'oauth', 'provider'], ['microsoft', 'google', 'custom'] as const) ?? 'microsoft';
        const tokenUrl = c.text(o['token_url'], [...at, 'oauth', 'token_url']);
        const deviceCodeUrl = c.text(o['device_code_url'], [...at, 'oauth', 'device_code_url']);
        const tenant = c.text(o['tenant'], [...at, 'oauth', 'tenant']);
        const scope = c.text(o['scope'], [...at, 'oauth', 'scope']);
        if (provider === 'custom' && !tokenUrl) c.add([...at, 'oauth', 'token_url'], 'a custom provider needs its token_url');
        mailbox.oauth = {
          provider, clientId: c.text(o['client_id'], [...at, 'oauth', 'client_id'], { required: true }) ?? '',
          ...(tenant ? { tenant } : {}), ...(tokenUrl ? { tokenUrl } : {}), ...(deviceCodeUrl ? { deviceCodeUrl } : {}), ...(scope ? { scope } : {}),
        };
      }
    } else if (entry['oauth'] !== undefined) {
      c.add([...at, 'oauth'], 'only for auth: oauth2');
    }
    mailboxes.push(mailbox);
  });
  return { mailboxes };
}

/** `payers.<ID>.senders`: addresses (`ap@payer.example`) or domains (`@payer.example`), lower case. */
export function parseSenders(c: Checker, value: unknown, at: PathSegment[]): string[] {
  const senders = c.textList(value, at) ?? [];
  return senders.map((sender, index) => {
    const clean = sender.trim().toLowerCase();
    if (!/^([^@\s]+)?@[a-z0-9.-]+\.[a-z]{2,}$/.test(clean)) c.add([...at, index], `"${sender}" is neither an address (ap@payer.example) nor a domain (@payer.example)`);
    return clean;
  });
}
