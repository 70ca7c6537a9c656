/**
 * The mail limits an error names are settings remit.yaml reads: a message with more parts
 * than limits.max_message_parts fails naming that key, and the same message imports once
 * the key is raised.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newWorkspace, remit, removeDir } from '../support/cli.js';

function message(parts: number): string {
  const body = Array.from({ length: parts }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\nnote ${i + 1}\r\n`).join('');
  return `From: ap@payer.example\r\nTo: ar@acme.example\r\nSubject: notes\r\nMessage-ID: <limits-${parts}@payer.example>\r\nDate: Tue, 1 Dec 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${body}--b--\r\n`;
}

describe('mail limits are remit.yaml settings', () => {
  const homes: string[] = [];
  afterAll(() => homes.forEach(removeDir));

  const withLimit = (parts: number | undefined): string => {
    const home = newWorkspace('ACME');
    homes.push(home);
    if (parts !== undefined) {
      const yaml = join(home, 'remit.yaml');
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('  max_expanded_mb: 512\n', `  max_expanded_mb: 512\n  max_message_parts: ${parts}\n`));
    }
    writeFileSync(join(home, 'notes.eml'), message(8));
    return home;
  };

  it('a message over limits.max_message_parts fails naming the key; raised, it is read', () => {
    const low = withLimit(4);
    const refused = remit(['import', join(low, 'notes.eml')], { home: low });
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr + refused.stdout).toMatch(/over the limit of 4 \(limits\.max_message_parts\)|more than the limit of 4 \(limits\.max_message_parts\)/);

    const high = withLimit(50);
    const read = remit(['import', join(high, 'notes.eml')], { home: high });
    expect(read.stderr + read.stdout).not.toMatch(/max_message_parts/);
  });

  it('a value that is not a whole number is a config error naming the key (exit 2)', () => {
    const home = withLimit(undefined);
    const yaml = join(home, 'remit.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('  max_expanded_mb: 512\n', '  max_expanded_mb: 512\n  max_message_parts: 2.5\n'));
    const result = remit(['status'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('max_message_parts');
  });
});
