/**
 * A minimal PDF writer for fixtures, demos and benchmarks: Helvetica text placed at x/y
 * positions (points, origin bottom-left), optional filled or stroked rectangles, several
 * pages, a valid cross-reference table. Output is deterministic: the same input gives the
 * same bytes, so generated fixtures can be committed and checked.
 */
import { hex, standardEncryption, type Encryption } from './encrypt.js';
import { createHash } from 'node:crypto';
import { courierWidth, textWidth } from './metrics.js';

export interface PdfText {
  x: number;
  y: number;
  text: string;
  /** Font size in points (default 10). */
  size?: number;
  bold?: boolean;
  /** Helvetica (default) or Courier, the fixed-pitch face of line-printer style reports. */
  font?: 'helvetica' | 'courier';
  /** 'right' puts the end of the text at x, as reports align amounts. */
  align?: 'left' | 'right';
}

export interface PdfRect {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Filled (default) or only outlined. */
  fill?: boolean;
  /** 0 = black .. 1 = white (default 0.5). */
  gray?: number;
}

export interface PdfPage {
  texts?: readonly PdfText[];
  rects?: readonly PdfRect[];
  /** Page size in points (default US Letter, 612 x 792). */
  width?: number;
  height?: number;
}

export interface WritePdfOptions {
  title?: string;
  author?: string;
  producer?: string;
  /** Written as /CreationDate, e.g. `D:20240924064300Z`; omitted when not given. */
  creationDate?: string;
  /** Lock the file: a reader must supply this password to open it (RC4 40-bit). */
  userPassword?: string;
  ownerPassword?: string;
}

const FIRST_PAGE_OBJECT = 5;

/**
 * Write a PDF. Each page is either a list of texts or a {@link PdfPage}; a page with only
 * rectangles has no text layer, like a scan.
 */
export function writePdf(pages: ReadonlyArray<PdfPage | readonly PdfText[]>, options: WritePdfOptions = {}): Uint8Array {
  const normalised = pages.map((page): PdfPage => (isTextList(page) ? { texts: page } : page));
  if (normalised.length === 0) throw new Error('writePdf: at least one page is needed');

  const contents = normalised.map(contentStream);
  const infoEntries = infoDictionary(options);
  const infoNumber = FIRST_PAGE_OBJECT + normalised.length * 2;
  const encryptNumber = infoNumber + 1;
  // Courier objects come last and only when used, so files without it keep their bytes.
  const usesCourier = normalised.some((page) => (page.texts ?? []).some((text) => text.font === 'courier'));
  const courierNumber = (options.userPassword !== undefined ? encryptNumber : infoNumber) + 1;
  const courierFonts = usesCourier ? ` /F3 ${courierNumber} 0 R /F4 ${courierNumber + 1} 0 R` : '';
  const fileId = fingerprint(contents, infoEntries);
  const encryption = options.userPassword !== undefined
    ? standardEncryption(options.userPassword, options.ownerPassword ?? options.userPassword, fileId)
    : undefined;

  const objects = new Map<number, Uint8Array>();
  const pageRefs = normalised.map((_, i) => `${FIRST_PAGE_OBJECT + i * 2} 0 R`);
  objects.set(1, latin1('<< /Type /Catalog /Pages 2 0 R >>'));
  objects.set(2, latin1(`<< /Type /Pages /Kids [${pageRefs.join(' ')}] /Count ${normalised.length} >>`));
  objects.set(3, latin1('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'));
  objects.set(4, latin1('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>'));
  normalised.forEach((page, i) => {
    const pageNumber = FIRST_PAGE_OBJECT + i * 2;
    const contentNumber = pageNumber + 1;
    objects.set(pageNumber, latin1(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(page.width ?? 612)} ${num(page.height ?? 792)}]` +
        ` /Resources << /Font << /F1 3 0 R /F2 4 0 R${courierFonts} >> >> /Contents ${contentNumber} 0 R >>`,
    ));
    objects.set(contentNumber, streamObject(contents[i]!, contentNumber, encryption));
  });
  objects.set(infoNumber, latin1(`<< ${infoEntries.map(([key, value]) => `/${key} ${stringToken(value, infoNumber, encryption)}`).join(' ')} >>`));
  if (encryption) objects.set(encryptNumber, latin1(`<< ${encryption.dictionary} >>`));
  if (usesCourier) {
    objects.set(courierNumber, latin1('<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>'));
    objects.set(courierNumber + 1, latin1('<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>'));
  }

  return assemble(objects, infoNumber, encryption ? encryptNumber : undefined, fileId);
}

function isTextList(page: PdfPage | readonly PdfText[]): page is readonly PdfText[] {
  return Array.isArray(page);
}

function contentStream(page: PdfPage): Uint8Array {
  const ops: string[] = [];
  for (const rect of page.rects ?? []) {
    const gray = num(rect.gray ?? 0.5);
    const paint = rect.fill === false ? `${gray} G` : `${gray} g`;
    ops.push(`q ${paint} ${num(rect.x)} ${num(rect.y)} ${num(rect.width)} ${num(rect.height)} re ${rect.fill === false ? 'S' : 'f'} Q`);
  }
  for (const text of page.texts ?? []) {
    const size = text.size ?? 10;
    const bold = text.bold ?? false;
    const courier = text.font === 'courier';
    const width = courier ? courierWidth(text.text, size) : textWidth(text.text, size, bold);
    const x = text.align === 'right' ? text.x - width : text.x;
    const font = courier ? (bold ? 'F4' : 'F3') : bold ? 'F2' : 'F1';
    ops.push(`BT /${font} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(text.y)} Tm ${literal(text.text)} Tj ET`);
  }
  return latin1(ops.join('\n') + '\n');
}

function streamObject(data: Uint8Array, objectNumber: number, encryption: Encryption | undefined): Uint8Array {
  const body = encryption ? encryption.encrypt(objectNumber, data) : data;
  return concat([latin1(`<< /Length ${body.length} >>\nstream\n`), body, latin1('\nendstream')]);
}

function infoDictionary(options: WritePdfOptions): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  if (options.title !== undefined) entries.push(['Title', options.title]);
  if (options.author !== undefined) entries.push(['Author', options.author]);
  entries.push(['Producer', options.producer ?? 'remit samplegen']);
  if (options.creationDate !== undefined) entries.push(['CreationDate', options.creationDate]);
  return entries;
}

function stringToken(value: string, objectNumber: number, encryption: Encryption | undefined): string {
  if (!encryption) return literal(value);
  return `<${hex(encryption.encrypt(objectNumber, latin1(toWinAnsi(value))))}>`;
}

/** The file's /ID: a hash of what it shows, so identical input gives identical bytes. */
function fingerprint(contents: Uint8Array[], info: Array<[string, string]>): Uint8Array {
  const hash = createHash('md5');
  for (const content of contents) hash.update(content);
  for (const [key, value] of info) hash.update(`${key}=${value};`);
  return new Uint8Array(hash.digest());
}

function assemble(objects: Map<number, Uint8Array>, infoNumber: number, encryptNumber: number | undefined, fileId: Uint8Array): Uint8Array {
  // The second line holds bytes above 127 so transfer tools treat the file as binary.
  const chunks: Uint8Array[] = [latin1('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  const count = Math.max(...objects.keys());
  for (let n = 1; n <= count; n++) {
    const body = objects.get(n);
    if (!body) throw new Error(`writePdf: object ${n} missing`);
    offsets[n] = offset;
    const piece = concat([latin1(`${n} 0 obj\n`), body, latin1('\nendobj\n')]);
    chunks.push(piece);
    offset += piece.length;
  }
  const xref = [`xref\n0 ${count + 1}\n`, '0000000000 65535 f \n'];
  for (let n = 1; n <= count; n++) xref.push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  const id = `<${hex(fileId)}>`;
  const encrypt = encryptNumber !== undefined ? ` /Encrypt ${encryptNumber} 0 R` : '';
  xref.push(`trailer\n<< /Size ${count + 1} /Root 1 0 R /Info ${infoNumber} 0 R${encrypt} /ID [${id} ${id}] >>\n`);
  xref.push(`startxref\n${offset}\n%%EOF\n`);
  chunks.push(latin1(xref.join('')));
  return concat(chunks);
}

/** A PDF literal string in WinAnsi; characters it cannot encode become '?'. */
function literal(text: string): string {
  return `(${toWinAnsi(text).replace(/[\\()]/g, (c) => `\\${c}`).replace(/\r/g, '\\r').replace(/\n/g, '\\n')})`;
}

function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 63;
    out += code <= 0xff ? char : '?';
  }
  return out;
}

function latin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Coordinates with at most three decimals, no exponent, no trailing zeros. */
function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`writePdf: not a finite number: ${value}`);
  return String(Math.round(value * 1000) / 1000);
}
