/**
 * The last place to look for a payment number or date: the file name, as portals and AP
 * systems name their exports (`Remittance_4471023_2024-09-16.csv`, `PaymentAdvice-20240916-
 * CHK10452.xlsx`). Only unambiguous dates (ISO, `yyyymmdd`) are taken; a payment number is
 * taken beside a word that announces it, or when it is the only number-like part.
 */
import { dateEvidence, parseDate } from '../../core/dates.js';

export interface FileNameFields {
  paymentRef?: string;
  paymentDate?: string;
}

const ANNOUNCES = /^(remittance|remit|remittanceadvice|payment|payments|pmt|pymt|paymentadvice|check|cheque|chk|eft|ach|wire|advice|avis|aviso|pago|paiement|zahlung|zahlungsavis|trace|ref|reference|confirmation|conf|voucher|no|nr|num|number)$/i;

export function fileNameFields(fileName: string): FileNameFields {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/\s*\(\d+\)$/, '');
  const out: FileNameFields = {};
  let rest = base;
  const iso = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(rest);
  if (iso) {
    const date = parseDate(iso[0], 'ymd');
    if (date.ok) out.paymentDate = date.iso;
    rest = rest.replace(iso[0], ' ');
  }
  const parts = rest.split(/[_\s.\-()[\]]+/).filter(Boolean);
  const kept: string[] = [];
  for (const part of parts) {
    if (!out.paymentDate && /^(19|20)\d{6}$/.test(part) && dateEvidence(part) === 'same') {
      const date = parseDate(part, 'ymd');
      if (date.ok) {
        out.paymentDate = date.iso;
        continue;
      }
    }
    kept.push(part);
  }
  const ref = announced(kept) ?? onlyNumber(kept);
  if (ref) out.paymentRef = ref;
  return out;
}

function looksLikeRef(part: string): boolean {
  return /\d/.test(part) && part.length >= 4 && part.length <= 30 && (part.match(/\d/g)?.length ?? 0) >= 3;
}

/** `Remittance_4471023`, `CHK10452`: the part after (or glued to) a word that names a payment. */
function announced(parts: string[]): string | undefined {
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i]!;
    const glued = /^(chk|check|cheque|eft|ach|pmt|pymt|payment|remittance|ref|trace)[-#]?(\d[\w-]*)$/i.exec(part);
    if (glued && looksLikeRef(glued[2]!)) return part;
    if (ANNOUNCES.test(part)) {
      const next = parts[i + 1];
      if (next && looksLikeRef(next)) return next;
    }
  }
  return undefined;
}

function onlyNumber(parts: string[]): string | undefined {
  const candidates = parts.filter((part) => looksLikeRef(part) && /^\d[\w]*$/.test(part) && !/^(19|20)\d{2}$/.test(part));
  return candidates.length === 1 ? candidates[0] : undefined;
}
