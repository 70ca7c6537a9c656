/**
 * What an attachment is, from its bytes: a remittance document remit can import, an
 * archive to open, or something to skip with a reason an operator understands. The name
 * and the declared type decide nothing a file's content can decide (a `.txt` that is an
 * 820, a CSV sent as application/octet-stream); they only name what has no content test
 * (a signature, an encrypted part).
 */
import * as XLSX from '@e965/xlsx';
import { ParseError } from '../../core/errors.js';
import { detectFormat } from '../../parsers/detect.js';
import type { Row } from '../../parsers/tabular/cells.js';
import { readDelimited } from '../../parsers/tabular/delimited.js';
import { listZip } from '../../parsers/tabular/zip-guard.js';
import { DEFAULT_LIMITS, type ParseLimits } from '../../parsers/types.js';
import { isZip } from './archive.js';
import { headerRowScore, remittanceHeader } from './header-score.js';
import { htmlTables } from './html-tables.js';
import { textTables } from './text-tables.js';

export type DocumentFormat = 'pdf' | 'csv' | 'xlsx' | 'xls' | 'xls-html' | 'x12-820' | 'edifact-remadv';

export type AttachmentKind =
  | { kind: 'document'; format: DocumentFormat }
  | { kind: 'archive' }
  /** A text file holding an aligned (fixed-width) table: read like a body table. */
  | { kind: 'text-table'; text: string }
  | { kind: 'skip'; reason: string };

export interface KindOptions {
  /** A payer's own column names (remit.yaml payers.<ID>.columns): they make a header recognisable too. */
  columns: Partial<Record<string, string>>;
  parseLimits: ParseLimits;
}

export const DEFAULT_KIND_OPTIONS: KindOptions = { columns: {}, parseLimits: DEFAULT_LIMITS };

export interface AttachmentFacts {
  bytes: Uint8Array;
  contentType: string;
  fileName: string | undefined;
  /** Shown inside the HTML body (a cid: image) rather than attached. */
  inline: boolean;
}

const SIGNATURE_TYPES = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature', 'application/pgp-signature']);
const ENCRYPTED_TYPES = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime', 'application/pgp-encrypted']);
const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics', 'text/x-vcalendar']);
const VCARD_TYPES = new Set(['text/vcard', 'text/x-vcard', 'text/directory']);

export function attachmentKind(facts: AttachmentFacts, options: KindOptions = DEFAULT_KIND_OPTIONS): AttachmentKind {
  const { bytes, contentType } = facts;
  const name = (facts.fileName ?? '').toLowerCase();
  if (bytes.length === 0) return skip('an empty attachment');
  if (SIGNATURE_TYPES.has(contentType) || /\.(p7s|asc|sig)$/.test(name)) return skip('a digital signature (S/MIME or PGP), not a remittance');
  if (ENCRYPTED_TYPES.has(contentType) || /\.p7m$/.test(name)) return skip("an encrypted message part: it cannot be read without the recipient's key");
  if (contentType === 'application/ms-tnef' || name === 'winmail.dat') return skip('Outlook TNEF (winmail.dat), which remit does not open: ask the sender to send plain attachments');
  if (contentType.startsWith('message/')) return skip(`a ${contentType} part (a delivery or read report), not a remittance`);
  const image = imageType(bytes);
  if (image) return skip(facts.inline ? `an inline ${image} image shown in the message (a logo or signature)` : `a ${image} image: remit reads no scanned remittances`);
  if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) return { kind: 'document', format: 'pdf' };
  if (isZip(bytes)) return zipKind(bytes);
  if (isCompound(bytes)) return compoundKind(bytes);
  return textKind(facts, options);
}

function zipKind(bytes: Uint8Array): AttachmentKind {
  let names: string[];
  try {
    names = listZip(bytes).map((entry) => entry.name.toLowerCase());
  } catch (err) {
    return skip(err instanceof ParseError ? err.message : 'a damaged ZIP archive');
  }
  if (names.some((n) => n === 'xl/workbook.xml' || n === 'xl/workbook.bin')) return { kind: 'document', format: 'xlsx' };
  if (names.includes('word/document.xml')) return skip('a Word document (.docx), not a remittance format remit reads');
  if (names.includes('ppt/presentation.xml')) return skip('a PowerPoint file, not a remittance format remit reads');
  if (names.includes('mimetype') && names.includes('content.xml')) return skip('an OpenDocument file, not a remittance format remit reads');
  return { kind: 'archive' };
}

function compoundKind(bytes: Uint8Array): AttachmentKind {
  let names: string[];
  try {
    names = XLSX.CFB.read(bytes, { type: 'buffer' }).FullPaths.map((path: string) => path.split('/').filter(Boolean).pop()?.toLowerCase() ?? '');
  } catch {
    return skip('a damaged Office file');
  }
  if (names.includes('workbook') || names.includes('book')) return { kind: 'document', format: 'xls' };
  if (names.includes('__properties_version1.0')) return skip('an Outlook message (.msg) that could not be read as one');
  if (names.includes('worddocument')) return skip('a Word document (.doc), not a remittance format remit reads');
  return skip('an Office compound file that is not a workbook');
}

function textKind(facts: AttachmentFacts, options: KindOptions): AttachmentKind {
  let detected: ReturnType<typeof detectFormat>;
  try {
    detected = detectFormat(facts.bytes);
  } catch (err) {
    return skip(`${err instanceof ParseError ? err.message : 'unreadable'} (declared ${facts.contentType})`);
  }
  if (detected.kind === 'x12') {
    const set = x12TransactionSet(Buffer.from(facts.bytes.subarray(0, 65_536)).toString('latin1'));
    return set === '820' ? { kind: 'document', format: 'x12-820' } : skip(`an X12 ${set ?? '(unknown)'} file, not an 820 payment order`);
  }
  if (detected.kind === 'edifact') {
    const type = edifactMessageType(Buffer.from(facts.bytes.subarray(0, 65_536)).toString('latin1'));
    return type === 'REMADV' ? { kind: 'document', format: 'edifact-remadv' } : skip(`an EDIFACT ${type ?? '(unknown)'} message, not a REMADV`);
  }
  if (detected.kind === 'workbook' && detected.container === 'html') {
    const { tables } = htmlTables(new TextDecoder().decode(facts.bytes));
    const found = tables.some((table) => remittanceHeader(table.rows, options.columns) !== undefined);
    return found ? { kind: 'document', format: 'xls-html' } : skip('an HTML file with no table of remittance columns');
  }
  if (detected.kind !== 'delimited') return skip(`content remit does not read (declared ${facts.contentType})`);
  const head = detected.text.slice(0, 4096).trimStart();
  if (CALENDAR_TYPES.has(facts.contentType) || /^BEGIN:VCALENDAR/i.test(head)) return skip('a calendar invitation');
  if (VCARD_TYPES.has(facts.contentType) || /^BEGIN:VCARD/i.test(head)) return skip('a contact card (vCard)');
  let rows: Row[];
  try {
    rows = readDelimited(detected.text.slice(0, 262_144), { ...options.parseLimits, maxRows: 60 }).rows;
  } catch {
    rows = [];
  }
  if (remittanceHeader(rows.map((row) => row.map((cell) => cell.text)), options.columns)) return { kind: 'document', format: 'csv' };
  if (textTables(detected.text.slice(0, 1_048_576), (cells) => headerRowScore(cells, options.columns)).length > 0) {
    return { kind: 'text-table', text: detected.text };
  }
  return skip('text with no remittance columns (if it is one, name its columns in payers.<ID>.columns)');
}

/** ST01 of the first transaction set; the element separator is the byte after "ISA" (X12.5). */
function x12TransactionSet(text: string): string | undefined {
  const isa = text.indexOf('ISA');
  if (isa < 0) return undefined;
  const separator = text.charAt(isa + 3);
  const escaped = separator.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^A-Z0-9])ST${escaped}([A-Z0-9]{3})`).exec(text.slice(isa + 106))?.[1];
}

/** UNH data element 2, component 1 (the message type); separators from UNA when present (ISO 9735). */
function edifactMessageType(text: string): string | undefined {
  const una = /UNA(.)(.)(.)(.)(.)(.)/s.exec(text.slice(0, 20));
  const component = una ? una[1]! : ':';
  const element = una ? una[2]! : '+';
  const unh = text.indexOf(`UNH${element}`);
  if (unh < 0) return undefined;
  const second = text.slice(unh).split(element)[2] ?? '';
  return second.split(component)[0]?.trim().toUpperCase() || undefined;
}

function imageType(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((value, index) => bytes[index] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'PNG';
  if (starts(0xff, 0xd8, 0xff)) return 'JPEG';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'GIF';
  if (starts(0x42, 0x4d) && bytes.length > 26) return 'BMP';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'TIFF';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'WebP';
  if (starts(0x00, 0x00, 0x01, 0x00)) return 'icon';
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1').trimStart();
  if (/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'SVG';
  return undefined;
}

function isCompound(bytes: Uint8Array): boolean {
  return [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((value, index) => bytes[index] === value);
}

function skip(reason: string): AttachmentKind {
  return { kind: 'skip', reason };
}
