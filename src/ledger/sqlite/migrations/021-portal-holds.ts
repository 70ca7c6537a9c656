/**
 * Portal accounts held after the portal refused their credentials (wrong password, locked,
 * password expired, one-time code refused, CAPTCHA): later runs skip them, so a wrong
 * password is sent once, not once a night until the portal locks the account. A hold ends
 * when the operator stores a new secret (`remit portal password`) or clears it (`remit
 * portal resume`). The row holds the portal's words, never a secret.
 */
export const name = '021-portal-holds';

export const sql = `
CREATE TABLE portal_holds (
  account_id TEXT PRIMARY KEY,
  error_kind TEXT NOT NULL,
  message TEXT NOT NULL,
  held_at TEXT NOT NULL,
  run_id TEXT
);
`;
