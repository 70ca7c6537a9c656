/** The blank space senders put between EDI segments: layout, not data. */

/** The first position at or after `pos` that is not blank space between segments. */
export function skipBlank(text: string, pos: number): number {
  let at = pos;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    // CR, LF, tab, space and NUL padding sit between segments in files from real senders.
    if (code !== 0x0d && code !== 0x0a && code !== 0x09 && code !== 0x20 && code !== 0x00) break;
    at += 1;
  }
  return at;
}
