/**
 * MT940 field 86, Information to Account Owner (6*65x), in the three layouts banks use:
 *
 * 1. German DK structure (DFÜ-Abkommen Anlage 3, "Strukturierte Belegung des Feldes 86",
 *    https://www.ebics.de/de/datenformate): a 3-digit business transaction code (GVC), then
 *    subfields ?00 posting text, ?10 primanota, ?20-?29 and ?60-?63 purpose, ?30 payer's bank
 *    code or BIC, ?31 account or IBAN, ?32-?33 name, ?34 text key addition. SEPA identifiers
 *    in the purpose (EREF+ end-to-end ref, SVWZ+ remittance, ABWA+/ABWE+ ultimate parties,
 *    IBAN+, BIC+, PURP+...) each run to the next one, continuing across subfields.
 * 2. SWIFT code words (/EREF/.../ORDP//NAME/.../ID/.../REMI/USTD//text/OCMT/USD12,00/
 *    CHGS/USD1,00/), as in the Deutsche Bank/ING MT940 guides
 *    (https://studylib.net/doc/8074467/deutsche-bank-mt940-942-format-specifications
 *    section 3.11): each code word's value runs to the next; NAME/ID/ADDR/BIC belong to the
 *    party code word before them (ORDP ordering party, BENM beneficiary, ULTD/ULTB ultimate).
 * 3. Free text: lines of up to 65 characters.
 * In layouts 1 and 2 the line breaks are not content (fields wrap at 65 characters), so the
 * lines are joined with nothing; in free text a line that fills all 65 characters is taken
 * to run on into the next, any shorter line ends where it ends.
 */
import { swiftMinor } from '../amounts.js';
import type { BankEntryDetails, BankRemittance, Counterparty } from '../types.js';

export interface Information86 {
  details: BankEntryDetails;
  /** DK business transaction code (GVC). */
  gvc?: string;
  /** Words for the entry as the bank gives them (DK ?00 posting text). */
  postingText?: string;
  /** The customer's reference found here (/EREF/, EREF+), for an :61: with NONREF. */
  endToEndRef?: string;
  /** The text as one string, for BankEntry.text. */
  flat: string;
}

const CODE_WORDS = new Set([
  'EREF', 'PREF', 'KREF', 'MARF', 'CSID', 'ORDP', 'BENM', 'ULTD', 'ULTB', 'ULTC', 'NAME', 'ID', 'ADDR', 'BIC', 'IBAN',
  'REMI', 'PURP', 'RTRN', 'OCMT', 'CHGS', 'EXCH', 'IREF', 'TRCD', 'CDTRREFTP', 'CDTRREF', 'IMAD', 'OMAD', 'ACCW', 'SVCL',
]);
const PARTY_WORDS = new Set(['ORDP', 'BENM', 'ULTD', 'ULTB', 'ULTC']);
const SEPA = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC|PURP|COAM|OAMT)\+/g;

export function readInformation86(value: string, credit: boolean, firstLineWidth = 65): Information86 {
  const lines = value.split('\n');
  const joined = lines.join('');
  const dk = /^(\d{3})\?(\d{2})/.exec(joined);
  if (dk) return dkLayout(joined, credit);
  if (/^\/[A-Z]{2,9}\//.test(joined) && CODE_WORDS.has(joined.slice(1, joined.indexOf('/', 1)))) return codeWordLayout(joined, credit);
  const text = freeText(lines, firstLineWidth);
  const details: BankEntryDetails = {};
  if (text.length > 0) details.remittance = { unstructured: text };
  return { details, flat: text.join(' ') };
}

function freeText(lines: string[], firstLineWidth: number): string[] {
  const out: string[] = [];
  let current = '';
  lines.forEach((line, i) => {
    current += line;
    const width = i === 0 ? firstLineWidth : 65;
    if (line.length < width) {
      if (current.trim()) out.push(current.trim());
      current = '';
    }
  });
  if (current.trim()) out.push(current.trim());
  return out;
}

function dkLayout(joined: string, credit: boolean): Information86 {
  const gvc = joined.slice(0, 3);
  const pairs: Array<[string, string]> = [];
  for (const part of joined.slice(4).split('?')) {
    const key = part.slice(0, 2);
    if (/^\d{2}$/.test(key)) pairs.push([key, part.slice(2)]);
  }
  const subfield = (key: string) => pairs.filter(([k]) => k === key).map(([, v]) => v).join('');
  const purposeParts = pairs.filter(([k]) => (k >= '20' && k <= '29') || (k >= '60' && k <= '63')).map(([, v]) => v);
  const purpose = purposeParts.join('');
  const details: BankEntryDetails = {};
  const counterparty: Counterparty = {};
  const name = `${subfield('32')}${subfield('33')}`.trim();
  if (name) counterparty.name = name;
  const account = subfield('31').trim();
  if (account) counterparty.account = account;
  const bank = subfield('30').trim();
  if (bank) counterparty.bankId = bank;
  const remittance: BankRemittance = {};
  let endToEndRef: string | undefined;
  const marks = [...purpose.matchAll(SEPA)];
  if (marks.length > 0 && marks[0]!.index === 0) {
    marks.forEach((mark, i) => {
      const from = mark.index + mark[0].length;
      const valueText = purpose.slice(from, marks[i + 1]?.index ?? purpose.length).trim();
      if (!valueText) return;
      switch (mark[1]) {
        case 'EREF':
          if (valueText.toUpperCase() !== 'NOTPROVIDED') endToEndRef = valueText;
          break;
        case 'SVWZ':
          (remittance.unstructured ??= []).push(valueText);
          break;
        case 'ABWA':
          if (credit) counterparty.ultimateName = valueText;
          break;
        case 'ABWE':
          if (!credit) counterparty.ultimateName = valueText;
          break;
        case 'IBAN':
          counterparty.account ??= valueText;
          break;
        case 'BIC':
          counterparty.bankId ??= valueText;
          break;
        case 'PURP':
          details.purpose = valueText;
          break;
      }
    });
  } else {
    const parts = purposeParts.map((p) => p.trim()).filter((p) => p);
    if (parts.length > 0) remittance.unstructured = parts;
  }
  if (Object.keys(counterparty).length > 0) details.counterparty = counterparty;
  if (Object.keys(remittance).length > 0) details.remittance = remittance;
  const postingText = subfield('00').trim();
  const info: Information86 = { details, gvc, flat: [postingText, ...purposeParts.map((p) => p.trim()), name].filter((p) => p).join(' ') };
  if (postingText) info.postingText = postingText;
  if (endToEndRef) info.endToEndRef = endToEndRef;
  return info;
}

function codeWordLayout(joined: string, credit: boolean): Information86 {
  const tokens: Array<{ word: string; valueStart: number; start: number }> = [];
  for (let at = joined.indexOf('/'); at >= 0 && at < joined.length; ) {
    const close = joined.indexOf('/', at + 1);
    if (close < 0) break;
    const word = joined.slice(at + 1, close);
    if (CODE_WORDS.has(word)) {
      tokens.push({ word, start: at, valueStart: close + 1 });
      at = close;
      // the closing slash may also open the next code word ("/ORDP//NAME/")
      if (joined[close + 1] === '/') at = close + 1;
      continue;
    }
    at = close;
  }
  const details: BankEntryDetails = {};
  const parties: Record<string, Counterparty> = {};
  const remittance: BankRemittance = {};
  let party = '';
  let endToEndRef: string | undefined;
  tokens.forEach((token, i) => {
    let value = joined.slice(token.valueStart, tokens[i + 1]?.start ?? joined.length);
    if (value.endsWith('/')) value = value.slice(0, -1);
    value = value.trim();
    if (PARTY_WORDS.has(token.word)) {
      party = token.word;
      return;
    }
    const target = (parties[party] ??= {});
    switch (token.word) {
      case 'NAME':
        if (value) target.name = value;
        break;
      case 'ID':
        if (value) target.id = value;
        break;
      case 'IBAN':
        if (value) target.account = value;
        break;
      case 'BIC':
        if (value) target.bankId = value;
        break;
      case 'EREF':
        if (value && value.toUpperCase() !== 'NOTPROVIDED') endToEndRef = value;
        break;
      case 'REMI':
        if (value.startsWith('USTD//')) pushLine(remittance, value.slice(6));
        else if (value.startsWith('STRD/CUR/')) (remittance.creditorRefs ??= []).push(value.slice(9));
        else pushLine(remittance, value);
        break;
      case 'CDTRREF':
        if (value) (remittance.creditorRefs ??= []).push(value);
        break;
      case 'OCMT':
      case 'CHGS': {
        const amount = currencyAmount(value);
        if (amount) details[token.word === 'OCMT' ? 'instructedAmount' : 'charges'] = amount;
        break;
      }
      case 'PURP':
        if (value) details.purpose = value.replace(/^\/?CD\//, '');
        break;
      case 'RTRN':
        if (value) details.returnReason = value;
        break;
      case 'IMAD':
        if (value) details.traceNumber = value;
        break;
    }
  });
  const own = parties[credit ? 'ORDP' : 'BENM'];
  const ultimate = parties[credit ? 'ULTD' : 'ULTB'];
  const counterparty: Counterparty = { ...(own ?? {}) };
  if (ultimate?.name) counterparty.ultimateName = ultimate.name;
  if (Object.keys(counterparty).length > 0) details.counterparty = counterparty;
  if (Object.keys(remittance).length > 0) details.remittance = remittance;
  const info: Information86 = { details, flat: joined };
  if (endToEndRef) info.endToEndRef = endToEndRef;
  return info;
}

function pushLine(remittance: BankRemittance, text: string): void {
  const line = text.trim();
  if (line) (remittance.unstructured ??= []).push(line);
}

/** "USD115224,81" (3!a15d) to an amount. */
function currencyAmount(value: string): { amountMinor: number; currency: string } | undefined {
  const m = /^([A-Z]{3})(\d[\d,]*)$/.exec(value);
  if (!m) return undefined;
  const read = swiftMinor(m[2]!, m[1]!);
  return read.ok ? { amountMinor: read.minor, currency: m[1]! } : undefined;
}
