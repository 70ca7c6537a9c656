/**
 * Payment-level facts written above a body table as "Label: value" lines
 * ("Payment Number  : 43167605", "Payment Date: 09/27/2024", "Payment Amount: USD 40,123.99"),
 * or as two-cell rows of an HTML table, which the HTML reader renders as the same lines.
 * Labels are the file readers' column names (payment number, check #, EFT date...), so a
 * body and a spreadsheet of the same payer read alike. The last line of a kind before the
 * table wins: it is the one nearest the table.
 */
import { parseAmount, type Minor } from '../../core/money.js';
import { REMITTANCE_COLUMNS, normaliseHeader } from '../../parsers/tabular/columns.js';

export interface PaymentFields {
  /** As written, e.g. "005543597" (leading zeros kept). */
  paymentRef?: string;
  /** As written; read by the tabular reader with the payer's date order. */
  paymentDate?: string;
  /** As written, e.g. "USD 40,123.99". */
  amountText?: string;
  /** The amount in minor units, when it reads as one. */
  amountMinor?: Minor;
  /** An ISO 4217 code written with the amount or on its own line. */
  currency?: string;
  method?: string;
}

const AMOUNT_LABELS = ['payment amount', 'amount', 'total payment', 'total amount', 'check amount', 'cheque amount', 'payment total', 'remittance amount',
  'eft amount', 'amount paid', 'total paid', 'net payment', 'total'];
const METHOD_LABELS = ['payment method', 'method', 'payment type'];

const LABELS = new Map<string, keyof PaymentFields>();
for (const name of REMITTANCE_COLUMNS['payment_ref'] ?? []) LABELS.set(normaliseHeader(name), 'paymentRef');
for (const name of REMITTANCE_COLUMNS['payment_date'] ?? []) LABELS.set(normaliseHeader(name), 'paymentDate');
for (const name of REMITTANCE_COLUMNS['currency'] ?? []) LABELS.set(normaliseHeader(name), 'currency');
for (const name of AMOUNT_LABELS) LABELS.set(normaliseHeader(name), 'amountText');
for (const name of METHOD_LABELS) LABELS.set(normaliseHeader(name), 'method');

const LINE = /^\s*([A-Za-z][A-Za-z0-9 #/.&()'-]{0,40}?)\s*:\s*(\S.*?)\s*$/;
const CURRENCY_CODE = /\b([A-Z]{3})\b/;

export function paymentFields(text: string, options: { decimalComma?: boolean } = {}): PaymentFields {
  const fields: PaymentFields = {};
  for (const line of text.split(/\r\n|\n|\r/)) {
    const match = LINE.exec(line);
    if (!match) continue;
    const field = LABELS.get(normaliseHeader(match[1]!));
    if (!field) continue;
    const value = match[2]!.trim();
    if (field === 'paymentRef') {
      const ref = /^[#:\s]*([A-Za-z0-9][A-Za-z0-9/_.-]*)/.exec(value)?.[1]?.replace(/[.]+$/, '');
      if (ref && /\d/.test(ref)) fields.paymentRef = ref;
    } else if (field === 'amountText') {
      const result = parseAmount(value, { decimalComma: options.decimalComma ?? false });
      if (!result.ok) continue;
      fields.amountText = value;
      fields.amountMinor = result.minor;
      const code = CURRENCY_CODE.exec(value)?.[1];
      if (code) fields.currency = code;
    } else if (field === 'currency') {
      const code = CURRENCY_CODE.exec(value.toUpperCase())?.[1];
      if (code) fields.currency = code;
    } else if (field === 'paymentDate') {
      fields.paymentDate = value;
    } else {
      fields.method = value;
    }
  }
  return fields;
}
