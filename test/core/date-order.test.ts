/** The order of day and month, decided per file from the evidence; never guessed. */
import { describe, expect, it } from 'vitest';
import { dateEvidence, decideDateOrder, parseDate, readDateAs, type DateOrder } from '../../src/core/dates.js';

describe('dateEvidence', () => {
  it.each([
    ['16/09/2024', 'day-first'],
    ['16.09.2024', 'day-first'],
    ['09/16/2024', 'month-first'],
    ['9-16-24', 'month-first'],
    ['05/09/2024', 'either'],
    ['05/05/2024', 'same'],
    ['2024-09-05', 'same'],
    ['2024/09/05', 'same'],
    ['20240905', 'same'],
    ['5 Sep 2024', 'same'],
    ['Sep 5, 2024', 'same'],
    ['16. September 2024', 'same'],
    ['16 septembre 2024', 'same'],
    ['16 de septiembre de 2024', 'same'],
    ['31/02/2024', 'invalid'],
    ['13/13/2024', 'invalid'],
    ['050924', 'either'],
    ['soon', 'invalid'],
  ])('%s is %s', (text, evidence) => {
    expect(dateEvidence(text)).toBe(evidence);
  });
});

describe('decideDateOrder', () => {
  it('a first part above 12 anywhere means day-first; a second part above 12 month-first', () => {
    expect(decideDateOrder(['05/09/2024', '16/09/2024'])).toMatchObject({ ok: true, order: 'dmy' });
    expect(decideDateOrder(['09/05/2024', '09/16/2024'])).toMatchObject({ ok: true, order: 'mdy' });
  });

  it('ISO dates, month names and days equal to their month need no order', () => {
    expect(decideDateOrder(['2024-09-05', '5 Sep 2024', '05/05/2024'])).toEqual({ ok: true, order: undefined, why: 'no date depends on the order of day and month' });
  });

  it('values that read both ways and nothing else: fails naming payers.<ID>.date_order and an example', () => {
    const decision = decideDateOrder([{ text: '05/09/2024', where: 'row 4, column "Date"' }, { text: '01/02/2024' }], undefined, 'ACME');
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.reason).toContain('payers.ACME.date_order');
      expect(decision.reason).toContain('"05/09/2024" (row 4, column "Date")');
      expect(decision.reason).not.toMatch(/\n/);
    }
    const noPayer = decideDateOrder(['05/09/2024']);
    expect(!noPayer.ok && noPayer.reason).toContain('payers.<ID>.date_order');
  });

  it('the dot is no evidence on its own: 05.09.2024 alone fails', () => {
    expect(decideDateOrder(['05.09.2024', '01.02.2024']).ok).toBe(false);
  });

  it('both day-first and month-first values in one file: an error', () => {
    const decision = decideDateOrder(['16/09/2024', '09/16/2024'], undefined, 'X');
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.reason).toMatch(/day-first "16\/09\/2024" and month-first "09\/16\/2024".*payers\.X\.date_order/);
  });

  it("the payer's known order wins, and a value impossible in it is an error", () => {
    expect(decideDateOrder(['05/09/2024'], 'dmy')).toMatchObject({ ok: true, order: 'dmy' });
    expect(decideDateOrder(['05/09/2024', '09/16/2024'], 'mdy')).toMatchObject({ ok: true, order: 'mdy' });
    const wrong = decideDateOrder(['05/09/2024', '16/09/2024'], 'mdy', 'X');
    expect(!wrong.ok && wrong.reason).toMatch(/"16\/09\/2024" is not a date in the order payers\.X\.date_order gives \(mdy\)/);
  });

  it('a date that no order reads is an error', () => {
    expect(decideDateOrder(['31/04/2024']).ok).toBe(false);
  });
});

describe('readDateAs', () => {
  it('reads the decided order strictly', () => {
    expect(readDateAs('05/09/2024', 'dmy')).toEqual({ ok: true, iso: '2024-09-05' });
    expect(readDateAs('05/09/2024', 'mdy')).toEqual({ ok: true, iso: '2024-05-09' });
    expect(readDateAs('24/09/16', 'ymd')).toEqual({ ok: true, iso: '2024-09-16' });
    expect(readDateAs('05/09/2024', 'ymd').ok).toBe(false);
    expect(readDateAs('160924', 'dmy')).toEqual({ ok: true, iso: '2024-09-16' });
    expect(readDateAs('2024-09-16T00:00:00+02:00', 'mdy')).toEqual({ ok: true, iso: '2024-09-16' });
  });

  it('reads month names in English, German, French and Spanish', () => {
    for (const text of ['16-Sep-2024', 'Sep 16, 2024', 'September 16 2024', '16. Sept. 2024', '16 septembre 2024', '16 sept. 2024', '16 de septiembre de 2024', '16-sep-24']) {
      expect(parseDate(text), text).toEqual({ ok: true, iso: '2024-09-16' });
    }
    expect(parseDate('3. März 2025')).toEqual({ ok: true, iso: '2025-03-03' });
    expect(parseDate('1er août 2025').ok).toBe(false);
  });
});

/** A small seeded generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function write(iso: string, order: 'dmy' | 'mdy', next: () => number): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const pad = next() < 0.5;
  const day = pad ? d : String(Number(d));
  const month = pad ? m : String(Number(m));
  const year = next() < 0.8 ? y : y.slice(2);
  const sep = ['/', '.', '-'][Math.floor(next() * 3)]!;
  return order === 'dmy' ? `${day}${sep}${month}${sep}${year}` : `${month}${sep}${day}${sep}${year}`;
}

describe('property: no day-first set of dates is ever read month-first, and no month-first set day-first', () => {
  it('holds for 20,000 seeded random files', () => {
    const next = random(20_241_216);
    let decided = 0;
    let refused = 0;
    for (let k = 0; k < 20_000; k += 1) {
      const order: 'dmy' | 'mdy' = next() < 0.5 ? 'dmy' : 'mdy';
      const count = 1 + Math.floor(next() * 12);
      // Half the files keep every day at 12 or below, where only a refusal is right.
      const smallDays = next() < 0.5;
      const isos: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const month = 1 + Math.floor(next() * 12);
        const day = 1 + Math.floor(next() * (smallDays ? 12 : 28));
        isos.push(`20${20 + Math.floor(next() * 10)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      }
      const written = isos.map((iso) => write(iso, order, next));
      const decision = decideDateOrder(written);
      const needs = isos.some((iso) => Number(iso.slice(8)) > 12 && Number(iso.slice(8)) !== Number(iso.slice(5, 7)));
      const ambiguous = isos.some((iso) => Number(iso.slice(8)) !== Number(iso.slice(5, 7)));
      if (!decision.ok) {
        refused += 1;
        // A refusal is only allowed when no date shows the order.
        expect(needs, `case ${k}: ${written.join(' ')} refused: ${decision.reason}`).toBe(false);
        expect(decision.reason).toContain('date_order');
        continue;
      }
      if (decision.order === undefined) {
        expect(ambiguous, `case ${k}: ${written.join(' ')}`).toBe(false);
      } else {
        decided += 1;
        expect(decision.order, `case ${k}: ${written.join(' ')}`).toBe(order);
      }
      const read = written.map((text) => readDateAs(text, (decision.order ?? 'mdy') as DateOrder));
      expect(read.map((r) => (r.ok ? r.iso : r.reason)), `case ${k}`).toEqual(isos);
    }
    expect(decided).toBeGreaterThan(5_000);
    expect(refused).toBeGreaterThan(5_000);
  });
});
