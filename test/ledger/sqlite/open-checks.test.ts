/**
 * quick_check runs only when the ledger is not as remit left it. An empty -wal file beside a
 * ledger remit closed (SQLite leaves one while a reader or a backup has the file open) is no
 * such sign: without this, every command on a year of data read the whole file again first
 * (2 s on a 500 MB ledger, found by the bench's status stage).
 */
import { appendFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock.js';
import { openLedger } from '../../../src/ledger/index.js';
import { needsCheck } from '../../../src/ledger/sqlite/open-checks.js';
import { removeDir, tempDir } from '../../support/cli.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

describe('when the ledger is read through at open', () => {
  it('not after remit closed it, even with an empty -wal beside it; yes once it changed or a log has frames', async () => {
    const file = join(dir, 'ledger.db');
    const ledger = await openLedger(file, systemClock, { create: true });
    await ledger.close();
    expect(needsCheck(file)).toBe(false);

    writeFileSync(`${file}-wal`, '');
    expect(needsCheck(file)).toBe(false);

    writeFileSync(`${file}-wal`, 'frames');
    expect(needsCheck(file)).toBe(true);
    writeFileSync(`${file}-wal`, '');

    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(needsCheck(file)).toBe(true);
    const reopened = await openLedger(file, systemClock);
    await reopened.close();
    expect(needsCheck(file)).toBe(false);

    appendFileSync(file, Buffer.alloc(4096));
    expect(needsCheck(file)).toBe(true);
  });
});
