/**
 * The matcher at scale, in its own process: N remittance lines against N open invoices over
 * 100 payers, most lines exact, some reformatted, some by PO, some amount-only; and the
 * floor: an in-memory hash join of exact references.
 *   node dist/src/tools/bench/match-stage.js <lines> [floor]
 */
import { matchPayer } from '../../matching/match.js';
import type { InvoiceCandidate, LineToMatch } from '../../matching/types.js';
import { Random } from '../samplegen/random.js';

const n = Number(process.argv[2] ?? 10_000);
const floorOnly = process.argv[3] === 'floor';
const PAYERS = 100;
const random = new Random(42);
const perPayer = Math.ceil(n / PAYERS);
const groups: Array<{ lines: LineToMatch[]; invoices: InvoiceCandidate[] }> = [];
let id = 1;
for (let p = 0; p < PAYERS; p += 1) {
  const invoices: InvoiceCandidate[] = [];
  const lines: LineToMatch[] = [];
  for (let i = 0; i < perPayer; i += 1) {
    const number = `INV-${p}${String(i).padStart(7, '0')}`;
    const amount = random.int(100_00, 90_000_00);
    invoices.push({ id: id, number, po: `PO${p}-${i}`, currency: 'USD', originalMinor: amount, remainingMinor: amount, open: true, invoiceDate: '2026-09-01' });
    const roll = random.next();
    const reference = roll < 0.8 ? number : roll < 0.9 ? number.replace('INV-', '').toLowerCase() : roll < 0.95 ? `PO${p}-${i}` : '';
    lines.push({ id, lineNo: 1, paymentRef: `P${p}-${Math.floor(i / 50)}`, reference, referenceKind: 'invoice', currency: 'USD', discountMinor: 0, paidMinor: amount, adjustments: [], payer: `PAYER${p}`, paymentDate: '2026-10-01' });
    id += 1;
  }
  groups.push({ lines, invoices });
}

const started = performance.now();
let applied = 0;
if (floorOnly) {
  for (const group of groups) {
    const byNumber = new Map(group.invoices.map((invoice) => [invoice.number, invoice]));
    for (const line of group.lines) if (byNumber.has(line.reference)) applied += 1;
  }
} else {
  const settings = { autoApplyConfidence: 0.95, invoicePrefixes: ['INV'], dateWindowDays: 120 };
  for (const group of groups) for (const decision of matchPayer(group.lines, group.invoices, settings)) if (decision.kind === 'apply' || decision.kind === 'split') applied += decision.status === 'applied' ? 1 : 0;
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ lines: perPayer * PAYERS, ms, applied, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
