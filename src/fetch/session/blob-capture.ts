/**
 * Catching files a portal builds inside the page (a Blob or data: URL handed to an
 * `<a download>` that is clicked by script). The hook keeps every Blob passed to
 * URL.createObjectURL (portals revoke the URL right after the click) and takes over clicks on
 * download anchors, so the bytes are read from the page instead of through a browser download.
 */
import type { Page } from 'playwright-core';

/** Runs in the page (plain JavaScript: this project compiles without DOM types). */
export const captureHookSource = `(() => {
  if (window.__remitCapture) return;
  const blobs = new Map();
  const captured = [];
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj) => {
    const url = create(obj);
    if (obj instanceof Blob) blobs.set(url, obj);
    return url;
  };
  const take = (a) => {
    if (!a.hasAttribute('download')) return false;
    const href = a.href;
    if (!/^(blob|data):/i.test(href)) return false;
    captured.push({ href, name: a.getAttribute('download') || '', blob: blobs.get(href) });
    return true;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (take(this)) return;
    click.call(this);
  };
  document.addEventListener('click', (event) => {
    const a = event.target && event.target.closest ? event.target.closest('a[download]') : null;
    if (a && take(a)) event.preventDefault();
  }, true);
  window.__remitCapture = {
    count: () => captured.length,
    next: async () => {
      const item = captured.shift();
      if (!item) return undefined;
      const blob = item.blob || (await (await fetch(item.href)).blob());
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { name: item.name, type: blob.type, base64: btoa(binary) };
    },
  };
})();`;

/** Install the hook on this page and on every document it loads from now on. */
export async function installBlobCapture(page: Page): Promise<void> {
  await page.addInitScript({ content: captureHookSource });
  await page.evaluate(captureHookSource).catch(() => undefined);
}

export async function capturedCount(page: Page): Promise<number> {
  return page
    .evaluate('window.__remitCapture ? window.__remitCapture.count() : 0')
    .then((n) => (typeof n === 'number' ? n : 0))
    .catch(() => 0);
}

export async function takeCaptured(page: Page): Promise<{ name: string; type: string; bytes: Buffer } | undefined> {
  const item = (await page.evaluate('window.__remitCapture ? window.__remitCapture.next() : undefined')) as
    | { name: string; type: string; base64: string }
    | undefined;
  return item ? { name: item.name, type: item.type, bytes: Buffer.from(item.base64, 'base64') } : undefined;
}
