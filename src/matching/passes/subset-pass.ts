/**
 * A payment with no usable reference (no lines at all, or a line left unresolved): the one
 * set of the payer's open invoices, dated within the window, whose open amounts add up
 * exactly to the cash. Applied only when the search covered every set of that pool, found
 * exactly one, and sets of those invoices are not so crowded near the amount that an
 * exact fit could be a coincidence. Anything less is proposed with the sets found.
 */
import { displayMinor } from '../../core/money.js';
import type { Working } from '../book.js';
import { namesDocument } from '../reference.js';
import { lineSettles, review } from '../settle.js';
import { findSubsets } from '../subset.js';
import type { Pass } from '../pass.js';
import type { Candidate } from '../types.js';

/**
 * The largest expected number of unrelated sets that hit an amount exactly, above which a
 * unique fit is not trusted: about 1 in 2,000 chance that a payment for something else (an
 * invoice not yet in the ERP export) lands on a set of ours.
 */
export const MAX_CROWDING = 0.0005;

/** A pool this large is not even searched depth-first: too many sets to say anything useful. */
const MAX_POOL = 400;

export const subsetPass: Pass = {
  name: 'subset-sum',
  batch: true,
  run(line, context) {
    if (line.paidMinor <= 0 || namesDocument(line.reference, line.po)) return undefined;
    const { book, settings } = context;
    const settled = lineSettles(line);
    if (book.openInWindowCount(line.currency, line.paymentDate) > MAX_POOL) return undefined;
    const { dated, undated } = book.openInWindow(line.currency, line.paymentDate);
    // Members of a set of two or more are each smaller than the payment.
    const pool = [...dated, ...undated].filter((invoice) => invoice.remainingMinor < settled).sort((a, b) => a.id - b.id);
    if (pool.length < 2) return undefined;
    const search = findSubsets(pool.map((invoice) => invoice.remainingMinor), settled, { maxWork: settings.maxSubsetWork, maxSize: settings.maxSubsetSize });
    if (search.solutions.length === 0) return undefined;

    const sets = search.solutions.map((members) => members.map((k) => pool[k]!));
    const list = (set: Working[]) => set.map((inv) => inv.number).join(', ');
    const candidates: Candidate[] = sets.map((set, k) => ({
      invoiceIds: set.map((inv) => inv.id),
      invoiceNumbers: set.map((inv) => inv.number),
      score: Math.max(0.3, 0.6 - 0.1 * k),
      reason: `${set.length} open invoices adding up to ${displayMinor(settled)}`,
    }));
    const amount = displayMinor(settled);
    const method = 'subset-sum';
    if (search.count > 1) {
      const counted = search.complete ? `${search.count} sets` : 'more than one set';
      return { decision: review(line, `no usable reference; ${counted} of this payer's open invoices add up to ${amount} (${sets.slice(0, 2).map(list).join(' or ')}): left for review`, sets.flat().map((inv) => inv.id), candidates) };
    }
    const set = sets[0]!;
    const base = `no usable reference; ${list(set)} add up to the ${amount} paid`;
    const alternatives = candidates.slice(1);
    if (!search.complete) {
      return { several: { invoices: set, method, confidence: 0.6, why: `${base}, but ${pool.length} open invoices are too many to try every set: proposed`, alternatives } };
    }
    if (set.length > settings.maxSubsetSize) {
      return { several: { invoices: set, method, confidence: 0.7, why: `${base}, the only set that does, but ${set.length} invoices is more than ${settings.maxSubsetSize}: proposed` } };
    }
    if (set.some((inv) => inv.touched)) {
      return { several: { invoices: set, method, confidence: 0.8, why: `${base}, the only set that does, but another line of this payment run was applied to some of them: proposed` } };
    }
    if (!line.paymentDate || set.some((inv) => !inv.invoiceDate)) {
      return { several: { invoices: set, method, confidence: 0.9, why: `${base}, the only set that does; without dates the window cannot be checked: proposed` } };
    }
    if (search.crowding > MAX_CROWDING) {
      return {
        several: {
          invoices: set,
          method,
          confidence: 0.8,
          why: `${base}, the only set that does, but other sets of the ${pool.length} open invoices come so close to that amount that an exact fit could be chance: proposed`,
        },
      };
    }
    return {
      several: {
        invoices: set,
        method,
        confidence: 0.95,
        why: `${base}, the only set that does among the ${pool.length} open invoices below that amount dated within ${settings.dateWindowDays} days before the payment`,
      },
    };
  },
};
