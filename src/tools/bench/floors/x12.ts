/**
 * Floor for `remit import` of an X12 820: split segments and elements with the ISA's own
 * separators, keep one row per RMR (its ADX as the line's deduction) and per ENT-level
 * ADX (the payer's own deduction), each with its payment's TRN and BPR date, and insert
 * them into a fresh table with one prepared statement in one transaction.
 */
import { readFileSync } from 'node:fs';
import { insertIntoFresh } from './sqlite.js';
import { phase, type FloorResult } from './types.js';
import { cents, isoFromCompact } from './values.js';

const COLUMNS = ['payer TEXT', 'payment_ref TEXT', 'payment_date TEXT', 'reference TEXT', 'paid_minor INTEGER', 'gross_minor INTEGER',
  'discount_minor INTEGER', 'deduction_minor INTEGER', 'reason TEXT'];

export async function run([file, dbFile]: string[]): Promise<FloorResult> {
  if (!file || !dbFile) throw new Error('usage: x12-import <file.820> <scratch.db>');
  const phases: Record<string, number> = {};
  const rows = await phase(phases, 'parse', () => readLines(readFileSync(file, 'latin1')));
  const count = await phase(phases, 'insert', () => insertIntoFresh(dbFile, 'lines', COLUMNS, rows));
  return { rows: count, phases };
}

function readLines(text: string): unknown[][] {
  const element = text[3]!;
  const terminator = text[105]!;
  const rows: unknown[][] = [];
  let payer = '';
  let ref = '';
  let date = '';
  let last: unknown[] | undefined;
  for (const raw of text.split(terminator)) {
    const segment = raw.trim();
    if (segment === '') continue;
    const e = segment.split(element);
    switch (e[0]) {
      case 'BPR':
        date = isoFromCompact(e[16] ?? '');
        break;
      case 'TRN':
        ref = e[2] ?? '';
        break;
      case 'N1':
        if (e[1] === 'PR') payer = e[4] ?? e[2] ?? '';
        break;
      case 'ENT':
        last = undefined;
        break;
      case 'RMR':
        last = [payer, ref, date, e[2], cents(e[4] ?? ''), cents(e[5] ?? ''), cents(e[6] ?? '') ?? 0, 0, null];
        rows.push(last);
        break;
      case 'ADX': {
        const kept = -(cents(e[1] ?? '') ?? 0);
        if (last) {
          last[7] = kept;
          last[8] = e[2];
        } else rows.push([payer, ref, date, e[4] ?? '', -kept, null, 0, kept, e[2]]);
        break;
      }
      default:
        break;
    }
  }
  return rows;
}
