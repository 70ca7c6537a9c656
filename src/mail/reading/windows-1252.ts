/**
 * Node 20.18.3 and later 20.x decode the windows-1252 (and latin1) label as ISO-8859-1:
 * bytes 0x80-0x9F become C1 control characters instead of € ‚ ƒ „ … ‘ ’ “ ” – — ™ and the
 * rest (https://github.com/nodejs/node/issues/60888, /56542). Mail from Windows programs is
 * full of them ("Remittance 123 – ACME"). Text decoded by the MIME reader is put right here:
 * a C1 control never stands in real text, and the WHATWG Encoding Standard maps these bytes
 * so (https://encoding.spec.whatwg.org/index-windows-1252.txt). On a Node that decodes
 * correctly this changes nothing.
 */
const TABLE: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

const BROKEN = new TextDecoder('windows-1252').decode(Uint8Array.of(0x96)) !== '–';

/** `text` with C1 controls read as the Windows-1252 characters they were. */
export function repairWindows1252(text: string): string;
export function repairWindows1252(text: string | undefined): string | undefined;
export function repairWindows1252(text: string | undefined): string | undefined {
  if (!BROKEN || text === undefined || !/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => TABLE[c.charCodeAt(0)] ?? c);
}
