/**
 * Every invented message of fixtures/mail through readMessage and remittanceParts, and its
 * body tables through the tabular reader with no configuration, compared whole with its
 * golden file (documents as name, format, size and sha256; body tables as rows and the
 * remittances they read as). UPDATE_GOLDEN=1 rewrites the golden files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/core/hash.js';
import { remittanceParts } from '../../../src/mail/parts/remittance-parts.js';
import { readMessage } from '../../../src/mail/reading/read-message.js';
import { remittancesFromRows } from '../../../src/parsers/tabular/remittance-table.js';
import { updateGolden, writeGolden } from '../../support/golden.js';
import { parseOptions } from '../../support/parse-options.js';

const DIR = new URL('../../../fixtures/mail/', import.meta.url);
const FILES = readdirSync(DIR).filter((name) => /\.(eml|msg)$/.test(name)).sort();

async function summary(name: string) {
  const message = await readMessage(readFileSync(new URL(name, DIR)));
  const parts = remittanceParts(message);
  return {
    message: {
      format: message.format,
      messageId: message.messageId,
      from: message.from,
      subject: message.subject,
      date: message.date,
      forwarded: message.forwarded.map((f) => ({ part: f.part, from: f.message.from, subject: f.message.subject })),
      quoted: message.quoted ? { from: message.quoted.from, subject: message.quoted.subject, date: message.quoted.date } : null,
    },
    kind: parts.kind,
    documents: parts.documents.map((d) => ({ name: d.name, format: d.format, contentType: d.contentType, bytes: d.bytes.length, sha256: sha256(d.bytes), origin: d.origin })),
    skipped: parts.skipped,
    bodyTables: parts.bodyTables.map((table) => {
      let read: unknown;
      try {
        read = remittancesFromRows(table.rows, parseOptions(name)).remittances;
      } catch (err) {
        read = { error: (err as Error).message };
      }
      return { origin: table.origin, fields: table.fields, addedColumns: table.addedColumns, missing: table.missing, rows: table.rows.map((row) => row.map((cell) => cell.text)), remittances: read };
    }),
  };
}

describe('mail fixtures (golden)', () => {
  it.each(FILES)('%s', async (name) => {
    const actual = await summary(name);
    const golden = new URL(`${name}.expected.json`, DIR);
    if (updateGolden) writeGolden(golden, actual);
    expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });
});
