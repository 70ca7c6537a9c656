/**
 * A sender's file name made safe to show and to store beside a document: no folders
 * (`../../etc/passwd`, `C:\Windows\x.csv`), no control or reserved characters, no Windows
 * device names, a bounded length that keeps the extension. The name is never used as a
 * path by remit (the inbox names files by sha256); this keeps reports and exports honest.
 */

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_LENGTH = 120;

/** The name to use, or `fallback` when nothing of the sender's name survives. */
export function safeFileName(name: string | undefined, fallback: string): string {
  if (!name) return fallback;
  const last = name.split(/[\\/]/).filter((piece) => piece !== '' && piece !== '.' && piece !== '..').pop() ?? '';
  let safe = last
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .replace(/\s+/g, ' ');
  if (safe === '') return fallback;
  if (RESERVED.test(safe)) safe = `_${safe}`;
  if (safe.length > MAX_LENGTH) {
    const dot = safe.lastIndexOf('.');
    const extension = dot > 0 && safe.length - dot <= 10 ? safe.slice(dot) : '';
    safe = safe.slice(0, MAX_LENGTH - extension.length) + extension;
  }
  return safe;
}
