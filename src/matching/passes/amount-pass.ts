/**
 * No usable reference: the one open invoice of the payer whose open amount equals what the
 * line settles, dated within the date window before the payment. Two invoices for the same
 * amount (wherever they are dated) leave it to a person; so does a line that names some
 * document we do not know, a line whose dates cannot be checked, and an invoice a stronger
 * pass already applied a line to in this run.
 */
import { displayMinor } from '../../core/money.js';
import { available } from '../book.js';
import { namesDocument } from '../reference.js';
import { lineSettles, review } from '../settle.js';
import type { Pass } from '../pass.js';

export const amountPass: Pass = {
  name: 'amount-match',
  batch: true,
  run(line, context) {
    if (line.paidMinor <= 0) return undefined;
    const { book, settings } = context;
    const settled = lineSettles(line);
    const fits = book.byAmount(settled).filter((invoice) => available(invoice, line.currency));
    if (fits.length === 0) return undefined;
    const amount = displayMinor(settled);
    if (fits.length > 1) {
      return {
        decision: review(line, `${fits.length} open invoices of this payer are for ${amount} (${fits.map((inv) => inv.number).join(', ')}) and the line does not say which: left for review`, fits.map((inv) => inv.id)),
      };
    }
    const invoice = fits[0]!;
    const method = 'amount-match';
    if (namesDocument(line.reference, line.po)) {
      const named = line.reference || `PO ${line.po ?? ''}`;
      return {
        found: { invoice, method, confidence: 0.85, why: `"${named}" finds no invoice of this payer, but ${invoice.number} is its one open invoice for ${amount}: proposed, as the line names another document` },
      };
    }
    const window = book.window(line, invoice);
    const base = `no usable reference; ${invoice.number} is the one open invoice of this payer for ${amount}`;
    if (invoice.touched) {
      return { found: { invoice, method, confidence: 0.8, why: `${base} now, after another line of this payment run was applied to it: proposed` } };
    }
    if (window === 'inside') {
      return { found: { invoice, method, confidence: 0.95, why: `${base}, dated ${invoice.invoiceDate}, within ${settings.dateWindowDays} days before the payment of ${line.paymentDate}` } };
    }
    if (window === 'outside') {
      return { found: { invoice, method, confidence: 0.7, why: `${base}, but it is dated ${invoice.invoiceDate}, outside the ${settings.dateWindowDays} days before the payment of ${line.paymentDate}: proposed` } };
    }
    return { found: { invoice, method, confidence: 0.9, why: `${base}; without the payment and invoice dates the date window cannot be checked: proposed` } };
  },
};
