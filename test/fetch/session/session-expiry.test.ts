// A portal that ends its sessions every few requests (CedarMart's sessionRequests): remit logs
// in again for as long as each session gets something new done, however many times that
// takes; a portal that ends every session before anything is read stops the run.
import { describe, expect, test, vi } from 'vitest';
import { PortalError } from '../../../src/fetch/errors.js';
import { fetchPortal } from '../../../src/fetch/session/engine.js';
import { PASSWORD, portalSuite } from './portal-suite.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

const suite = portalSuite('cedarmart', { password: PASSWORD });
const ALL = ['CM-55001', 'CM-55002', 'CM-55003', 'CM-55004', 'CM-55005', 'CM-55006', 'CM-55007', 'CM-55008', 'CM-55009', 'CM-55010'];

describe('session expiry', () => {
  test('sessions that end every few requests: three re-logins or more (the old fixed limit was two), every file fetched', async () => {
    await suite.withPortal({ sessionRequests: 5 }, async (portal, h) => {
      const result = await fetchPortal(h.input({ timeoutMs: 5000 }));
      expect(result.files.map((f) => f.rowId).sort()).toEqual(ALL);
      expect(result.relogins).toBeGreaterThanOrEqual(3);
      expect(portal.state.sessionsExpired).toBe(result.relogins);
    });
  });

  test('sessions that end before anything new is read: session-expired after one idle re-login', async () => {
    await suite.withPortal({ sessionRequests: 6 }, async (portal, h) => {
      // After the first session, every one ends at once: nothing new can be read.
      let calls = 0;
      const result = fetchPortal(h.input({
        timeoutMs: 5000,
        log: (m) => {
          h.logs.push(m);
          if (m.startsWith('session ended') && ++calls === 1) portal.options['sessionRequests'] = 3;
        },
      }));
      const error = (await result.catch((e: unknown) => e)) as PortalError;
      expect(error).toBeInstanceOf(PortalError);
      expect(error.kind).toBe('session-expired');
      expect(error.message).toMatch(/before anything new was read/);
      expect(portal.state.logins).toBeLessThanOrEqual(4);
    });
  });
});
