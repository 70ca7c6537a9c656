/**
 * The index of every line by status goes. No statement needs it any more (lines are
 * reached through their payment; the lines that need a person have their own partial
 * index), yet every decision paid for it twice, taking the line out of 'new' and putting
 * it under its new status, and at a year of data it misled the planner into reading every
 * waiting line of the ledger for one payment.
 */
export const name = '008-decision-indexes';

export const sql = `
DROP INDEX lines_by_status;
`;
