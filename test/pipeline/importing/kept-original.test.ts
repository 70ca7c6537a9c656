/** One read, one truth: an import reads the copy it kept in the inbox, never the source again. */
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/pipeline/import-files.js';
import { DEMO_YAML, demoFiles, testWorkspace, type TestWorkspace } from '../../support/pipeline.js';

let ws: TestWorkspace;
afterEach(async () => ws.close());

describe('a file that grows during its import', () => {
  it('gives the ledger exactly the payments of the kept original, whose sha256 is the document\'s', async () => {
    ws = await testWorkspace(DEMO_YAML);
    const source = join(ws.root, 'growing.csv');
    const original = demoFiles().byPayer.get('BIGMART')!.find((f) => f.endsWith('10539056.csv'))!;
    copyFileSync(original, source);
    const extra = Array.from({ length: 100 }, (_, i) => `"INV-9${String(i).padStart(5, '0')}","08/01/2026","Invoice","10.00","0.00","0.00","","10.00","7${String(i).padStart(7, '0')}","10/07/2026","USD"`).join('\n');
    // The writer that is still appending: it adds 100 payments once remit has looked the file up.
    const documents = ws.ctx.ledger.documents;
    const bySha = documents.bySha.bind(documents);
    let grown = false;
    documents.bySha = async (sha) => {
      if (!grown) appendFileSync(source, `\n${extra}\n`);
      grown = true;
      return bySha(sha);
    };
    const outcome = await importFiles(ws.ctx, { files: [source], payer: 'BIGMART', newPayer: true });
    expect(grown).toBe(true);
    expect(outcome.files[0]).toMatchObject({ status: 'imported', payments: 1 });
    const db = ws.inspect();
    const doc = db.prepare('SELECT sha256, inbox_path AS inboxPath, size_bytes AS size FROM documents').get() as { sha256: string; inboxPath: string; size: number };
    const kept = readFileSync(join(ws.root, doc.inboxPath));
    expect(createHash('sha256').update(kept).digest('hex')).toBe(doc.sha256);
    expect(kept.length).toBe(doc.size);
    expect(kept.equals(readFileSync(original))).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM remittances').pluck().get()).toBe(1);
  });
});
