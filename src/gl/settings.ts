/**
 * The ERP-posting settings of a company's `gl:` block in remit.yaml, and their validator.
 * Pure: the config loader passes the raw mapping and its path (`companies.acme.gl`) and gets
 * every problem back with its full path, so remit.yaml is checked once, at load.
 *
 *   gl:
 *     closed_through: 2026-03-31        # nothing is posted on or before this day
 *     document_prefix: RM               # document numbers RM<remittance id>[-A<application id>]
 *     customers: { AMZ: { id: C0001, name: "Amazon.com Services LLC" } }
 *     formats:
 *       xero-journal: { tax_rate: "Tax Exempt", accounts: { bank_clearing: "610", ... } }
 */
import type { GlAccounts } from './accounts.js';
import { parseDate } from '../core/dates.js';
import { REASON_CODES } from '../core/reasons.js';
import type { PostingAccounts } from './posting.js';

export const DATE_FORMATS = ['MM/DD/YYYY', 'DD/MM/YYYY', 'YYYY-MM-DD', 'DD.MM.YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The company's base accounts as today's `companies.<C>.gl` gives them (same shape as config's GlAccounts). */
/** The company's base accounts (remit.yaml `companies.<C>.gl`), see accounts.ts. */
export type BaseGlAccounts = GlAccounts;

/** Accounts a format overrides; the rest come from the company's base accounts. */
export type AccountOverrides = Partial<Omit<PostingAccounts, 'deductions'>> & { deductions?: Record<string, string> };

export interface NetsuiteJournalSettings { accounts: AccountOverrides; subsidiary?: string; dateFormat: DateFormat; maxLinesPerEntry: number }
export interface NetsuitePaymentSettings { accounts: AccountOverrides; subsidiary?: string; dateFormat: DateFormat; paymentMethod?: string; maxLinesPerEntry: number }
export interface QboJournalSettings { accounts: AccountOverrides; dateFormat: DateFormat }
export interface XeroJournalSettings { accounts: AccountOverrides; taxRate: string; maxLinesPerFile: number }
export interface BcCashReceiptSettings {
  accounts: AccountOverrides;
  journalTemplate: string;
  journalBatch: string;
  /** Where the cash lands: the cash receipt journal's balancing account. */
  balAccountType: 'G/L Account' | 'Bank Account';
  balAccountNo?: string;
  /** The company's local currency in Business Central: its Currency Code is written blank. */
  localCurrency?: string;
}
export interface IntacctJournalSettings { accounts: AccountOverrides; journal: string; dateFormat: DateFormat; locationId?: string }
export interface SapLockboxSettings {
  accounts: AccountOverrides;
  /** Record 1: immediate destination and origin (up to 10 characters each), as the SAP lockbox configuration expects. */
  destination: string;
  origin: string;
  /** Record 5: lockbox number (up to 7 digits). */
  lockboxNumber: string;
  /** remit reason code (and `discount`, `write-off`) -> SAP external reason code (up to 3 characters). */
  reasonCodes: Record<string, string>;
  /** Payer -> the MICR data of its bank account, so SAP finds the customer by it (else by invoice numbers). */
  payers: Record<string, { routing?: string; account?: string }>;
}

export interface FormatSettingsMap {
  'netsuite-journal': NetsuiteJournalSettings;
  'netsuite-payment': NetsuitePaymentSettings;
  'qbo-journal': QboJournalSettings;
  'xero-journal': XeroJournalSettings;
  'bc-cash-receipt': BcCashReceiptSettings;
  'intacct-journal': IntacctJournalSettings;
  'sap-lockbox': SapLockboxSettings;
}
export type ErpFormatName = keyof FormatSettingsMap;

export interface GlSettings {
  closedThrough?: string;
  /** IANA time zone whose today is the default posting date (else the machine's). */
  timeZone?: string;
  /** The format `export-gl` (and `remit run`) writes when no --format is given: the company's ERP. */
  exportFormat?: 'generic' | ErpFormatName;
  documentPrefix: string;
  customers: Record<string, { id?: string; name?: string }>;
  bank?: string;
  /** Bank account id (as its statements name it) -> GL account, for a company with more than one bank account; else `bank`. */
  bankAccounts?: Record<string, string>;
  bankFees?: string;
  formats: Partial<FormatSettingsMap>;
}

/** The keys this validator reads in a `gl:` block, beside the base account keys the loader reads itself. */
export const GL_SETTINGS_KEYS = ['export_format', 'closed_through', 'time_zone', 'document_prefix', 'customers', 'bank', 'bank_accounts', 'bank_fees', 'formats'] as const;
const BASE_KEYS = ['bank_clearing', 'accounts_receivable', 'discounts_allowed', 'unapplied_cash', 'write_off', 'deductions'];
const ACCOUNT_KEYS = [...BASE_KEYS, 'bank', 'bank_fees'];
const FORMAT_KEYS: Record<ErpFormatName, string[]> = {
  'netsuite-journal': ['accounts', 'subsidiary', 'date_format', 'max_lines_per_entry'],
  'netsuite-payment': ['accounts', 'subsidiary', 'date_format', 'payment_method', 'max_lines_per_entry'],
  'qbo-journal': ['accounts', 'date_format'],
  'xero-journal': ['accounts', 'tax_rate', 'max_lines_per_file'],
  'bc-cash-receipt': ['accounts', 'journal_template', 'journal_batch', 'bal_account_type', 'bal_account_no', 'local_currency'],
  'intacct-journal': ['accounts', 'journal', 'date_format', 'location_id'],
  'sap-lockbox': ['accounts', 'destination', 'origin', 'lockbox_number', 'reason_codes', 'payers'],
};
export const ERP_FORMAT_NAMES = Object.keys(FORMAT_KEYS) as ErpFormatName[];

/** Xero takes at most this many lines in one manual journal import file (help.xero.com/nz/ManualJournalsImport). */
export const XERO_MAX_LINES_PER_FILE = 300;
/** The figure for a NetSuite journal entry; NetSuite's line-limit pages give lower figures for some paths, so it is a setting. */
export const NETSUITE_MAX_LINES_PER_ENTRY = 5000;

type Raw = Record<string, unknown>;

/** Validate the ERP-posting keys of one `gl:` block; unknown keys among them are problems, the base keys are left to the loader. */
export function validateGlSettings(raw: unknown, path = 'gl'): { settings: GlSettings; problems: string[] } {
  const problems: string[] = [];
  const add = (at: string, message: string): void => {
    problems.push(`${at}: ${message}`);
  };
  const settings: GlSettings = { documentPrefix: 'RM', customers: {}, formats: {} };
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) {
    add(path, 'must be a mapping');
    return { settings, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!(GL_SETTINGS_KEYS as readonly string[]).includes(key) && !BASE_KEYS.includes(key)) add(`${path}.${key}`, `unknown setting (expected one of: ${[...BASE_KEYS, ...GL_SETTINGS_KEYS].join(', ')})`);
  }
  const closed = text(raw, 'closed_through', `${path}.closed_through`, add);
  if (closed !== undefined) {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(closed) ? parseDate(closed, 'ymd') : undefined;
    if (!parsed?.ok) add(`${path}.closed_through`, `must be a YYYY-MM-DD date, got "${closed}"`);
    else settings.closedThrough = parsed.iso;
  }
  const zone = text(raw, 'time_zone', `${path}.time_zone`, add);
  if (zone !== undefined) {
    if (isTimeZone(zone)) settings.timeZone = zone;
    else add(`${path}.time_zone`, `must be an IANA time zone such as America/Chicago or Europe/Berlin, got "${zone}"`);
  }
  const prefix = text(raw, 'document_prefix', `${path}.document_prefix`, add);
  if (prefix !== undefined) {
    if (!/^[A-Za-z0-9-]{0,8}$/.test(prefix)) add(`${path}.document_prefix`, `must be up to 8 letters, digits or dashes, got "${prefix}"`);
    else settings.documentPrefix = prefix;
  }
  const bank = text(raw, 'bank', `${path}.bank`, add);
  if (bank !== undefined) settings.bank = bank;
  const bankFees = text(raw, 'bank_fees', `${path}.bank_fees`, add);
  if (bankFees !== undefined) settings.bankFees = bankFees;
  const bankAccounts = raw['bank_accounts'];
  if (bankAccounts !== undefined && bankAccounts !== null) {
    if (!isRecord(bankAccounts)) add(`${path}.bank_accounts`, 'must map bank account ids (as the statements name them) to GL accounts');
    else {
      const map: Record<string, string> = {};
      for (const [id, account] of Object.entries(bankAccounts)) {
        if (typeof account === 'string' && account.trim() !== '') map[id] = account.trim();
        else if (typeof account === 'number') map[id] = String(account);
        else add(`${path}.bank_accounts.${id}`, 'must be a GL account');
      }
      settings.bankAccounts = map;
    }
  }

  const customers = raw['customers'];
  if (customers !== undefined && customers !== null) {
    if (!isRecord(customers)) add(`${path}.customers`, 'must map payer codes to { id, name }');
    else {
      for (const [payer, value] of Object.entries(customers)) {
        const at = `${path}.customers.${payer}`;
        if (typeof value === 'string') {
          settings.customers[payer] = { id: value };
          continue;
        }
        if (!isRecord(value)) {
          add(at, 'must be the ERP customer id, or { id, name }');
          continue;
        }
        unknown(value, ['id', 'name'], at, add);
        const id = text(value, 'id', `${at}.id`, add);
        const name = text(value, 'name', `${at}.name`, add);
        if (id === undefined && name === undefined) add(at, 'give the ERP customer id, its name, or both');
        settings.customers[payer] = { ...(id !== undefined ? { id } : {}), ...(name !== undefined ? { name } : {}) };
      }
    }
  }

  const formats = raw['formats'];
  if (formats !== undefined && formats !== null) {
    if (!isRecord(formats)) add(`${path}.formats`, `must map format names (${ERP_FORMAT_NAMES.join(', ')}) to their settings`);
    else {
      for (const [name, value] of Object.entries(formats)) {
        const at = `${path}.formats.${name}`;
        if (!(name in FORMAT_KEYS)) {
          add(at, `unknown format (expected one of: ${ERP_FORMAT_NAMES.join(', ')})`);
          continue;
        }
        const format = name as ErpFormatName;
        const body = value === null || value === undefined ? {} : value;
        if (!isRecord(body)) {
          add(at, 'must be a mapping');
          continue;
        }
        unknown(body, FORMAT_KEYS[format], at, add);
        const parsed = parseFormat(format, body, at, add);
        if (parsed) (settings.formats as Record<string, unknown>)[format] = parsed;
      }
    }
  }
  const chosen = text(raw, 'export_format', `${path}.export_format`, add);
  if (chosen !== undefined) {
    if (chosen !== 'generic' && !(chosen in FORMAT_KEYS)) add(`${path}.export_format`, `must be generic or one of: ${ERP_FORMAT_NAMES.join(', ')}, got "${chosen}"`);
    else if (chosen !== 'generic' && !(chosen in settings.formats) && !problems.some((p) => p.startsWith(`${path}.formats.${chosen}`))) {
      add(`${path}.export_format`, `is ${chosen}, but ${path}.formats.${chosen} is not set: give that format its settings`);
    } else settings.exportFormat = chosen as NonNullable<GlSettings['exportFormat']>;
  }
  return { settings, problems };
}

/** The accounts one format posts to: its overrides over the company's base accounts. */
export function postingAccountsFor(base: BaseGlAccounts, gl: GlSettings, format?: ErpFormatName): PostingAccounts {
  const over: AccountOverrides = format ? (gl.formats[format]?.accounts ?? {}) : {};
  const accounts: PostingAccounts = {
    clearing: over.clearing ?? base.bankClearing,
    receivable: over.receivable ?? base.accountsReceivable,
    unapplied: over.unapplied ?? base.unappliedCash,
    discount: over.discount ?? base.discountsAllowed,
    writeOff: over.writeOff ?? base.writeOff,
    deductions: { ...base.deductions, ...(over.deductions ?? {}) },
  };
  const bank = over.bank ?? gl.bank;
  const bankFee = over.bankFee ?? gl.bankFees;
  if (bank !== undefined) accounts.bank = bank;
  if (bankFee !== undefined) accounts.bankFee = bankFee;
  if (gl.bankAccounts !== undefined) accounts.bankAccounts = gl.bankAccounts;
  return accounts;
}

type Add = (path: string, message: string) => void;

function parseFormat(format: ErpFormatName, raw: Raw, at: string, add: Add): FormatSettingsMap[ErpFormatName] | undefined {
  const accounts = parseAccounts(raw['accounts'], `${at}.accounts`, add);
  switch (format) {
    case 'netsuite-journal':
    case 'netsuite-payment': {
      const dateFormat = requiredDateFormat(raw, at, add);
      const maxLines = integer(raw, 'max_lines_per_entry', `${at}.max_lines_per_entry`, add, 3, 10_000) ?? NETSUITE_MAX_LINES_PER_ENTRY;
      const subsidiary = text(raw, 'subsidiary', `${at}.subsidiary`, add);
      const method = format === 'netsuite-payment' ? text(raw, 'payment_method', `${at}.payment_method`, add) : undefined;
      if (!dateFormat) return undefined;
      return { accounts, dateFormat, maxLinesPerEntry: maxLines, ...(subsidiary !== undefined ? { subsidiary } : {}), ...(method !== undefined ? { paymentMethod: method } : {}) };
    }
    case 'qbo-journal': {
      const dateFormat = requiredDateFormat(raw, at, add, ['MM/DD/YYYY', 'DD/MM/YYYY']);
      checkQboAccountNames(accounts, `${at}.accounts`, add);
      return dateFormat ? { accounts, dateFormat } : undefined;
    }
    case 'xero-journal': {
      const taxRate = text(raw, 'tax_rate', `${at}.tax_rate`, add);
      if (taxRate === undefined) add(`${at}.tax_rate`, 'is required: the tax rate name exactly as Xero shows it for journals without tax (e.g. "Tax Exempt", "BAS Excluded", "No VAT")');
      const maxLines = integer(raw, 'max_lines_per_file', `${at}.max_lines_per_file`, add, 3, XERO_MAX_LINES_PER_FILE) ?? XERO_MAX_LINES_PER_FILE;
      return taxRate === undefined ? undefined : { accounts, taxRate, maxLinesPerFile: maxLines };
    }
    case 'bc-cash-receipt': {
      const type = text(raw, 'bal_account_type', `${at}.bal_account_type`, add) ?? 'G/L Account';
      if (type !== 'G/L Account' && type !== 'Bank Account') add(`${at}.bal_account_type`, `must be "G/L Account" or "Bank Account", got "${type}"`);
      const no = text(raw, 'bal_account_no', `${at}.bal_account_no`, add);
      if (type === 'Bank Account' && no === undefined) add(`${at}.bal_account_no`, 'is required with bal_account_type "Bank Account": the bank account no. in Business Central');
      const template = code(raw, 'journal_template', `${at}.journal_template`, add, 10) ?? 'CASHRCPT';
      const batch = code(raw, 'journal_batch', `${at}.journal_batch`, add, 10) ?? 'GENERAL';
      const local = text(raw, 'local_currency', `${at}.local_currency`, add);
      if (local !== undefined && !/^[A-Z]{3}$/.test(local)) add(`${at}.local_currency`, `must be a three-letter currency code, got "${local}"`);
      return {
        accounts, journalTemplate: template, journalBatch: batch, balAccountType: type === 'Bank Account' ? 'Bank Account' : 'G/L Account',
        ...(no !== undefined ? { balAccountNo: no } : {}), ...(local !== undefined && /^[A-Z]{3}$/.test(local) ? { localCurrency: local } : {}),
      };
    }
    case 'intacct-journal': {
      const journal = text(raw, 'journal', `${at}.journal`, add);
      if (journal === undefined) add(`${at}.journal`, 'is required: the Intacct journal symbol the entries go to (e.g. CRJ)');
      const dateFormat = optionalDateFormat(raw, at, add) ?? 'MM/DD/YYYY';
      const location = text(raw, 'location_id', `${at}.location_id`, add);
      return journal === undefined ? undefined : { accounts, journal, dateFormat, ...(location !== undefined ? { locationId: location } : {}) };
    }
    case 'sap-lockbox': {
      const destination = fixed(raw, 'destination', `${at}.destination`, add, 10, /^[A-Za-z0-9 ]+$/);
      const origin = fixed(raw, 'origin', `${at}.origin`, add, 10, /^[A-Za-z0-9 ]+$/);
      const lockbox = fixed(raw, 'lockbox_number', `${at}.lockbox_number`, add, 7, /^\d+$/);
      const reasonCodes: Record<string, string> = {};
      const reasons = raw['reason_codes'];
      if (reasons !== undefined && reasons !== null) {
        if (!isRecord(reasons)) add(`${at}.reason_codes`, 'must map remit reason codes (and discount, write-off) to SAP reason codes');
        else for (const [reason, value] of Object.entries(reasons)) {
          const p = `${at}.reason_codes.${reason}`;
          if (reason !== 'discount' && reason !== 'write-off' && reason !== 'default' && !(REASON_CODES as readonly string[]).includes(reason)) add(p, `unknown reason code (expected discount, write-off, default or one of: ${REASON_CODES.join(', ')})`);
          else if (typeof value !== 'string' || !/^[A-Za-z0-9]{1,3}$/.test(value)) add(p, 'must be an SAP reason code of 1 to 3 letters or digits');
          else reasonCodes[reason] = value;
        }
      }
      const payers: SapLockboxSettings['payers'] = {};
      const payersRaw = raw['payers'];
      if (payersRaw !== undefined && payersRaw !== null) {
        if (!isRecord(payersRaw)) add(`${at}.payers`, 'must map payer codes to { routing, account }');
        else for (const [payer, value] of Object.entries(payersRaw)) {
          const p = `${at}.payers.${payer}`;
          if (!isRecord(value)) { add(p, 'must be { routing, account }'); continue; }
          unknown(value, ['routing', 'account'], p, add);
          const routing = fixed(value, 'routing', `${p}.routing`, add, 9, /^\d+$/, false);
          const account = fixed(value, 'account', `${p}.account`, add, 10, /^[0-9A-Za-z]+$/, false);
          payers[payer] = { ...(routing !== undefined ? { routing } : {}), ...(account !== undefined ? { account } : {}) };
        }
      }
      if (destination === undefined || origin === undefined || lockbox === undefined) return undefined;
      return { accounts, destination, origin, lockboxNumber: lockbox, reasonCodes, payers };
    }
  }
}

function parseAccounts(raw: unknown, at: string, add: Add): AccountOverrides {
  const out: AccountOverrides = {};
  if (raw === undefined || raw === null) return out;
  if (!isRecord(raw)) {
    add(at, `must map account roles (${ACCOUNT_KEYS.join(', ')}) to accounts`);
    return out;
  }
  unknown(raw, ACCOUNT_KEYS, at, add);
  const one = (key: string): string | undefined => text(raw, key, `${at}.${key}`, add);
  const set = <K extends keyof AccountOverrides>(key: K, value: AccountOverrides[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  set('clearing', one('bank_clearing'));
  set('receivable', one('accounts_receivable'));
  set('discount', one('discounts_allowed'));
  set('unapplied', one('unapplied_cash'));
  set('writeOff', one('write_off'));
  set('bank', one('bank'));
  set('bankFee', one('bank_fees'));
  const deductions = raw['deductions'];
  if (deductions !== undefined && deductions !== null) {
    if (!isRecord(deductions)) add(`${at}.deductions`, 'must map reason codes to accounts');
    else {
      const map: Record<string, string> = {};
      for (const [reason, value] of Object.entries(deductions)) {
        const p = `${at}.deductions.${reason}`;
        if (reason !== 'default' && !(REASON_CODES as readonly string[]).includes(reason)) add(p, `unknown reason code (expected default or one of: ${REASON_CODES.join(', ')})`);
        else if (typeof value !== 'string' && typeof value !== 'number') add(p, 'must be an account');
        else map[reason] = String(value);
      }
      out.deductions = map;
    }
  }
  return out;
}

/** QuickBooks names a sub-account `Parent:Sub`: every part non-empty, no space around the colon (the import matches names exactly). */
function checkQboAccountNames(accounts: AccountOverrides, at: string, add: Add): void {
  const keys: Record<string, string> = { clearing: 'bank_clearing', receivable: 'accounts_receivable', unapplied: 'unapplied_cash', discount: 'discounts_allowed', writeOff: 'write_off', bank: 'bank', bankFee: 'bank_fees' };
  const check = (name: string, path: string): void => {
    const parts = name.split(':');
    if (parts.some((p) => p === '' || p.trim() !== p)) add(path, `must be a QuickBooks account name, a sub-account written Parent:Sub with no empty part or space around ":", got "${name}"`);
  };
  for (const [role, key] of Object.entries(keys)) {
    const value = (accounts as Record<string, unknown>)[role];
    if (typeof value === 'string') check(value, `${at}.${key}`);
  }
  for (const [reason, value] of Object.entries(accounts.deductions ?? {})) check(value, `${at}.deductions.${reason}`);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function requiredDateFormat(raw: Raw, at: string, add: Add, allowed: readonly DateFormat[] = DATE_FORMATS): DateFormat | undefined {
  const value = optionalDateFormat(raw, at, add, allowed);
  if (value === undefined && raw['date_format'] === undefined) add(`${at}.date_format`, `is required: the date format of the company's ERP locale (${allowed.join(' or ')})`);
  return value;
}

function optionalDateFormat(raw: Raw, at: string, add: Add, allowed: readonly DateFormat[] = DATE_FORMATS): DateFormat | undefined {
  const value = text(raw, 'date_format', `${at}.date_format`, add);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    add(`${at}.date_format`, `must be one of ${allowed.join(', ')}, got "${value}"`);
    return undefined;
  }
  return value as DateFormat;
}

function text(raw: Raw, key: string, at: string, add: Add): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string' || value.trim() === '') {
    add(at, 'must be a non-empty text');
    return undefined;
  }
  return value;
}

function code(raw: Raw, key: string, at: string, add: Add, max: number): string | undefined {
  const value = text(raw, key, at, add);
  if (value !== undefined && (value.length > max || !/^[A-Za-z0-9_-]+$/.test(value))) {
    add(at, `must be a code of up to ${max} letters, digits, - or _, got "${value}"`);
    return undefined;
  }
  return value;
}

function fixed(raw: Raw, key: string, at: string, add: Add, max: number, pattern: RegExp, required = true): string | undefined {
  const value = text(raw, key, at, add);
  if (value === undefined) {
    if (required && raw[key] === undefined) add(at, `is required (up to ${max} characters)`);
    return undefined;
  }
  if (value.length > max || !pattern.test(value)) {
    add(at, `must be up to ${max} characters matching ${pattern.source}, got "${value}"`);
    return undefined;
  }
  return value;
}

function integer(raw: Raw, key: string, at: string, add: Add, min: number, max: number): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    add(at, `must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  return value;
}

function unknown(raw: Raw, known: readonly string[], at: string, add: Add): void {
  for (const key of Object.keys(raw)) if (!known.includes(key)) add(`${at}.${key}`, `unknown setting (expected one of: ${known.join(', ')})`);
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
