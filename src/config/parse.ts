/**
 * Validate the raw YAML document of remit.yaml into a Config. Every problem is collected
 * with its path; the caller reports them all at once (exit 2).
 */
import { REASON_CODES } from '../core/reasons.js';
import { parseAmount } from '../core/money.js';
import { validatePdfTemplate } from '../parsers/pdf/template.js';
import { parseNotifySettings } from '../notify/config.js';
import { DEFAULT_LIMITS } from '../parsers/types.js';
import type { Company, Config, PayerSettings, PortalAccount } from './schema.js';
import { DEFAULT_DEDUCTION_ACCOUNTS, DEFAULT_INVOICE_PREFIXES } from './schema.js';
import {
  Problems,
  isRecord,
  optionalBoolean,
  optionalNumber,
  optionalString,
  section,
  stringList,
  stringMap,
  unknownKeys,
  type Raw,
} from './validate.js';

const TOP_KEYS = ['default_company', 'companies', 'payers', 'matching', 'limits', 'portals', 'secrets', 'browser', 'fetch', 'run', 'logs', 'notify'] as const;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const CURRENCY = /^[A-Z]{3}$/;
export const COLUMN_FIELDS = [
  'reference', 'invoice_date', 'po', 'gross', 'discount', 'adjustment', 'reason', 'paid', 'payment_ref',
  'payment_date', 'currency', 'description', 'customer', 'due_date', 'original', 'open', 'customer_name',
] as const;

export function parseConfig(raw: unknown): { config?: Config; problems: string[] } {
  const problems = new Problems();
  const root: Raw = isRecord(raw) ? raw : {};
  if (raw !== null && raw !== undefined && !isRecord(raw)) problems.add('(top)', 'remit.yaml must be a mapping of settings');
  unknownKeys(root, TOP_KEYS, '', problems);

  const companies = parseCompanies(section(root, 'companies', 'companies', problems), problems);
  const payers = parsePayers(section(root, 'payers', 'payers', problems), problems);
  const defaultCompany = optionalString(root, 'default_company', 'default_company', problems);
  if (defaultCompany !== undefined && !companies[defaultCompany]) {
    problems.add('default_company', `names no company in companies (have: ${Object.keys(companies).join(', ') || 'none'})`);
  }

  const matchingRaw = section(root, 'matching', 'matching', problems);
  unknownKeys(matchingRaw, ['auto_apply_confidence', 'invoice_prefixes', 'date_window_days', 'write_off_tolerance', 'discount_grace_days', 'max_subset_size'], 'matching', problems);
  const toleranceText = optionalString(matchingRaw, 'write_off_tolerance', 'matching.write_off_tolerance', problems) ?? '0.00';
  const tolerance = parseAmount(toleranceText);
  if (!tolerance.ok || tolerance.minor < 0 || tolerance.minor > 100_00) {
    problems.add('matching.write_off_tolerance', `must be an amount from 0.00 to 100.00, got "${toleranceText}"`);
  }
  const matching = {
    autoApplyConfidence:
      optionalNumber(matchingRaw, 'auto_apply_confidence', 'matching.auto_apply_confidence', problems, { min: 0, max: 1 }) ?? 0.95,
    invoicePrefixes: stringList(matchingRaw, 'invoice_prefixes', 'matching.invoice_prefixes', problems) ?? DEFAULT_INVOICE_PREFIXES,
    dateWindowDays: optionalNumber(matchingRaw, 'date_window_days', 'matching.date_window_days', problems, { min: 1, max: 3650, integer: true }) ?? 120,
    writeOffToleranceMinor: tolerance.ok ? tolerance.minor : 0,
    discountGraceDays: optionalNumber(matchingRaw, 'discount_grace_days', 'matching.discount_grace_days', problems, { min: 0, max: 60, integer: true }) ?? 0,
    maxSubsetSize: optionalNumber(matchingRaw, 'max_subset_size', 'matching.max_subset_size', problems, { min: 1, max: 12, integer: true }) ?? 6,
  };

  const limitsRaw = section(root, 'limits', 'limits', problems);
  unknownKeys(limitsRaw, ['max_file_mb', 'max_rows', 'max_field_chars', 'parse_seconds', 'max_expanded_mb'], 'limits', problems);
  const mb = 1024 * 1024;
  const limits = {
    maxFileBytes: (optionalNumber(limitsRaw, 'max_file_mb', 'limits.max_file_mb', problems, { min: 1, max: 100_000 }) ?? 200) * mb,
    maxRows: optionalNumber(limitsRaw, 'max_rows', 'limits.max_rows', problems, { min: 1, max: 1e9, integer: true }) ?? DEFAULT_LIMITS.maxRows,
    maxFieldChars:
      optionalNumber(limitsRaw, 'max_field_chars', 'limits.max_field_chars', problems, { min: 16, max: 1e9, integer: true }) ??
      DEFAULT_LIMITS.maxFieldChars,
    parseSeconds: optionalNumber(limitsRaw, 'parse_seconds', 'limits.parse_seconds', problems, { min: 1, max: 86_400 }) ?? 300,
    maxExpandedBytes:
      (optionalNumber(limitsRaw, 'max_expanded_mb', 'limits.max_expanded_mb', problems, { min: 1, max: 100_000 }) ?? 512) * mb,
  };

  const portals = parsePortals(root['portals'], companies, problems);

  const secretsRaw = section(root, 'secrets', 'secrets', problems);
  unknownKeys(secretsRaw, ['store', 'vault_file', 'passphrase_env'], 'secrets', problems);
  const store = optionalString(secretsRaw, 'store', 'secrets.store', problems) ?? 'keychain';
  if (store !== 'keychain' && store !== 'vault') problems.add('secrets.store', `must be keychain or vault, got "${store}"`);
  const passphraseEnv = optionalString(secretsRaw, 'passphrase_env', 'secrets.passphrase_env', problems);
  if (store === 'vault' && !passphraseEnv) problems.add('secrets.passphrase_env', 'the vault needs the name of the environment variable holding its passphrase');
  const vaultFile = optionalString(secretsRaw, 'vault_file', 'secrets.vault_file', problems);

  const browserRaw = section(root, 'browser', 'browser', problems);
  unknownKeys(browserRaw, ['executable_path', 'channel'], 'browser', problems);
  const executablePath = optionalString(browserRaw, 'executable_path', 'browser.executable_path', problems);
  const channel = optionalString(browserRaw, 'channel', 'browser.channel', problems);

  const fetchRaw = section(root, 'fetch', 'fetch', problems);
  unknownKeys(fetchRaw, ['concurrency', 'timeout_seconds', 'step_timeout_seconds', 'retries'], 'fetch', problems);
  const fetch = {
    concurrency: optionalNumber(fetchRaw, 'concurrency', 'fetch.concurrency', problems, { min: 1, max: 64, integer: true }) ?? 3,
    timeoutSeconds: optionalNumber(fetchRaw, 'timeout_seconds', 'fetch.timeout_seconds', problems, { min: 5, max: 7200 }) ?? 600,
    stepTimeoutSeconds: optionalNumber(fetchRaw, 'step_timeout_seconds', 'fetch.step_timeout_seconds', problems, { min: 1, max: 600 }) ?? 30,
    retries: optionalNumber(fetchRaw, 'retries', 'fetch.retries', problems, { min: 0, max: 10, integer: true }) ?? 2,
  };

  const runRaw = section(root, 'run', 'run', problems);
  unknownKeys(runRaw, ['overlap_days', 'first_days', 'max_catch_up_days', 'export_gl'], 'run', problems);
  const run = {
    overlapDays: optionalNumber(runRaw, 'overlap_days', 'run.overlap_days', problems, { min: 0, max: 60, integer: true }) ?? 2,
    firstDays: optionalNumber(runRaw, 'first_days', 'run.first_days', problems, { min: 1, max: 366, integer: true }) ?? 7,
    maxCatchUpDays: optionalNumber(runRaw, 'max_catch_up_days', 'run.max_catch_up_days', problems, { min: 1, max: 366, integer: true }) ?? 45,
    exportGl: optionalBoolean(runRaw, 'export_gl', 'run.export_gl', problems) ?? false,
  };
  const logsRaw = section(root, 'logs', 'logs', problems);
  unknownKeys(logsRaw, ['retention_days'], 'logs', problems);
  const logs = { retentionDays: optionalNumber(logsRaw, 'retention_days', 'logs.retention_days', problems, { min: 1, max: 3650, integer: true }) ?? 90 };

  const notify = parseNotifySettings(root['notify'], 'notify');
  for (const problem of notify.problems) problems.add(problem.path, problem.message);

  if (!problems.empty || !notify.settings) return { problems: problems.list };
  return {
    problems: [],
    config: {
      ...(defaultCompany ? { defaultCompany } : {}),
      companies,
      payers,
      matching,
      limits,
      portals,
      secrets: {
        store: store as 'keychain' | 'vault',
        ...(vaultFile ? { vaultFile } : {}),
        ...(passphraseEnv ? { passphraseEnv } : {}),
      },
      browser: { ...(executablePath ? { executablePath } : {}), ...(channel ? { channel } : {}) },
      fetch,
      run,
      logs,
      notify: notify.settings,
    },
  };
}

function parseCompanies(raw: Raw, problems: Problems): Record<string, Company> {
  const out: Record<string, Company> = {};
  for (const [code, value] of Object.entries(raw)) {
    const path = `companies.${code}`;
    if (!CODE.test(code)) problems.add(path, 'a company code is letters, digits, dot, dash or underscore (up to 40)');
    if (!isRecord(value)) {
      problems.add(path, 'must be a mapping (name, currency, gl)');
      continue;
    }
    unknownKeys(value, ['name', 'currency', 'gl'], path, problems);
    const currency = optionalString(value, 'currency', `${path}.currency`, problems) ?? 'USD';
    if (!CURRENCY.test(currency)) problems.add(`${path}.currency`, `must be a three-letter ISO code such as USD, got "${currency}"`);
    const gl = section(value, 'gl', `${path}.gl`, problems);
    unknownKeys(gl, ['bank_clearing', 'accounts_receivable', 'discounts_allowed', 'unapplied_cash', 'write_off', 'deductions'], `${path}.gl`, problems);
    const account = (key: string, fallback: string): string => optionalString(gl, key, `${path}.gl.${key}`, problems) ?? fallback;
    const deductions = { ...DEFAULT_DEDUCTION_ACCOUNTS, ...stringMap(gl, 'deductions', `${path}.gl.deductions`, problems) };
    for (const reason of Object.keys(deductions)) {
      if (reason !== 'default' && !(REASON_CODES as readonly string[]).includes(reason)) {
        problems.add(`${path}.gl.deductions.${reason}`, `unknown reason code (expected default or one of: ${REASON_CODES.join(', ')})`);
      }
    }
    out[code] = {
      code,
      name: optionalString(value, 'name', `${path}.name`, problems) ?? code,
      currency,
      gl: {
        bankClearing: account('bank_clearing', '1090'),
        accountsReceivable: account('accounts_receivable', '1200'),
        discountsAllowed: account('discounts_allowed', '4910'),
        unappliedCash: account('unapplied_cash', '2410'),
        writeOff: account('write_off', '6990'),
        deductions,
      },
    };
  }
  return out;
}

function parsePayers(raw: Raw, problems: Problems): Record<string, PayerSettings> {
  const out: Record<string, PayerSettings> = {};
  for (const [code, value] of Object.entries(raw)) {
    const path = `payers.${code}`;
    if (!CODE.test(code)) problems.add(path, 'a payer code is letters, digits, dot, dash or underscore (up to 40)');
    const entry: Raw = isRecord(value) ? value : {};
    if (value !== null && !isRecord(value)) problems.add(path, 'must be a mapping');
    unknownKeys(entry, ['name', 'currency', 'date_order', 'decimal_comma', 'columns', 'reason_codes', 'ids', 'adx_sign', 'pdf_template'], path, problems);
    const dateOrder = optionalString(entry, 'date_order', `${path}.date_order`, problems) ?? 'mdy';
    if (!['mdy', 'dmy', 'ymd'].includes(dateOrder)) problems.add(`${path}.date_order`, `must be mdy, dmy or ymd, got "${dateOrder}"`);
    const columns = stringMap(entry, 'columns', `${path}.columns`, problems);
    for (const field of Object.keys(columns)) {
      if (!(COLUMN_FIELDS as readonly string[]).includes(field)) {
        problems.add(`${path}.columns.${field}`, `unknown field (expected one of: ${COLUMN_FIELDS.join(', ')})`);
      }
    }
    const reasonCodes = stringMap(entry, 'reason_codes', `${path}.reason_codes`, problems);
    for (const [raw, code] of Object.entries(reasonCodes)) {
      if (!(REASON_CODES as readonly string[]).includes(code)) {
        problems.add(`${path}.reason_codes.${raw}`, `"${code}" is not a reason code (expected one of: ${REASON_CODES.join(', ')})`);
      }
    }
    const adxSign = optionalString(entry, 'adx_sign', `${path}.adx_sign`, problems);
    if (adxSign !== undefined && adxSign !== 'negative-kept' && adxSign !== 'positive-kept') {
      problems.add(`${path}.adx_sign`, `must be negative-kept or positive-kept, got "${adxSign}"`);
    }
    const pdfTemplate = entry['pdf_template'];
    if (pdfTemplate !== undefined) {
      // The template validator words each problem with its full path already.
      for (const problem of validatePdfTemplate(pdfTemplate, `${path}.pdf_template`).problems) {
        const cut = problem.indexOf(': ');
        problems.add(cut > 0 ? problem.slice(0, cut) : `${path}.pdf_template`, cut > 0 ? problem.slice(cut + 2) : problem);
      }
    }
    const name = optionalString(entry, 'name', `${path}.name`, problems);
    const currency = optionalString(entry, 'currency', `${path}.currency`, problems);
    if (currency !== undefined && !CURRENCY.test(currency)) problems.add(`${path}.currency`, `must be a three-letter ISO code, got "${currency}"`);
    out[code] = {
      code,
      ...(name ? { name } : {}),
      ...(currency ? { currency } : {}),
      dateOrder: dateOrder as PayerSettings['dateOrder'],
      decimalComma: optionalBoolean(entry, 'decimal_comma', `${path}.decimal_comma`, problems) ?? false,
      columns,
      reasonCodes,
      ids: stringList(entry, 'ids', `${path}.ids`, problems) ?? [],
      ...(adxSign ? { adxSign: adxSign as PayerSettings['adxSign'] } : {}),
      ...(isRecord(pdfTemplate) ? { pdfTemplate } : {}),
    };
  }
  return out;
}

function parsePortals(raw: unknown, companies: Record<string, Company>, problems: Problems): PortalAccount[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.add('portals', 'must be a list of portal accounts');
    return [];
  }
  const seen = new Set<string>();
  const out: PortalAccount[] = [];
  raw.forEach((value, index) => {
    const path = `portals[${index}]`;
    if (!isRecord(value)) {
      problems.add(path, 'must be a mapping (id, company, payer, recipe, url, username)');
      return;
    }
    unknownKeys(value, ['id', 'company', 'payer', 'recipe', 'url', 'username', 'options'], path, problems);
    for (const secretish of ['password', 'totp', 'totp_secret', 'secret', 'cookie', 'cookies']) {
      if (secretish in value) problems.add(`${path}.${secretish}`, 'secrets never go in remit.yaml: use `remit portal add` to store them in the keychain');
    }
    const field = (key: string): string => {
      const text = optionalString(value, key, `${path}.${key}`, problems);
      if (!text) problems.add(`${path}.${key}`, 'is required');
      return text ?? '';
    };
    const account: PortalAccount = {
      id: field('id'),
      company: field('company'),
      payer: field('payer'),
      recipe: field('recipe'),
      url: field('url'),
      username: field('username'),
      options: stringMap(value, 'options', `${path}.options`, problems),
    };
    if (account.id && !CODE.test(account.id)) problems.add(`${path}.id`, 'an account id is letters, digits, dot, dash or underscore (up to 40)');
    if (account.id && seen.has(account.id)) problems.add(`${path}.id`, `"${account.id}" is used by another portal account`);
    seen.add(account.id);
    if (account.company && !companies[account.company]) problems.add(`${path}.company`, `names no company in companies`);
    if (account.url && !/^https?:\/\//.test(account.url)) problems.add(`${path}.url`, 'must start with http:// or https://');
    out.push(account);
  });
  return out;
}
