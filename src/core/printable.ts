/**
 * Text from files (names, cells, payer texts) shown to a person with its control characters
 * escaped, so that a file name cannot clear the screen (ESC [2J), recolour the terminal, or
 * forge a line of the run log with a newline. Escaped: C0 controls and DEL, C1 controls, the
 * Unicode line and paragraph separators and the bidirectional overrides and isolates (which
 * can make a name read backwards: https://www.unicode.org/reports/tr9/#Explicit_Directional_Overrides).
 * The text is otherwise unchanged, and escaping twice changes nothing more.
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\e' };

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** One line for a person: every control character escaped, newlines too. */
export function printable(text: string): string {
  return text.replace(CONTROL, escape);
}

/** Several lines for a person: control characters escaped, the line breaks kept. */
export function printableLines(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE, escape);
}
