/** Just enough XML writing for the Task Scheduler task and the launchd plist. */
import { checkPrintable } from './printable.js';

/** Escape text for element content or a quoted attribute. */
export function escapeXml(text: string): string {
  checkPrintable(text, 'text');
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** `<name>escaped text</name>` */
export function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}
