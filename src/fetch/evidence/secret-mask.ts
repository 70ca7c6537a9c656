/**
 * Which parts of a page to black out in a failure screenshot: besides password inputs and
 * the fields a secret was typed into, every element whose own text or value holds one of the
 * run's secrets, wherever a recipe (or the portal, echoing input back) put it. The page's
 * text is read out and searched here; the secrets never go into the page.
 */
import type { Page } from 'playwright-core';
import type { SecretSet } from '../session/secret-set.js';

/** The attribute set on elements to mask; screenshots mask `[data-remit-mask]`. */
export const MASK_ATTRIBUTE = 'data-remit-mask';

// Runs in the page: each element's own text (its text children) and, for form fields, its value.
const READ_TEXTS = `(() => Array.from(document.querySelectorAll('*'), (el) => {
  let text = '';
  for (const node of el.childNodes) if (node.nodeType === 3) text += node.nodeValue;
  if ('value' in el && typeof el.value === 'string') text += ' ' + el.value;
  for (const name of ['title', 'placeholder', 'alt', 'aria-label']) text += ' ' + (el.getAttribute(name) || '');
  return text;
}))()`;

const MARK = (indices: number[]) => `(() => {
  const all = document.querySelectorAll('*');
  for (const i of ${JSON.stringify(indices)}) all[i] && all[i].setAttribute('${MASK_ATTRIBUTE}', '');
})()`;

/** Mark every element showing a secret; returns how many were marked (0 when the page cannot be read). */
export async function markSecretElements(page: Page, secrets: SecretSet): Promise<number> {
  const texts = await page.evaluate(READ_TEXTS).catch(() => [] as unknown) as unknown;
  if (!Array.isArray(texts)) return 0;
  const hits = texts.flatMap((text, i) => (typeof text === 'string' && secrets.findIn(text) !== undefined ? [i] : []));
  if (hits.length > 0) await page.evaluate(MARK(hits)).catch(() => undefined);
  return hits.length;
}
