/**
 * The export formats: each with a one-line description and the ERP screen that imports it
 * (for `export-gl --help` and the README), and its writer. `generic` is today's journal CSV,
 * written by generic-writer.ts from the ledger's lines as before; the others take posting
 * entries built with the format's own accounts.
 */
import { RemitError, UsageError } from '../../core/errors.js';
import type { PostingEntry } from '../posting.js';
import type { ErpFormatName, GlSettings } from '../settings.js';
import type { ExportFile, WriteContext } from './common.js';
import { EXPORT_FORMATS, type ExportFormat } from './catalogue.js';
import { writeBcCashReceipt } from './bc-cash-receipt.js';
import { writeIntacctJournal } from './intacct-journal.js';
import { writeNetsuiteJournal } from './netsuite-journal.js';
import { writeNetsuitePayment } from './netsuite-payment.js';
import { writeQboJournal } from './qbo-journal.js';
import { writeSapLockbox } from './sap-lockbox.js';
import { writeXeroJournal } from './xero-journal.js';

export { EXPORT_FORMATS, EXPORT_FORMAT_NAMES, type ExportFormat, type FormatName } from './catalogue.js';

/** The format of a name, or a usage error listing them all. */
export function exportFormat(name: string): ExportFormat {
  const format = EXPORT_FORMATS.find((f) => f.name === name);
  if (!format) throw new UsageError(`--format ${name}: the formats are ${EXPORT_FORMATS.map((f) => f.name).join(', ')}`, 'see remit export-gl --help');
  return format;
}

/** Write posting entries (built with `postingAccountsFor(base, gl, format)`) in an ERP format. */
export function writeErpFormat(name: ErpFormatName, entries: readonly PostingEntry[], gl: GlSettings, context: WriteContext): ExportFile[] {
  const missing = (): never => {
    throw new RemitError('gl-format', `--format ${name} needs its settings in remit.yaml`, { hint: `add gl.formats.${name} to the company's gl settings (see the README's ERP formats)` });
  };
  switch (name) {
    case 'netsuite-journal': return writeNetsuiteJournal(entries, gl.formats[name] ?? missing());
    case 'netsuite-payment': return writeNetsuitePayment(entries, gl.formats[name] ?? missing(), context);
    case 'qbo-journal': return writeQboJournal(entries, gl.formats[name] ?? missing());
    case 'xero-journal': return writeXeroJournal(entries, gl.formats[name] ?? missing());
    case 'bc-cash-receipt': return writeBcCashReceipt(entries, gl.formats[name] ?? missing());
    case 'intacct-journal': return writeIntacctJournal(entries, gl.formats[name] ?? missing());
    case 'sap-lockbox': return writeSapLockbox(entries, gl.formats[name] ?? missing(), context);
  }
}

/** `export-gl --help` text: one line per format. */
export function formatsHelp(): string {
  return EXPORT_FORMATS.map((f) => `  ${f.name.padEnd(17)} ${f.description}`).join('\n');
}
