/**
 * Text items with their positions, read from a PDF by pdf.js. This is the only file that
 * knows pdf.js: it loads it without a worker thread, keeps it quiet (errors only, never
 * on stdout), and turns its failures into one-line ParseErrors.
 */
import { ParseError, oneLine } from '../../core/errors.js';

/** One run of text as the PDF placed it; x/y in points from the page's bottom-left. */
export interface PdfTextItem {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size in points (height of the text matrix). */
  size: number;
  /**
   * A run of blank space inside drawn text: pdf.js gives it as one " " item as wide as the
   * run, which is how a fixed-width line's character positions are rebuilt (lines.ts).
   */
  space?: true;
}

export interface PdfTextPage {
  /** 1-based page number. */
  page: number;
  items: PdfTextItem[];
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

/**
 * pdf.js in Node runs its "worker" on the main thread. Handing it the worker module
 * through its documented `globalThis.pdfjsWorker` hook spares it resolving a file path at
 * run time (which breaks once remit is bundled or run from another folder).
 */
function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const [pdfjs, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    ]);
    const scope = globalThis as { pdfjsWorker?: unknown };
    scope.pdfjsWorker ??= worker;
    return pdfjs;
  })();
  return loading;
}

/** Read every page's text items. Throws ParseError when the file cannot be opened. */
export async function extractText(bytes: Uint8Array): Promise<PdfTextPage[]> {
  if (bytes.length === 0) throw new ParseError('empty file (0 bytes), not a PDF');
  if (!hasPdfHeader(bytes)) throw new ParseError(`not a PDF: no %PDF- header (starts with ${preview(bytes)})`);

  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given; the caller keeps theirs.
    data: Uint8Array.from(bytes),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    enableXfa: false,
  });
  try {
    const doc = await task.promise.catch((err: unknown) => {
      throw openError(err);
    });
    const pages: PdfTextPage[] = [];
    for (let page = 1; page <= doc.numPages; page++) {
      try {
        const content = await (await doc.getPage(page)).getTextContent();
        pages.push({ page, items: content.items.flatMap((item) => ('str' in item ? toItem(item) : [])) });
      } catch (err) {
        throw new ParseError(`unreadable PDF: page ${page}: ${cleanMessage(err)}`);
      }
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

function toItem(item: RawTextItem): PdfTextItem[] {
  const blank = item.str.trim() === '';
  if (blank && !(item.str.length > 0 && item.width > 0)) return [];
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
  // Rotated or skewed text (stamps, watermarks, margin notes) is not part of a table.
  if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0) return [];
  const size = Math.abs(d) || item.height;
  if (![x, y, item.width, size].every(Number.isFinite)) return [];
  if (blank) return [{ text: ' ', x, y, width: item.width, size, space: true }];
  return [{ text: item.str, x, y, width: item.width, size }];
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  // Readers accept a header anywhere in the first kilobyte (some mailers prepend junk).
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function preview(bytes: Uint8Array): string {
  const head = String.fromCharCode(...bytes.subarray(0, 8)).replace(/[^\x20-\x7e]/g, '.');
  return JSON.stringify(head);
}

function openError(err: unknown): ParseError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'PasswordException') {
    return new ParseError('password-protected PDF: remit cannot open it', 'save a copy without the password and import that');
  }
  if (name === 'InvalidPDFException') return new ParseError(`unreadable PDF, truncated or corrupt: ${cleanMessage(err)}`);
  return new ParseError(`unreadable PDF: ${cleanMessage(err)}`);
}

function cleanMessage(err: unknown): string {
  const text = oneLine(err instanceof Error ? err.message : String(err), 160);
  return text.replace(/\.$/, '') || 'unknown error';
}
