/**
 * Floor for `remit import` of PDF remittance advice: pdf.js opens each file and reads the
 * text of every page (getTextContent), nothing more; the rows are the pages read.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { phase, type FloorResult } from './types.js';

export async function run([dir]: string[]): Promise<FloorResult> {
  if (!dir) throw new Error('usage: pdf-import <folder of .pdf>');
  const phases: Record<string, number> = {};
  const pdfjs = await phase(phases, 'load pdf.js', async () => {
    const [lib, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
    // pdf.js in Node runs its worker on this thread when handed the module this way.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return lib;
  });
  let items = 0;
  let pages = 0;
  await phase(phases, 'text', async () => {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.pdf')).sort()) {
      const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(join(dir, name))), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
      for (let p = 1; p <= doc.numPages; p += 1) {
        const page = await doc.getPage(p);
        items += (await page.getTextContent()).items.length;
        pages += 1;
      }
      await doc.destroy();
    }
  });
  return { rows: pages, phases, counts: { textItems: items } };
}
