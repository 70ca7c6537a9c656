import { describe, expect, it } from 'vitest';
import { parseDate, resolveDayWord } from '../../src/core/dates.js';

const iso = (text: string, order: 'mdy' | 'dmy' | 'ymd' = 'mdy') => {
  const result = parseDate(text, order);
  return result.ok ? result.iso : `error: ${result.reason}`;
};

describe('parseDate', () => {
  it.each([
    ['2024-09-20', '2024-09-20'],
    ['20240920', '2024-09-20'],
    ['240920', '2024-09-20'],
    ['09/20/2024', '2024-09-20'],
    ['9/2/24', '2024-09-02'],
    ['20-Sep-2024', '2024-09-20'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('%s -> %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('reads day first only when the payer setting says so', () => {
    expect(iso('03/04/2026', 'dmy')).toBe('2026-04-03');
    expect(iso('03/04/2026', 'mdy')).toBe('2026-03-04');
  });

  it.each(['2023-02-29', '1900-02-29', '2024-04-31', '13/01/2024', '2024-00-10', 'soon'])('refuses %s', (text) => {
    expect(iso(text)).toMatch(/^error: not a (calendar )?date/);
  });

  it('turns --since words into dates from the given today', () => {
    expect(resolveDayWord('yesterday', '2026-03-01')).toEqual({ ok: true, iso: '2026-02-28' });
    expect(resolveDayWord('2w', '2026-03-01')).toEqual({ ok: true, iso: '2026-02-15' });
    expect(resolveDayWord('7d', '2026-01-03')).toEqual({ ok: true, iso: '2025-12-27' });
    expect(resolveDayWord('whenever', '2026-01-03').ok).toBe(false);
  });
});
