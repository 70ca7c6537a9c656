/**
 * Validate the raw YAML document of remit.yaml into a Config. Every problem is collected
 * with its path (and, by the loader, its line); the caller reports them all at once (exit 2).
 */
import { REASON_CODES } from '../core/reasons.js';
import { parseAmount } from '../core/money.js';
import { Checker, isMapping, type Mapping, type PathSegment, type RawProblem } from '../core/validation.js';
import { DEFAULT_DEDUCTION_ACCOUNTS } from '../gl/accounts.js';
import { GL_SETTINGS_KEYS, validateGlSettings } from '../gl/settings.js';
import { readPdfTemplate } from '../parsers/pdf/template.js';
import { readNotifySettings } from '../notify/config.js';
import { DEFAULT_LIMITS } from '../parsers/types.js';
import { parseMail, parseSenders } from './mail.js';
import type { Company, Config, MailLimitSettings, PayerSettings, PortalAccount } from './schema.js';
import { DEFAULT_INVOICE_PREFIXES } from './schema.js';

const TOP_KEYS = ['default_company', 'companies', 'payers', 'matching', 'limits', 'portals', 'secrets', 'browser', 'fetch', 'run', 'logs', 'notify', 'bank', 'mail', 'backups'] as const;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
/** A recipe is found by name in portals/ (the workspace's, then the built-ins): a name, never a path. */
export const RECIPE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const CURRENCY = /^[A-Z]{3}$/;
/** Payment-level fields a payer's labels can be named for (`payers.<ID>.header_fields`). */
export const HEADER_FIELDS = ['payment_ref', 'payment_date', 'total', 'method', 'currency', 'payer_name'] as const;
export const COLUMN_FIELDS = [
  'reference', 'invoice_date', 'po', 'gross', 'discount', 'adjustment', 'reason', 'paid', 'payment_ref',
  'payment_date', 'currency', 'description', 'customer', 'due_date', 'original', 'open', 'customer_name',
] as const;

export function parseConfig(raw: unknown): { config?: Config; problems: RawProblem[] } {
  const c = new Checker({ noun: 'setting' });
  if (raw !== null && raw !== undefined && !isMapping(raw)) c.add([], 'remit.yaml must be a mapping of settings');
  const root: Mapping = c.mapping(isMapping(raw) ? raw : {}, [], TOP_KEYS) ?? {};

  const companies = parseCompanies(c, root['companies']);
  const payers = parsePayers(c, root['payers']);
  const defaultCompany = c.text(root['default_company'], ['default_company']);
  if (defaultCompany !== undefined && !companies[defaultCompany]) {
    c.add(['default_company'], `names no company in companies (have: ${Object.keys(companies).join(', ') || 'none'})`);
  }

  const m = c.mapping(root['matching'], ['matching'], ['auto_apply_confidence', 'invoice_prefixes', 'date_window_days', 'write_off_tolerance', 'discount_grace_days', 'max_subset_size', 'require_cash']) ?? {};
  const toleranceText = c.text(m['write_off_tolerance'], ['matching', 'write_off_tolerance']) ?? '0.00';
  const tolerance = parseAmount(toleranceText);
  if (!tolerance.ok || tolerance.minor < 0 || tolerance.minor > 100_00) {
    c.add(['matching', 'write_off_tolerance'], `must be an amount from 0.00 to 100.00, got "${toleranceText}"`);
  }
  const matching = {
    autoApplyConfidence: c.number(m['auto_apply_confidence'], ['matching', 'auto_apply_confidence'], { min: 0, max: 1 }) ?? 0.95,
    invoicePrefixes: c.textList(m['invoice_prefixes'], ['matching', 'invoice_prefixes']) ?? DEFAULT_INVOICE_PREFIXES,
    dateWindowDays: c.number(m['date_window_days'], ['matching', 'date_window_days'], { min: 1, max: 3650, integer: true }) ?? 120,
    writeOffToleranceMinor: tolerance.ok ? tolerance.minor : 0,
    discountGraceDays: c.number(m['discount_grace_days'], ['matching', 'discount_grace_days'], { min: 0, max: 60, integer: true }) ?? 0,
    maxSubsetSize: c.number(m['max_subset_size'], ['matching', 'max_subset_size'], { min: 1, max: 12, integer: true }) ?? 6,
  };

  const MAIL_KEYS = {
    max_message_mb: ['maxMessageBytes', true], max_message_parts: ['maxParts', false], max_message_depth: ['maxDepth', false],
    max_attachment_mb: ['maxAttachmentBytes', true], max_attachments: ['maxAttachments', false], max_zip_ratio: ['maxZipRatio', false],
    max_zip_expanded_mb: ['maxZipExpandedBytes', true], max_zip_entries: ['maxZipEntries', false], max_zip_depth: ['maxZipDepth', false],
  } as const;
  const l = c.mapping(root['limits'], ['limits'], ['max_file_mb', 'max_rows', 'max_field_chars', 'parse_seconds', 'max_expanded_mb', ...Object.keys(MAIL_KEYS)]) ?? {};
  const mb = 1024 * 1024;
  const limits = {
    maxFileBytes: (c.number(l['max_file_mb'], ['limits', 'max_file_mb'], { min: 1, max: 100_000 }) ?? 200) * mb,
    maxRows: c.number(l['max_rows'], ['limits', 'max_rows'], { min: 1, max: 1e9, integer: true }) ?? DEFAULT_LIMITS.maxRows,
    maxFieldChars: c.number(l['max_field_chars'], ['limits', 'max_field_chars'], { min: 16, max: 1e9, integer: true }) ?? DEFAULT_LIMITS.maxFieldChars,
    parseSeconds: c.number(l['parse_seconds'], ['limits', 'parse_seconds'], { min: 1, max: 86_400 }) ?? 300,
    maxExpandedBytes: (c.number(l['max_expanded_mb'], ['limits', 'max_expanded_mb'], { min: 1, max: 100_000 }) ?? 512) * mb,
    mail: Object.fromEntries(Object.entries(MAIL_KEYS).flatMap(([key, [field, inMb]]) => {
      const value = c.number(l[key], ['limits', key], { min: 1, max: inMb ? 100_000 : 1e7, integer: !inMb });
      return value === undefined ? [] : [[field, inMb ? Math.round(value * mb) : value]];
    })) as MailLimitSettings,
  };

  const portals = parsePortals(c, root['portals'], companies);
  const mail = parseMail(c, root['mail'], companies);

  const s = c.mapping(root['secrets'], ['secrets'], ['store', 'vault_file', 'passphrase_env']) ?? {};
  const store = c.oneOf(s['store'] ?? 'keychain', ['secrets', 'store'], ['keychain', 'vault'] as const) ?? 'keychain';
  const passphraseEnv = c.text(s['passphrase_env'], ['secrets', 'passphrase_env']);
  if (store === 'vault' && !passphraseEnv) c.add(['secrets', 'passphrase_env'], 'the vault needs the name of the environment variable holding its passphrase');
  const vaultFile = c.text(s['vault_file'], ['secrets', 'vault_file']);

  const b = c.mapping(root['browser'], ['browser'], ['executable_path', 'channel']) ?? {};
  const executablePath = c.text(b['executable_path'], ['browser', 'executable_path']);
  const channel = c.text(b['channel'], ['browser', 'channel']);

  const f = c.mapping(root['fetch'], ['fetch'], ['concurrency', 'timeout_seconds', 'step_timeout_seconds', 'retries']) ?? {};
  const fetch = {
    concurrency: c.number(f['concurrency'], ['fetch', 'concurrency'], { min: 1, max: 64, integer: true }) ?? 3,
    timeoutSeconds: c.number(f['timeout_seconds'], ['fetch', 'timeout_seconds'], { min: 5, max: 7200 }) ?? 600,
    stepTimeoutSeconds: c.number(f['step_timeout_seconds'], ['fetch', 'step_timeout_seconds'], { min: 1, max: 600 }) ?? 30,
    retries: c.number(f['retries'], ['fetch', 'retries'], { min: 0, max: 10, integer: true }) ?? 2,
  };

  const r = c.mapping(root['run'], ['run'], ['overlap_days', 'first_days', 'max_catch_up_days', 'export_gl']) ?? {};
  const run = {
    overlapDays: c.number(r['overlap_days'], ['run', 'overlap_days'], { min: 0, max: 60, integer: true }) ?? 2,
    firstDays: c.number(r['first_days'], ['run', 'first_days'], { min: 1, max: 366, integer: true }) ?? 7,
    maxCatchUpDays: c.number(r['max_catch_up_days'], ['run', 'max_catch_up_days'], { min: 1, max: 366, integer: true }) ?? 45,
    exportGl: c.boolean(r['export_gl'], ['run', 'export_gl']) ?? false,
  };
  const lg = c.mapping(root['logs'], ['logs'], ['retention_days']) ?? {};
  const logs = { retentionDays: c.number(lg['retention_days'], ['logs', 'retention_days'], { min: 1, max: 3650, integer: true }) ?? 90 };

  const bk = c.mapping(root['backups'], ['backups'], ['keep', 'before_run']) ?? {};
  const backups = {
    keep: c.number(bk['keep'], ['backups', 'keep'], { min: 1, max: 1000, integer: true }) ?? 14,
    beforeRun: c.boolean(bk['before_run'], ['backups', 'before_run']) ?? true,
  };

  const notify = readNotifySettings(c, root['notify'], ['notify']);
  const bank = parseBank(c, root['bank'], m['require_cash'], companies);

  if (!c.ok || !notify) return { problems: c.problems };
  return {
    problems: [],
    config: {
      ...(defaultCompany ? { defaultCompany } : {}),
      companies,
      payers,
      matching,
      limits,
      portals,
      mail,
      secrets: { store, ...(vaultFile ? { vaultFile } : {}), ...(passphraseEnv ? { passphraseEnv } : {}) },
      browser: { ...(executablePath ? { executablePath } : {}), ...(channel ? { channel } : {}) },
      fetch,
      run,
      logs,
      backups,
      notify,
      bank,
    },
  };
}

function parseCompanies(c: Checker, value: unknown): Record<string, Company> {
  const out: Record<string, Company> = {};
  const raw = c.mapping(value, ['companies'], 'any') ?? {};
  for (const [code, entry] of Object.entries(raw)) {
    const at: PathSegment[] = ['companies', code];
    if (!CODE.test(code)) c.add(at, 'a company code is letters, digits, dot, dash or underscore (up to 40)');
    const company = c.mapping(entry, at, ['name', 'currency', 'gl'], { shape: '(name, currency, gl)', required: true });
    if (!company) continue;
    const currency = c.text(company['currency'], [...at, 'currency']) ?? 'USD';
    if (!CURRENCY.test(currency)) c.add([...at, 'currency'], `must be a three-letter ISO code such as USD, got "${currency}"`);
    const gl = c.mapping(company['gl'], [...at, 'gl'], ['bank_clearing', 'accounts_receivable', 'discounts_allowed', 'unapplied_cash', 'write_off', 'deductions', ...GL_SETTINGS_KEYS]) ?? {};
    // The ERP-posting keys (closed_through, customers, formats...) are checked by gl/settings; unknown keys were reported above.
    const posting = validateGlSettings(Object.fromEntries(Object.entries(gl).filter(([key]) => (GL_SETTINGS_KEYS as readonly string[]).includes(key))), 'gl');
    for (const problem of posting.problems) {
      const split = problem.indexOf(': ');
      c.add([...at, ...problem.slice(0, split).split('.')], problem.slice(split + 2));
    }
    const account = (key: string, fallback: string): string => c.text(gl[key], [...at, 'gl', key]) ?? fallback;
    const deductions = { ...DEFAULT_DEDUCTION_ACCOUNTS, ...c.textMap(gl['deductions'], [...at, 'gl', 'deductions']) };
    for (const reason of Object.keys(deductions)) {
      if (reason !== 'default' && !(REASON_CODES as readonly string[]).includes(reason)) {
        c.add([...at, 'gl', 'deductions', reason], `unknown reason code (expected default or one of: ${REASON_CODES.join(', ')})`);
      }
    }
    out[code] = {
      code,
      name: c.text(company['name'], [...at, 'name']) ?? code,
      currency,
      gl: {
        bankClearing: account('bank_clearing', '1090'),
        accountsReceivable: account('accounts_receivable', '1200'),
        discountsAllowed: account('discounts_allowed', '4910'),
        unappliedCash: account('unapplied_cash', '2410'),
        writeOff: account('write_off', '6990'),
        deductions,
      },
      posting: posting.settings,
    };
  }
  return out;
}

function parsePayers(c: Checker, value: unknown): Record<string, PayerSettings> {
  const out: Record<string, PayerSettings> = {};
  const raw = c.mapping(value, ['payers'], 'any') ?? {};
  for (const [code, value] of Object.entries(raw)) {
    const at: PathSegment[] = ['payers', code];
    if (!CODE.test(code)) c.add(at, 'a payer code is letters, digits, dot, dash or underscore (up to 40)');
    const entry = c.mapping(value, at, ['name', 'currency', 'date_order', 'decimal_comma', 'columns', 'header_fields', 'reason_codes', 'ids', 'bank_names', 'adx_sign', 'pdf_template', 'senders']) ?? {};
    const dateOrder = entry['date_order'] === undefined ? undefined : c.oneOf(entry['date_order'], [...at, 'date_order'], ['mdy', 'dmy', 'ymd'] as const);
    const decimalComma = c.boolean(entry['decimal_comma'], [...at, 'decimal_comma']);
    const headerFields = c.textMap(entry['header_fields'], [...at, 'header_fields']);
    for (const field of Object.keys(headerFields)) {
      if (!(HEADER_FIELDS as readonly string[]).includes(field)) c.add([...at, 'header_fields', field], `unknown field (expected one of: ${HEADER_FIELDS.join(', ')})`);
    }
    const columns = c.textMap(entry['columns'], [...at, 'columns']);
    for (const field of Object.keys(columns)) {
      if (!(COLUMN_FIELDS as readonly string[]).includes(field)) c.add([...at, 'columns', field], `unknown field (expected one of: ${COLUMN_FIELDS.join(', ')})`);
    }
    const reasonCodes = c.textMap(entry['reason_codes'], [...at, 'reason_codes']);
    for (const [raw, code] of Object.entries(reasonCodes)) {
      if (!(REASON_CODES as readonly string[]).includes(code)) {
        c.add([...at, 'reason_codes', raw], `"${code}" is not a reason code (expected one of: ${REASON_CODES.join(', ')})`);
      }
    }
    const adxSign = entry['adx_sign'] === undefined ? undefined : c.oneOf(entry['adx_sign'], [...at, 'adx_sign'], ['negative-kept', 'positive-kept'] as const);
    const pdfTemplate = entry['pdf_template'] === undefined ? undefined : readPdfTemplate(c, entry['pdf_template'], [...at, 'pdf_template']);
    const name = c.text(entry['name'], [...at, 'name']);
    const currency = c.text(entry['currency'], [...at, 'currency']);
    if (currency !== undefined && !CURRENCY.test(currency)) c.add([...at, 'currency'], `must be a three-letter ISO code, got "${currency}"`);
    out[code] = {
      code,
      ...(name ? { name } : {}),
      ...(currency ? { currency } : {}),
      ...(dateOrder ? { dateOrder } : {}),
      ...(decimalComma !== undefined ? { decimalComma } : {}),
      columns,
      headerFields: headerFields as PayerSettings['headerFields'],
      reasonCodes,
      ids: c.textList(entry['ids'], [...at, 'ids']) ?? [],
      bankNames: c.textList(entry['bank_names'], [...at, 'bank_names']) ?? [],
      senders: parseSenders(c, entry['senders'], [...at, 'senders']),
      ...(adxSign ? { adxSign } : {}),
      ...(pdfTemplate ? { pdfTemplate } : {}),
    };
  }
  return out;
}

/** `bank:` and `matching.require_cash` (true for every company, or a list of company codes). */
function parseBank(c: Checker, raw: unknown, requireCash: unknown, companies: Record<string, Company>): Config['bank'] {
  const b = c.mapping(raw, ['bank'], ['inbox', 'window_days', 'early_days', 'fee_tolerance', 'max_deposit_items']) ?? {};
  const feeText = c.text(b['fee_tolerance'], ['bank', 'fee_tolerance']) ?? '50.00';
  const fee = parseAmount(feeText);
  if (!fee.ok || fee.minor < 0 || fee.minor > 1000_00) c.add(['bank', 'fee_tolerance'], `must be an amount from 0.00 to 1000.00, got "${feeText}"`);
  let required: string[] = [];
  if (requireCash === true) required = Object.keys(companies);
  else if (requireCash !== undefined && requireCash !== false && requireCash !== null) {
    required = c.textList(requireCash, ['matching', 'require_cash']) ?? [];
    for (const code of required) if (!companies[code]) c.add(['matching', 'require_cash'], `"${code}" names no company (true, false or a list of company codes)`);
  }
  const inbox = c.text(b['inbox'], ['bank', 'inbox']);
  return {
    ...(inbox ? { inbox } : {}),
    windowDays: c.number(b['window_days'], ['bank', 'window_days'], { min: 1, max: 90, integer: true }) ?? 10,
    earlyDays: c.number(b['early_days'], ['bank', 'early_days'], { min: 0, max: 30, integer: true }) ?? 3,
    feeToleranceMinor: fee.ok ? fee.minor : 0,
    maxDepositItems: c.number(b['max_deposit_items'], ['bank', 'max_deposit_items'], { min: 1, max: 8, integer: true }) ?? 4,
    requireCash: required,
  };
}

function parsePortals(c: Checker, raw: unknown, companies: Record<string, Company>): PortalAccount[] {
  const list = c.list(raw, ['portals']) ?? [];
  const seen = new Set<string>();
  const out: PortalAccount[] = [];
  list.forEach((value, index) => {
    const at: PathSegment[] = ['portals', index];
    const secretish = ['password', 'totp', 'totp_secret', 'secret', 'cookie', 'cookies'];
    if (isMapping(value)) {
      for (const key of secretish) {
        if (key in value) c.add([...at, key], 'secrets never go in remit.yaml: use `remit portal add` to store them in the keychain');
      }
    }
    const known = ['id', 'company', 'payer', 'recipe', 'url', 'username', 'options'];
    const entry = c.mapping(isMapping(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => !secretish.includes(k))) : value, at, known, {
      shape: '(id, company, payer, recipe, url, username)',
      required: true,
    });
    if (!entry) return;
    const field = (key: string): string => c.text(entry[key], [...at, key], { required: true }) ?? '';
    const account: PortalAccount = {
      id: field('id'),
      company: field('company'),
      payer: field('payer'),
      recipe: field('recipe'),
      url: field('url'),
      username: field('username'),
      options: c.textMap(entry['options'], [...at, 'options']),
    };
    if (account.id && !CODE.test(account.id)) c.add([...at, 'id'], 'an account id is letters, digits, dot, dash or underscore (up to 40)');
    if (account.id && seen.has(account.id)) c.add([...at, 'id'], `"${account.id}" is used by another portal account`);
    seen.add(account.id);
    if (account.company && !companies[account.company]) c.add([...at, 'company'], 'names no company in companies');
    if (account.url && !/^https?:\/\//.test(account.url)) c.add([...at, 'url'], 'must start with http:// or https://');
    if (account.recipe && !RECIPE_NAME.test(account.recipe)) c.add([...at, 'recipe'], 'a recipe is named by lower-case letters, digits, "-" and "_" (a recipe in portals/), never a path');
    if (account.payer && !CODE.test(account.payer)) c.add([...at, 'payer'], 'a payer code is letters, digits, dot, dash or underscore (up to 40)');
    out.push(account);
  });
  return out;
}
