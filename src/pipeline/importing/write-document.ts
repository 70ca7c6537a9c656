/**
 * One document into the ledger, in one transaction: its payments as they arrive from the
 * reader (a stream or a whole-file parse), then the checks that need all of it. Anything
 * thrown on the way rolls the whole document back: nothing of a failed file is kept.
 */
import { RemitError } from '../../core/errors.js';
import { displayMinor } from '../../core/money.js';
import type { Ledger, NewDocument } from '../../ledger/index.js';
import type { Diagnostic, DocumentFormat } from '../../domain/document.js';
import type { Remittance } from '../../domain/remittance.js';
import type { FileOutcome, ImportRequest } from './import-documents.js';

export type DocumentBase = Omit<NewDocument, 'format' | 'status' | 'error' | 'diagnostics' | 'remittanceCount' | 'duplicateCount'>;

/** Payments listed by name in a duplicate message; more are counted. */
const LISTED = 5;

export async function writeDocument(
  ledger: Ledger,
  base: DocumentBase,
  request: ImportRequest,
  format: DocumentFormat,
  remittances: Iterable<Remittance>,
  diagnosticsAtEnd: () => Diagnostic[],
  /** The order of day and month the document's own dates proved, known once it is read. */
  dateOrderAtEnd: () => 'dmy' | 'mdy' | undefined = () => undefined,
): Promise<FileOutcome> {
  const name = base.originalName;
  return ledger.transaction(async (tx) => {
    const documentId = await tx.documents.record({ ...base, format, status: 'imported', error: null, diagnostics: [], remittanceCount: 0, duplicateCount: 0 });
    let created = 0;
    let duplicates = 0;
    let lines = 0;
    const duplicateOf: string[] = [];
    /** Created payments not flagged yet: a diagnostic naming one flags it at the end. */
    const unflagged: Array<{ id: number; paymentRef: string }> = [];
    for (const remittance of remittances) {
      const payer = remittance.payer ?? request.payer;
      if (!payer) {
        const named = remittance.payerName ? `"${remittance.payerName}"` : undefined;
        throw new RemitError(
          'no-payer',
          named
            ? `payment ${remittance.paymentRef} is from ${named}, which no payer of remit.yaml names: add ${named} under payers.<ID>.ids (or pass --payer)`
            : `payment ${remittance.paymentRef} names no payer: pass --payer, or list the payer's id under payers.<ID>.ids in remit.yaml`,
        );
      }
      const flag = totalsFlag(remittance);
      const outcome = await tx.remittances.insert(remittance, { documentId, batchId: request.batchId, company: request.company, payer }, flag);
      if (outcome.created) {
        created += 1;
        lines += remittance.lines.length;
        if (!flag) unflagged.push({ id: outcome.id, paymentRef: remittance.paymentRef });
      } else {
        duplicates += 1;
        if (duplicateOf.length < LISTED) duplicateOf.push(`${remittance.paymentRef} (already from ${outcome.existingFile})`);
      }
    }
    const diagnostics = diagnosticsAtEnd();
    if (created + duplicates === 0) {
      const first = diagnostics.find((d) => d.level === 'error');
      throw new RemitError('no-payments', first ? describe(first) : 'no payment found in the file');
    }
    if (request.strict && diagnostics.length > 0) {
      throw new RemitError('strict', `--strict: ${describe(diagnostics[0]!)}${diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : ''}`);
    }
    const errors = diagnostics.filter((d) => d.level === 'error');
    if (errors.length > 0) {
      for (const payment of unflagged) {
        const named = errors.find((d) => d.message.includes(payment.paymentRef));
        if (named) await tx.remittances.flag(payment.id, describe(named));
      }
    }
    // What this file proved about the payer's dates reads its next ambiguous file.
    const proved = request.payer ? dateOrderAtEnd() : undefined;
    if (proved) await tx.documents.rememberPayerDateOrder(request.company, request.payer!, proved, documentId);
    const status = created === 0 ? 'duplicate' : 'imported';
    await tx.documents.setOutcome(documentId, { status, remittanceCount: created, duplicateCount: duplicates, diagnostics });
    if (status === 'duplicate') {
      const more = duplicates > LISTED ? ` and ${duplicates - LISTED} more` : '';
      return { file: name, status, documentId, message: `payment ${duplicateOf.join(', ')}${more} is already in the ledger: nothing applied twice` };
    }
    return { file: name, status, documentId, format, payments: created, duplicates, lines, diagnostics };
  });
}

/** A remittance whose lines do not add up to its stated total is kept but flagged for a person. */
function totalsFlag(remittance: Remittance): string | undefined {
  if (remittance.statedTotalMinor === undefined) return undefined;
  let total = 0;
  for (const line of remittance.lines) total += line.paidMinor;
  if (remittance.statedTotalMinor === total) return undefined;
  return `lines add up to ${displayMinor(total)} but the document states ${displayMinor(remittance.statedTotalMinor)}`;
}

export function describe(diagnostic: Diagnostic): string {
  return diagnostic.location ? `${diagnostic.location}: ${diagnostic.message}` : diagnostic.message;
}
