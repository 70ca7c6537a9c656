/**
 * The cheque printed on the same page as its stub (QuickBooks voucher and standard checks,
 * AP platforms' printed checks): its lines are the payee line, the amount in words, the
 * void/signature notes and the MICR line. They carry no remittance line, and the MICR line's
 * routing and account numbers must never be read as one, so such lines end a table and are
 * skipped. The cheque's own date and amount lines are ordinary labelled fields.
 */

const CHEQUE_WORDS = new RegExp(
  [
    String.raw`\bpay\s+to\s+the\s+order\s+of\b`,
    String.raw`\bto\s+the\s+order\s+of\b`,
    String.raw`\band\s+\d{2}\s*/\s*100\b`,
    String.raw`\b\d{2}\s*/\s*100\s+(?:dollars|only)\b`,
    String.raw`\bdollars\s+and\s+\d{1,2}\s+cents\b`,
    String.raw`\bvoid\s+(?:after|if\s+not)\b`,
    String.raw`\bnot\s+valid\s+(?:after|unless)\b`,
    String.raw`\bauthori[sz]ed\s+signature\b`,
    String.raw`\bzahlen\s+sie\s+(?:gegen\s+diesen\s+scheck|an)\b`,
    String.raw`\bpayez\s+contre\s+ce\s+ch[èe]que\b|\b[àa]\s+l'ordre\s+de\b`,
    String.raw`\bp[áa]guese\s+(?:a\s+la\s+orden|por\s+este\s+cheque)\b`,
  ].join('|'),
  'iu',
);

/** MICR characters (transit, amount, on-us, dash), or the letters OCR/text layers give them. */
const MICR_SYMBOLS = /[\u2446-\u2449]/;
const MICR_TEXT = /^(?:[A-D?]?\d{3,}[A-D?]?\s*){3,}$/;
/** MICR symbols (as letters) around digit groups: at least two, so a row of plain numbers is never taken for one. */
const MICR_MARKS = /\d[A-D?]|[A-D?]\d/g;

/** Words one of which every cheque line above has: most lines are told apart by this alone. */
const HINT_WORDS = /order|\/\s*100|dollar|cents|void|valid|signature|zahlen|payez|ordre|guese/i;
const HINT_MICR = /\d[A-D?]|[A-D?]\d|[\u2446-\u2449]/;

/** True for a line that belongs to the cheque itself. */
export function isChequeLine(text: string): boolean {
  if (!HINT_WORDS.test(text) && !HINT_MICR.test(text)) return false;
  const trimmed = text.trim();
  return CHEQUE_WORDS.test(text) || MICR_SYMBOLS.test(text) || (MICR_TEXT.test(trimmed) && (trimmed.match(MICR_MARKS)?.length ?? 0) >= 2);
}
