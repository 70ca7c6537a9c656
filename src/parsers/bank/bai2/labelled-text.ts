/**
 * The labelled text US banks put in the BAI2 16 text field: the NACHA entry fields of an
 * ACH item ("ORIG CO NAME:", "ORIG ID:", "CO ENTRY DESCR:", "SEC:", "TRACE#:", "IND ID:",
 * "PMT INFO:" with the CTX addenda) and the Fedwire/SWIFT fields of a wire ("B/O:" by order
 * of, "ORD INST:", "BNF:", "VIA:", "OBI:"/"REMI:" remittance, "IMAD:", "UETR:").
 *
 * BAI2 leaves the text free (BAI2 2005, record 16 "Text"); these labels follow the NACHA
 * field names (https://www.nacha.org/rules, Appendix Three: Company Name, Company
 * Identification, Company Entry Description, Standard Entry Class, Trace Number) and the
 * Fedwire tags as banks print them. A label is only read where the text has it, each value
 * running to the next label; a text with no label gives nothing here.
 */
import { addendaFacts } from '../addenda-820.js';
import type { BankEntryDetails, Counterparty } from '../types.js';

const LABELS = [
  'ORIG CO NAME', 'ORIG ID', 'DESC DATE', 'CO ENTRY DESCR', 'SEC', 'TRACE#', 'EED', 'IND ID', 'IND NAME',
  'PMT INFO', 'ADDENDA', 'B/O', 'ORD INST', 'REMI', 'UETR', 'BNF', 'VIA', 'OBI', 'IMAD', 'OMAD',
] as const;
type Label = (typeof LABELS)[number];

const BIC = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;
/** Labels by the character just before their colon, so each colon of a text is checked against a few. */
const BY_LAST = new Map<number, Label[]>();
for (const label of LABELS) {
  const last = label.charCodeAt(label.length - 1);
  BY_LAST.set(last, [...(BY_LAST.get(last) ?? []), label]);
}

/** Label -> value for the labels present in `text`, first occurrence of each. */
export function labelsOf(text: string): Map<Label, string> | undefined {
  // Scanned colon by colon rather than by one alternation regex: this runs for every entry of a million-entry file.
  const found: Array<{ label: Label; start: number; end: number }> = [];
  for (let colon = text.indexOf(':'); colon > 0; colon = text.indexOf(':', colon + 1)) {
    const candidates = BY_LAST.get(text.charCodeAt(colon - 1));
    if (!candidates) continue;
    for (const label of candidates) {
      const start = colon - label.length;
      if (start < 0 || (start > 0 && !isSpace(text.charCodeAt(start - 1))) || !text.startsWith(label, start)) continue;
      const end = isSpace(text.charCodeAt(colon + 1)) ? colon + 2 : colon + 1;
      found.push({ label, start: start > 0 ? start - 1 : 0, end });
      break;
    }
  }
  if (found.length === 0) return undefined;
  const values = new Map<Label, string>();
  for (let i = 0; i < found.length; i += 1) {
    const here = found[i]!;
    const value = text.slice(here.end, found[i + 1]?.start ?? text.length).trim();
    if (!values.has(here.label) && value !== '') values.set(here.label, value);
  }
  return values;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** What the labels say about the entry; `credit` chooses whose name a wire names. */
export function detailsFromLabels(text: string, credit: boolean, minorDigits: number): BankEntryDetails {
  const labels = labelsOf(text);
  const details: BankEntryDetails = {};
  if (!labels) return details;
  const counterparty: Counterparty = {};
  const name = labels.get('ORIG CO NAME') ?? (credit ? labels.get('B/O') : labels.get('BNF'));
  if (name) {
    const account = /^(.*?)\s+AC-(\S+)$/.exec(name);
    if (account) {
      counterparty.name = account[1]!;
      counterparty.account = account[2]!;
    } else counterparty.name = name;
  }
  const id = labels.get('ORIG ID');
  if (id) counterparty.id = id;
  const bank = credit ? labels.get('ORD INST') : labels.get('VIA');
  if (bank) {
    const [first = '', ...rest] = bank.split(/\s+/);
    if (BIC.test(first) || /^\d{9}$/.test(first)) {
      counterparty.bankId = first;
      if (rest.length > 0) counterparty.bankName = rest.join(' ');
    } else counterparty.bankName = bank;
  }
  if (Object.keys(counterparty).length > 0) details.counterparty = counterparty;
  const trace = labels.get('TRACE#') ?? labels.get('IMAD');
  if (trace) details.traceNumber = trace;
  const uetr = labels.get('UETR');
  if (uetr) details.uetr = uetr;

  const lines: string[] = [];
  for (const label of ['REMI', 'OBI'] as const) {
    const value = labels.get(label);
    if (value) lines.push(value);
  }
  const addenda = labels.get('PMT INFO') ?? labels.get('ADDENDA');
  const facts = addenda ? addendaFacts(addenda, minorDigits) : undefined;
  if (addenda && !facts) lines.push(addenda);
  if (lines.length > 0 || facts) details.remittance = { ...(lines.length > 0 ? { unstructured: lines } : {}), ...facts };
  return details;
}
