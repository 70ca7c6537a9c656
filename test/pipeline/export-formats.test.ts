/**
 * `remit export-gl --format F` on a real ledger (the demo's invoices and remittances, matched):
 * every format exports once, is recorded with its files and their sha256, re-exports byte for
 * byte, and posts a later reversal as a late entry dated on the posting date; a posting date
 * in a closed period is refused with nothing recorded; payments with a line awaiting review
 * are held back; an export interrupted after its journal was recorded is finished from the
 * ledger by the next export, never exported anew.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { RemitError } from '../../src/core/errors.js';
import { EXPORT_FORMAT_NAMES } from '../../src/gl/formats/catalogue.js';
import { exportJournal, listJournals, recoverJournals, reexportJournal } from '../../src/pipeline/export-journal.js';
import { keepUnapplied, unapplyApplication } from '../../src/pipeline/review.js';
import type { TestWorkspace } from '../support/pipeline.js';
import { FORMATS_YAML, formatsLedger } from './formats-ledger.js';

/** Take every line still awaiting review out of it (kept as unapplied cash), so nothing is held. */
async function decideReview(ws: TestWorkspace): Promise<void> {
  const ids = ws.inspect().prepare("SELECT id FROM remittance_lines WHERE status = 'review'").pluck().all() as number[];
  for (const id of ids) await keepUnapplied(ws.ctx, id);
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

let ws: TestWorkspace;
afterEach(async () => ws.close());

describe('export-gl in every format', () => {
  for (const format of EXPORT_FORMAT_NAMES) {
    it(`${format}: exported once, recorded with its files, re-exported byte for byte, a later reversal posted on the posting date`, async () => {
      ws = await formatsLedger();
      await decideReview(ws);
      const out = join(ws.root, 'exports', format === 'sap-lockbox' ? 'lockbox.txt' : 'post.csv');
      const first = await exportJournal(ws.ctx, { format, out });
      if (first.kind !== 'written') throw new Error('nothing was exported');
      expect(first).toMatchObject({ format, postingDate: '2026-11-02', file: out, held: [] });
      expect(first.totals.debitMinor).toBe(first.totals.creditMinor);
      const [journal] = await listJournals(ws.ctx);
      expect(journal).toMatchObject({ id: first.journalId, format, state: 'placed', postingDate: '2026-11-02', sha256: sha(out), files: first.files });
      for (const file of first.files) expect(existsSync(file)).toBe(true);
      expect(readdirSync(join(ws.root, 'exports')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      const db = ws.inspect();
      expect(db.prepare("SELECT COUNT(*) FROM applications WHERE status = 'applied' AND journal_id IS NULL").pluck().get()).toBe(0);
      // The company and the document number on every ledger line; the customer on every AR / unapplied line.
      const lines = db.prepare('SELECT account, company, document_no, customer, entry_date FROM journal_lines WHERE journal_id = ?').all(first.journalId) as Array<Record<string, string | null>>;
      expect(lines.every((l) => l['company'] === 'DEMO' && /^RM\d+/.test(l['document_no']!) && l['entry_date'] === '2026-11-02')).toBe(true);

      expect(await exportJournal(ws.ctx, { format, out: join(ws.root, 'exports', 'again.csv') })).toMatchObject({ kind: 'nothing' });
      const copy = join(ws.root, format === 'sap-lockbox' ? 'copy.txt' : 'copy.csv');
      const again = await reexportJournal(ws.ctx, { id: `J${first.journalId}`, out: copy });
      expect(again.files).toHaveLength(first.files.length);
      again.files.forEach((file, k) => expect(readFileSync(file, 'utf8')).toBe(readFileSync(first.files[k]!, 'utf8')));

      // An application undone after the export: a late entry on the later posting date, saying what it reverses.
      const applied = db.prepare(`SELECT a.id, i.number FROM applications a JOIN invoices i ON i.id = a.invoice_id WHERE a.status = 'applied' AND a.reverses_id IS NULL ORDER BY a.id LIMIT 1`).get() as { id: number; number: string };
      await unapplyApplication(ws.ctx, applied.id);
      const late = await exportJournal(ws.ctx, { format, out: join(ws.root, 'exports', format === 'sap-lockbox' ? 'late.txt' : 'late.csv'), postingDate: '2026-11-03' });
      if (late.kind !== 'written') throw new Error('the reversal was not exported');
      expect(late.payments).toBe(1);
      const text = late.files.map((f) => readFileSync(f, 'utf8')).join('\n');
      expect(text).toContain(`reverses application ${applied.id}: ${applied.number}`);
      const lateLines = db.prepare('SELECT entry_date, memo, customer FROM journal_lines WHERE journal_id = ?').all(late.journalId) as Array<{ entry_date: string; memo: string; customer: string | null }>;
      expect(lateLines.every((l) => l.entry_date === '2026-11-03')).toBe(true);
      expect(lateLines.find((l) => l.memo === 'moved to unapplied cash')?.customer).toMatch(/^C-/);
    });
  }

  it('refuses a posting date in a closed period, recording nothing, and an unset format with the key to set', async () => {
    ws = await formatsLedger();
    const refused = await exportJournal(ws.ctx, { format: 'qbo-journal', postingDate: '2026-10-31' }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(RemitError);
    expect((refused as RemitError).message).toBe('posting date 2026-10-31 falls in a closed period (gl.closed_through: 2026-10-31); nothing was written');
    expect((refused as RemitError).exitCode).toBe(2);
    expect(await listJournals(ws.ctx)).toEqual([]);
    await ws.close();
    ws = await formatsLedger(FORMATS_YAML.replace(/        intacct-journal: \{ journal: CRJ \}\n/, ''));
    await expect(exportJournal(ws.ctx, { format: 'intacct-journal' })).rejects.toThrow('companies.DEMO.gl.formats.intacct-journal is not set');
  });

  it('holds back a payment with a line awaiting review, and posts it once decided', async () => {
    ws = await formatsLedger();
    const waiting = ws.inspect().prepare("SELECT COUNT(DISTINCT remittance_id) FROM remittance_lines WHERE status = 'review'").pluck().get() as number;
    expect(waiting).toBeGreaterThan(0);
    const first = await exportJournal(ws.ctx, { format: 'generic' });
    expect(first.held.length).toBe(waiting);
    const text = first.kind === 'written' ? readFileSync(first.file, 'utf8') : '';
    for (const h of first.held) expect(text).not.toContain(h.paymentRef);
    expect(text).not.toMatch(/awaiting review/);
    await decideReview(ws);
    const second = await exportJournal(ws.ctx, { format: 'generic' });
    expect(second).toMatchObject({ kind: 'written', payments: waiting, held: [] });
  });

  it('an export interrupted after its journal was recorded is finished by the next one, byte-identical, never exported anew', async () => {
    ws = await formatsLedger();
    await decideReview(ws);
    const out = join(ws.root, 'exports', 'ns.csv');
    const crash = (at: string) => (name: string) => {
      if (name === at) throw new Error(`killed at ${at}`);
    };
    await expect(exportJournal(ws.ctx, { format: 'netsuite-payment', out, boundary: crash('recorded') })).rejects.toThrow('killed at recorded');
    expect(existsSync(out)).toBe(false);
    expect((await listJournals(ws.ctx))[0]).toMatchObject({ id: 1, state: 'recorded' });
    expect(readdirSync(join(ws.root, 'exports')).some((n) => /^\.export-J1-1-.*\.tmp$/.test(n))).toBe(true);
    // Damage the temporary file: the finished file comes from the ledger, not from it.
    for (const name of readdirSync(join(ws.root, 'exports')).filter((n) => n.endsWith('.tmp'))) writeFileSync(join(ws.root, 'exports', name), 'half');

    const next = await exportJournal(ws.ctx, { format: 'netsuite-payment', out: join(ws.root, 'exports', 'ns2.csv') });
    expect(next).toMatchObject({ kind: 'nothing', recovered: [{ journalId: 1 }] });
    const journals = await listJournals(ws.ctx);
    expect(journals).toHaveLength(1);
    expect(journals[0]).toMatchObject({ state: 'placed', sha256: sha(out) });
    expect(readdirSync(join(ws.root, 'exports')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const copy = await reexportJournal(ws.ctx, { id: '1', out: join(ws.root, 'copy.csv') });
    expect(readFileSync(copy.file, 'utf8')).toBe(readFileSync(out, 'utf8'));
    expect(await recoverJournals(ws.ctx)).toEqual({ finished: [], tempsRemoved: 0 });
  });

  it('killed before the journal is recorded, nothing happened: the next export writes it once', async () => {
    ws = await formatsLedger();
    const out = join(ws.root, 'exports', 'g.csv');
    await expect(exportJournal(ws.ctx, { out, boundary: (name) => { if (name === 'staged') throw new Error('killed'); } })).rejects.toThrow('killed');
    expect(await listJournals(ws.ctx)).toEqual([]);
    expect(readdirSync(join(ws.root, 'exports'))).toEqual([]);
    const done = await exportJournal(ws.ctx, { out });
    expect(done).toMatchObject({ kind: 'written', journalId: 1, recovered: [] });
  });

  it('refuses to finish a recorded journal whose bytes no longer match their sha256, and re-exports a journal written before files were recorded from its lines', async () => {
    ws = await formatsLedger();
    await decideReview(ws);
    const out = join(ws.root, 'exports', 'q.csv');
    await expect(exportJournal(ws.ctx, { format: 'qbo-journal', out, boundary: (name) => { if (name === 'recorded') throw new Error('killed'); } })).rejects.toThrow('killed');
    const db = new Database(join(ws.root, 'ledger.db'));
    db.prepare("UPDATE journal_files SET sha256 = 'f00d' WHERE journal_id = 1").run();
    await expect(exportJournal(ws.ctx, { format: 'qbo-journal' })).rejects.toThrow(/J1: .*q\.csv written again from the ledger does not match the sha256 recorded at export/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(ws.root, 'exports')).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // A journal of an older remit: no files recorded, rewritten from its lines as the generic journal.
    db.prepare("UPDATE journals SET state = 'placed', format = 'generic' WHERE id = 1").run();
    db.prepare('DELETE FROM journal_files').run();
    db.close();
    const copy = await reexportJournal(ws.ctx, { id: 'J1', out: join(ws.root, 'old.csv') });
    const text = readFileSync(copy.file, 'utf8');
    expect(text.split('\r\n')[0]).toBe('journal_id,line_no,entry_date,account,debit,credit,currency,payer,payment_ref,invoice,memo,company,document_no,customer');
    expect(text.trimEnd().split('\r\n')).toHaveLength(((await listJournals(ws.ctx))[0]!.lineCount) + 1);
  });
});
