/**
 * Held portal accounts in an operator's words: why the run skipped one and the two ways to
 * end the hold. Apart from fetch-portals so `remit status` reads it without the browser.
 */
import type { PortalHold } from '../ledger/index.js';

/** Why a held account was skipped, and the two ways to end the hold. */
export function holdReason(hold: PortalHold): string {
  return `not tried: held since ${hold.heldAt.slice(0, 10)}, when the portal refused this account's credentials (${hold.errorKind}: ${hold.message}); `
    + `store a new secret with remit portal password ${hold.accountId} --password-stdin, or clear the hold with remit portal resume ${hold.accountId}`;
}
