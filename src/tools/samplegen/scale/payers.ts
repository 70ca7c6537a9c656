/**
 * The payers of the scale data set: the code the ledger and the open-invoice file use, the
 * name printed on their advice, the id they send in EDI (N1*PR04), and the reasons they
 * give for money they keep (with the X12 426 code for the same reason).
 */
export interface ScaleReason {
  raw: string;
  code: string;
  x12: string;
}

export interface ScalePayer {
  code: string;
  name: string;
  ediId: string;
}

export const SCALE_COMPANY = 'BENCH';

const NAMES = [
  'Bigmart Stores', 'Harbor Foods', 'Crestline Hardware', 'Northwind Grocers', 'Summit Pharmacy', 'Bluewater Outfitters', 'Maple Home Centers',
  'Ironwood Supply', 'Lakeside Markets', 'Redstone Distributors', 'Silverline Retail', 'Pinecrest Wholesale', 'Golden Valley Co-op',
  'Oakridge Department Stores', 'Coastal Provisions', 'Prairie Farm Supply', 'Union Street Grocers', 'Meridian Drug', 'Falcon Office Supply',
  'Keystone Auto Parts',
];

/** Twenty payers, always the same ones. */
export const SCALE_PAYERS: readonly ScalePayer[] = NAMES.map((name, index) => ({
  code: `P${String(index + 1).padStart(2, '0')}`,
  name,
  ediId: `${String(600_000_000 + index * 7_919)}`,
}));

export const SCALE_REASONS: readonly ScaleReason[] = [
  { raw: 'Shortage', code: 'shortage', x12: '06' },
  { raw: 'Price Claim', code: 'pricing', x12: '01' },
  { raw: 'Damaged Goods', code: 'damaged', x12: '04' },
  { raw: 'Co-op Advertising', code: 'co-op', x12: '56' },
];
