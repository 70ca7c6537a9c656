/**
 * The shape of remit.yaml once validated, with every default filled in. Nothing secret
 * belongs here: passwords and TOTP seeds live in the keychain, keyed by portal account id.
 */
import type { DateOrder } from '../core/dates.js';
import type { ParseLimits } from '../parsers/types.js';
import type { NotifySettings } from '../notify/config.js';
import type { MatchSettings } from '../matching/types.js';
import type { GlAccounts } from '../gl/accounts.js';
import type { GlSettings } from '../gl/settings.js';
import type { PdfTemplate } from '../parsers/pdf/template.js';
import type { HeaderField } from '../domain/remittance.js';

export type { GlAccounts };

export interface Company {
  code: string;
  name: string;
  currency: string;
  gl: GlAccounts;
  /** How the company posts into its ERP: closed period, time zone, customers, per-format settings (`gl:` in remit.yaml, see gl/settings.ts). */
  posting: GlSettings;
}

export interface PayerSettings {
  code: string;
  name?: string;
  currency?: string;
  /** Set only when remit.yaml says: otherwise each file's own dates decide (and a file that cannot is refused). */
  dateOrder?: DateOrder;
  /** Set only when remit.yaml says: otherwise each file's own amounts decide. */
  decimalComma?: boolean;
  /** Labels of payment fields above or below a table that remit does not know. */
  headerFields: Partial<Record<HeaderField, string>>;
  /** Field name -> column header as the payer writes it. */
  columns: Record<string, string>;
  /** Payer's reason text or code -> remit reason code. */
  reasonCodes: Record<string, string>;
  /** Ids or names the payer uses for itself in EDI (N1*PR, NAD+PR). */
  ids: string[];
  /** Names the payer's bank writes for it on statements (`WAL-MART STORES`), learned when a person confirms. */
  bankNames: string[];
  adxSign?: 'negative-kept' | 'positive-kept';
  /** Checked at load (see parsers/pdf/template.ts). */
  pdfTemplate?: PdfTemplate;
  /** Mail senders that are this payer: addresses or @domains, lower case (`payers.<ID>.senders`). */
  senders: string[];
}

/** One mailbox remit reads (`mail.mailboxes`); its password or refresh token is in the keychain. */
export interface Mailbox {
  id: string;
  company: string;
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  user: string;
  folder: string;
  /** Where taken messages are moved; unset, they are flagged ($RemitImported, \Seen) where they are. */
  processedFolder?: string;
  auth: 'password' | 'oauth2';
  oauth?: { provider: 'microsoft' | 'google' | 'custom'; clientId: string; tenant?: string; tokenUrl?: string; deviceCodeUrl?: string; scope?: string };
  /** A PEM file of a private CA the server's certificate is checked against (relative: to the workspace). */
  caFile?: string;
}

export interface MailSettings {
  mailboxes: Mailbox[];
}

/** The `matching:` settings of remit.yaml: the matcher's own settings, each given a value (documented there). */
export type MatchingSettings = {
  [K in 'autoApplyConfidence' | 'invoicePrefixes' | 'dateWindowDays' | 'writeOffToleranceMinor' | 'discountGraceDays' | 'maxSubsetSize']-?: NonNullable<MatchSettings[K]>;
};

export interface PortalAccount {
  id: string;
  company: string;
  payer: string;
  recipe: string;
  url: string;
  username: string;
  options: Record<string, string>;
}

export interface Config {
  defaultCompany?: string;
  companies: Record<string, Company>;
  payers: Record<string, PayerSettings>;
  matching: MatchingSettings;
  limits: ParseLimits & { maxFileBytes: number; parseSeconds: number; mail: MailLimitSettings };
  portals: PortalAccount[];
  mail: MailSettings;
  secrets: { store: 'keychain' | 'vault'; vaultFile?: string; passphraseEnv?: string };
  browser: { executablePath?: string; channel?: string };
  /** timeoutSeconds bounds one portal account's whole run; stepTimeoutSeconds one page action. */
  fetch: { concurrency: number; timeoutSeconds: number; stepTimeoutSeconds: number; retries: number };
  /** The nightly `remit run`. */
  run: {
    /** Days fetched again before each portal's last successful day, for late postings. */
    overlapDays: number;
    /** How far back a portal with no successful fetch yet starts. */
    firstDays: number;
    /** The longest catch-up after missed nights. */
    maxCatchUpDays: number;
    exportGl: boolean;
  };
  logs: { retentionDays: number };
  /** `remit backup`: how many backups of the ledger are kept in a folder (the oldest go first). */
  backups: { keep: number; /** `remit run` backs the ledger up (into backups/) before it writes. */ beforeRun: boolean };
  /** Bank statements and reconciliation (`bank:`). */
  bank: BankSettings;
  notify: NotifySettings;
}

export interface BankSettings {
  /** A folder `remit run` imports statements from before it matches. */
  inbox?: string;
  /** A credit may come this many days after a remittance's payment date (and it is late after). */
  windowDays: number;
  earlyDays: number;
  /** The most a bank may keep from a wire as its fee. */
  feeToleranceMinor: number;
  /** The deepest cheque deposit paired by its sum. */
  maxDepositItems: number;
  /** Companies whose match applies only remittances whose cash arrived (matching.require_cash). */
  requireCash: string[];
}

export const DEFAULT_INVOICE_PREFIXES = ['INV', 'INVOICE', 'IN', 'INVNO', 'NO'];

/**
 * Limits on one e-mail message (`limits.max_message_mb` ...), as written in remit.yaml: only
 * those set; the pipeline lays them over the mail reader's defaults (src/mail/limits.ts).
 */
export interface MailLimitSettings {
  maxMessageBytes?: number;
  maxParts?: number;
  maxDepth?: number;
  maxAttachmentBytes?: number;
  maxAttachments?: number;
  maxZipRatio?: number;
  maxZipExpandedBytes?: number;
  maxZipEntries?: number;
  maxZipDepth?: number;
}
