/**
 * One remittance line naming several invoices, as payers write it: `104233/104234`,
 * `104233, 104234`, `104233-34`, `INV-104233 & 104234`, `104233 AND 104234`.
 */

/**
 * The readings of a reference that names several invoices, each a list of references, or []
 * when it names one. `104233-104236` has two readings (the two ends, or the range); the pass
 * applies only when exactly one reading fits the invoices and the amount.
 */
export function severalReferences(reference: string): string[][] {
  const text = reference.trim().toUpperCase().replace(/\s+AND\s+/g, ' & ');
  if (!/\d/.test(text)) return [];
  const raw = text.split(/\s*[/,;&+]\s*|\s+/).filter(Boolean);
  // A word with no digits (`INV`, `NO.`) belongs to the number after it.
  const tokens: string[] = [];
  let pending = '';
  for (const token of raw) {
    if (!/\d/.test(token)) pending += `${token} `;
    else {
      tokens.push(pending + token);
      pending = '';
    }
  }
  if (tokens.length === 0) return [];

  let readings: string[][] = [[]];
  let previousDigits = '';
  // `SO-20011/20012`: a bare number after the first keeps the first one's prefix.
  const firstHead = /^(\D*)\d/.exec(tokens[0]!)?.[1] ?? '';
  for (const [at, token] of tokens.entries()) {
    const range = /^(.*?)(\d+)-(\d+)$/.exec(token);
    let options: string[][];
    if (range && !/\d/.test(range[1]!)) {
      const [, head = '', first = '', second = ''] = range;
      options = endsAndRange(head, first, second);
    } else if (/^\d+$/.test(token) && previousDigits.length > token.length) {
      // `104233/34`: the second number keeps the first one's leading digits.
      options = [[firstHead + previousDigits.slice(0, previousDigits.length - token.length) + token]];
    } else if (at > 0 && firstHead && /^\d+$/.test(token)) {
      options = [[firstHead + token]];
    } else {
      options = [[token]];
    }
    readings = readings.flatMap((reading) => options.map((option) => [...reading, ...option]));
    previousDigits = /(\d+)\D*$/.exec(token)?.[1] ?? '';
    if (readings.length > 8) return [];
  }
  return readings.filter((reading) => reading.length >= 2 && new Set(reading).size === reading.length && reading.every((r) => (r.match(/\d/g)?.length ?? 0) >= 3));
}

function endsAndRange(head: string, first: string, second: string): string[][] {
  const end = second.length < first.length ? first.slice(0, first.length - second.length) + second : second;
  if (end.length !== first.length || Number(end) <= Number(first)) return [[head + first]];
  const pair = [head + first, head + end];
  const span = Number(end) - Number(first);
  if (span < 2 || span > 20) return [pair];
  const all: string[] = [];
  for (let n = Number(first); n <= Number(end); n += 1) all.push(head + String(n).padStart(first.length, '0'));
  return [pair, all];
}
