/**
 * The order of day and month each payer's documents have proved (a day above 12 in one of
 * its files): a later file of the payer whose own dates all read either way is read in it,
 * with a warning naming the document it was learned from.
 */
export const name = '009-payer-date-orders';

export const sql = `
CREATE TABLE payer_date_orders (
  company TEXT NOT NULL,
  payer TEXT NOT NULL,
  date_order TEXT NOT NULL CHECK (date_order IN ('dmy', 'mdy')),
  document_id INTEGER NOT NULL REFERENCES documents(id),
  learned_at TEXT NOT NULL,
  PRIMARY KEY (company, payer)
);
`;
