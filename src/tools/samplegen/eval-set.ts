/**
 * A harder, seeded test set for the matcher, with an answer key: payers whose remittances
 * carry the noise cash application meets (typing slips, OCR confusions, truncated numbers,
 * several invoices on one line, no reference at all, payments with no lines, differences
 * near the write-off tolerance, discounts taken late, payer habits an operator has taught
 * remit) and traps where the only right automatic answer is none (two invoices one slip
 * away, two invoices for the same amount, two sets adding up to a payment, a slip that
 * could be a paid invoice, a truncation fitting two, a typo landing on another real number,
 * an amount only an old invoice has, a payment for something we do not hold).
 *
 * The key says what the payer meant (the truth), not what a matcher can find: noise that
 * happens to make a line ambiguous stays in the key as "apply X", and recall shows it.
 * Written by eval-write.ts; read by src/eval/run.ts.
 */
import { addDays } from '../../core/dates.js';
import { learnReasonRule, learnRule } from '../../matching/learn.js';
import type { InvoiceCandidate, LearnedRule, LineToMatch, MatchSettings } from '../../matching/types.js';
import { Random } from './random.js';

export type EvalCase =
  | 'exact' | 'format' | 'po' | 'discount' | 'late-discount' | 'short-pay' | 'partial' | 'overpay'
  | 'tolerance-in' | 'tolerance-out' | 'deduction-only' | 'not-open'
  | 'typo' | 'ocr' | 'truncated' | 'multi' | 'missing-ref' | 'no-lines' | 'habit'
  | 'trap-two-near' | 'trap-closed-near' | 'trap-same-amount' | 'trap-subset-two' | 'trap-truncated-two'
  | 'trap-real-word' | 'trap-outside-window' | 'trap-unknown';

export interface ExpectedApplication {
  number: string;
  /** cash + discount + deductions + write-off the invoice is relieved by. */
  reliefMinor: number;
  writeOffMinor: number;
  /** Of the deductions, how much is an unearned discount. */
  unearnedMinor: number;
}

export interface EvalKeyEntry {
  lineId: number;
  payer: string;
  case: EvalCase;
  /** apply: these invoices, automatically if the matcher can; manual: nothing automatic is right. */
  expect: 'apply' | 'manual' | 'deduction';
  /** The pass meant to find it (recall per method). */
  expectedMethod?: string;
  invoices: ExpectedApplication[];
  /** For deductions: the reason code they should carry. */
  reasonCode?: string;
  note: string;
}

export interface EvalPayer {
  code: string;
  invoices: InvoiceCandidate[];
  lines: LineToMatch[];
}

export interface EvalSet {
  seed: number;
  settings: MatchSettings;
  payers: EvalPayer[];
  key: EvalKeyEntry[];
}

type Habit = 'prefix-dropped' | 'po-instead-of-invoice' | 'zeros-padded' | 'reason-map';

interface Profile {
  code: string;
  /** Our invoice number from its digits. */
  format: (digits: string) => string;
  digits: number;
  /** Sequential numbers (typos often land on a real one) or scattered ones. */
  dense: boolean;
  invoices: number;
  payments: number;
  linesPerPayment: [number, number];
  terms: boolean;
  habit?: Habit;
  /** Extra weight on cases this payer is known for. */
  weights?: Partial<Record<EvalCase, number>>;
}

const PROFILES: Profile[] = [
  { code: 'ACME', format: (d) => `INV-${d}`, digits: 6, dense: true, invoices: 220, payments: 24, linesPerPayment: [2, 10], terms: true },
  { code: 'BOLT', format: (d) => `SO-${d}`, digits: 5, dense: true, invoices: 160, payments: 18, linesPerPayment: [1, 8], terms: false, habit: 'prefix-dropped' },
  { code: 'CRUX', format: (d) => d, digits: 7, dense: false, invoices: 180, payments: 20, linesPerPayment: [2, 9], terms: false, weights: { ocr: 14, truncated: 8 } },
  { code: 'DYNA', format: (d) => `INV-${d}`, digits: 6, dense: false, invoices: 160, payments: 18, linesPerPayment: [1, 8], terms: false, habit: 'po-instead-of-invoice' },
  { code: 'ECHO', format: (d) => `KT${d}`, digits: 5, dense: false, invoices: 140, payments: 16, linesPerPayment: [1, 8], terms: false, habit: 'zeros-padded' },
  { code: 'FERN', format: (d) => `INV-${d}`, digits: 6, dense: true, invoices: 160, payments: 18, linesPerPayment: [2, 8], terms: true, habit: 'reason-map', weights: { 'short-pay': 12 } },
  { code: 'GALE', format: (d) => d, digits: 6, dense: false, invoices: 36, payments: 14, linesPerPayment: [1, 3], terms: false, weights: { 'missing-ref': 20, 'no-lines': 16, exact: 6 } },
  { code: 'HALO', format: (d) => `INV-${d}`, digits: 6, dense: true, invoices: 180, payments: 18, linesPerPayment: [1, 6], terms: true, weights: { multi: 16 } },
];

const BASE_WEIGHTS: Record<Exclude<EvalCase, `trap-${string}`>, number> = {
  exact: 24, format: 7, po: 5, discount: 5, 'late-discount': 4, 'short-pay': 5, partial: 3, overpay: 2,
  'tolerance-in': 4, 'tolerance-out': 2, 'deduction-only': 4, 'not-open': 3,
  typo: 9, ocr: 5, truncated: 6, multi: 6, 'missing-ref': 5, 'no-lines': 4, habit: 0,
};

const TRAPS: EvalCase[] = ['trap-two-near', 'trap-closed-near', 'trap-same-amount', 'trap-subset-two', 'trap-truncated-two', 'trap-real-word', 'trap-outside-window', 'trap-unknown'];

export const EVAL_SETTINGS: Omit<MatchSettings, 'learnedRules'> = {
  autoApplyConfidence: 0.95,
  invoicePrefixes: ['INV', 'INVOICE', 'IN', 'INVNO', 'NO'],
  dateWindowDays: 120,
  writeOffToleranceMinor: 500,
  discountGraceDays: 2,
  maxSubsetSize: 6,
  maxSubsetWork: 1 << 18,
};

const START = '2026-01-05';
const TOLERANCE = EVAL_SETTINGS.writeOffToleranceMinor!;
const GRACE = EVAL_SETTINGS.discountGraceDays!;

interface Inv extends InvoiceCandidate {
  digits: string;
  /** Reserved for a line (or a trap) already. */
  used: boolean;
}

/** Build the set. The same seed gives the same set on every machine. */
export function buildEvalSet(seed = 6): EvalSet {
  const random = new Random(seed);
  const payers: EvalPayer[] = [];
  const key: EvalKeyEntry[] = [];
  const rules: LearnedRule[] = [];
  let nextId = 1;
  const id = () => nextId++;

  for (const profile of PROFILES) {
    const invoices: Inv[] = [];
    const taken = new Set<string>();
    const newDigits = (first?: string): string => {
      for (;;) {
        const digits = profile.dense && !first ? String(10 ** (profile.digits - 1) + 1001 + invoices.length) : (first ?? String(random.int(1, 8))) + random.digits(profile.digits - 1);
        if (!taken.has(digits)) {
          taken.add(digits);
          return digits;
        }
      }
    };
    const newInvoice = (digits: string, extra: Partial<Inv> = {}): Inv => {
      const invoiceDate = addDays(START, random.int(0, 150));
      const original = random.int(150_00, 40_000_00);
      const partlyPaid = random.chance(0.08);
      const terms = profile.terms && random.chance(0.6);
      const invoice: Inv = {
        id: id(), digits, number: profile.format(digits), po: `45${random.digits(8)}`, currency: 'USD', originalMinor: original,
        remainingMinor: partlyPaid ? original - Math.floor(original / 4) : original, open: true, invoiceDate, dueDate: addDays(invoiceDate, 30),
        ...(terms ? { discountPercent: 2, discountDays: 10 } : {}), used: false, ...extra,
      };
      invoices.push(invoice);
      return invoice;
    };
    for (let k = 0; k < profile.invoices; k += 1) newInvoice(newDigits(), random.chance(0.06) ? { open: false } : {});
    for (const invoice of invoices) if (!invoice.open) invoice.remainingMinor = 0;

    const lines: LineToMatch[] = [];
    const addLine = (paymentRef: string, paymentDate: string, lineNo: number, fields: Partial<LineToMatch>, entry: Omit<EvalKeyEntry, 'lineId' | 'payer'>): void => {
      const line: LineToMatch = {
        id: id(), lineNo, paymentRef, reference: '', referenceKind: 'invoice', currency: 'USD', discountMinor: 0, paidMinor: 0, adjustments: [],
        payer: profile.code, paymentDate, ...fields,
      };
      lines.push(line);
      key.push({ lineId: line.id, payer: profile.code, ...entry });
    };
    const full = (invoice: Inv, extra: Partial<ExpectedApplication> = {}): ExpectedApplication => ({ number: invoice.number, reliefMinor: invoice.remainingMinor, writeOffMinor: 0, unearnedMinor: 0, ...extra });

    // Habits an operator confirmed once; the rule learned is what the matcher is given.
    const habitReference = (invoice: Inv): string => {
      if (profile.habit === 'prefix-dropped') return invoice.digits;
      if (profile.habit === 'po-instead-of-invoice') return `PO ${invoice.po}`;
      return `KT${'0'.repeat(9 - invoice.number.length)}${invoice.digits}`;
    };
    if (profile.habit === 'reason-map') {
      rules.push(learnReasonRule(profile.code, 'SH', 'shortage'), learnReasonRule(profile.code, 'PR', 'pricing'));
    } else if (profile.habit) {
      const example = invoices[0]!;
      const rule = learnRule(profile.code, { reference: habitReference(example) }, example, EVAL_SETTINGS.invoicePrefixes);
      if (!rule || rule.kind !== profile.habit) throw new Error(`${profile.code}: learnRule did not find the ${profile.habit} habit`);
      rules.push(rule);
    }

    const weights = Object.entries({ ...BASE_WEIGHTS, ...(profile.habit && profile.habit !== 'reason-map' ? { habit: 10 } : {}), ...profile.weights }) as Array<[EvalCase, number]>;
    const pickCase = (): EvalCase => {
      let roll = random.int(0, weights.reduce((sum, [, w]) => sum + w, 0) - 1);
      for (const [name, weight] of weights) {
        if (roll < weight) return name;
        roll -= weight;
      }
      return 'exact';
    };
    // An unpaid, open invoice dated before the payment (within `within` days), or undefined.
    const draw = (paymentDate: string, test: (invoice: Inv) => boolean = () => true, within = 110): Inv | undefined => {
      const fits = invoices.filter((inv) => !inv.used && inv.open && inv.invoiceDate! < paymentDate && inv.invoiceDate! >= addDays(paymentDate, -within) && test(inv));
      if (fits.length === 0) return undefined;
      const invoice = random.pick(fits);
      invoice.used = true;
      return invoice;
    };

    for (let p = 0; p < profile.payments; p += 1) {
      const paymentDate = addDays(START, 60 + Math.floor((p * 140) / profile.payments) + random.int(0, 3));
      const paymentRef = random.digits(9).replace(/^0/, '1');
      const count = random.int(profile.linesPerPayment[0], profile.linesPerPayment[1]);
      for (let n = 1; n <= count; n += 1) {
        let kind = pickCase();
        if (kind === 'no-lines') {
          const set: Inv[] = [];
          const size = random.int(2, 4);
          for (let k = 0; k < size; k += 1) {
            const invoice = draw(paymentDate, (inv) => inv.remainingMinor < 12_000_00);
            if (invoice) set.push(invoice);
          }
          if (set.length < 2) {
            for (const invoice of set) invoice.used = false;
            kind = 'exact';
          } else {
            const total = set.reduce((sum, inv) => sum + inv.remainingMinor, 0);
            addLine(random.digits(9).replace(/^0/, '2'), paymentDate, 1, { reference: '', paidMinor: total }, {
              case: 'no-lines', expect: 'apply', expectedMethod: 'subset-sum', invoices: set.map((inv) => full(inv)), note: `a payment with no remittance lines for ${set.length} invoices`,
            });
            continue;
          }
        }
        if (kind === 'deduction-only') {
          const amount = random.int(20_00, 3_000_00);
          addLine(paymentRef, paymentDate, n, { reference: `DED${random.digits(8)}`, referenceKind: 'other', paidMinor: -amount, adjustments: [{ amountMinor: amount, reasonRaw: 'Price Claim', reasonCode: 'pricing' }] }, {
            case: kind, expect: 'deduction', invoices: [], reasonCode: 'pricing', note: 'a payer deduction with no invoice of ours',
          });
          continue;
        }
        if (kind === 'not-open') {
          const closed = invoices.filter((inv) => !inv.open && !inv.used);
          const invoice = closed.length > 0 ? random.pick(closed) : undefined;
          if (invoice) {
            invoice.used = true;
            addLine(paymentRef, paymentDate, n, { reference: invoice.number, paidMinor: invoice.originalMinor }, { case: kind, expect: 'manual', invoices: [], note: `${invoice.number} is paid already: unapplied cash` });
            continue;
          }
          kind = 'exact';
        }
        if (kind === 'multi') {
          const first = draw(paymentDate, (inv) => inv.remainingMinor > 0);
          if (first) {
            const consecutive = profile.dense ? invoices.find((inv) => !inv.used && inv.open && Number(inv.digits) === Number(first.digits) + 1) : undefined;
            const second = consecutive ?? draw(paymentDate);
            if (second) {
              second.used = true;
              const set = [first, second];
              const style = random.int(0, 3);
              const reference =
                style === 0 && consecutive ? `${first.number}-${second.digits.slice(-2)}` :
                style === 1 ? `${first.number}/${second.digits}` :
                style === 2 ? `${first.digits}, ${second.digits}` : `${first.number} & ${second.digits}`;
              addLine(paymentRef, paymentDate, n, { reference, paidMinor: first.remainingMinor + second.remainingMinor }, {
                case: kind, expect: 'apply', expectedMethod: 'multi-reference', invoices: set.map((inv) => full(inv)), note: 'one line naming two invoices',
              });
              continue;
            }
            first.used = false;
          }
          kind = 'exact';
        }
        if (kind === 'discount' || kind === 'late-discount') {
          const late = kind === 'late-discount';
          const invoice = draw(paymentDate, (inv) => inv.discountDays !== undefined && inv.remainingMinor === inv.originalMinor &&
            (late ? addDays(inv.invoiceDate!, 10 + GRACE) < paymentDate : addDays(inv.invoiceDate!, 10) >= paymentDate), late ? 110 : 10);
          if (invoice) {
            const discount = Math.round(invoice.originalMinor * 0.02);
            addLine(paymentRef, paymentDate, n, { reference: invoice.number, paidMinor: invoice.remainingMinor - discount, discountMinor: discount }, {
              case: kind, expect: 'apply', expectedMethod: 'exact-reference', invoices: [full(invoice, { unearnedMinor: late ? discount : 0 })],
              note: late ? 'discount taken after the discount date' : 'discount taken in time',
            });
            continue;
          }
          kind = 'exact';
        }
        if (kind === 'missing-ref') {
          const invoice = draw(paymentDate);
          if (!invoice) continue;
          addLine(paymentRef, paymentDate, n, { reference: random.pick(['', 'PAYMENT', 'ACH CREDIT', 'SEE REMITTANCE', 'N/A']), paidMinor: invoice.remainingMinor }, {
            case: kind, expect: 'apply', expectedMethod: 'amount-match', invoices: [full(invoice)], note: 'no usable reference',
          });
          continue;
        }

        const invoice = draw(paymentDate, () => true, 150);
        if (!invoice) continue;
        const open = invoice.remainingMinor;
        const line: Partial<LineToMatch> = { reference: invoice.number, paidMinor: open };
        let expected = full(invoice);
        let method = 'exact-reference';
        let reasonCode: string | undefined;
        let note = '';
        switch (kind) {
          case 'format':
            line.reference = reformat(invoice, random);
            method = line.reference === invoice.number ? 'exact-reference' : 'normalised-reference';
            note = 'the number written differently';
            break;
          case 'po':
            if (random.chance(0.5)) line.reference = invoice.po!;
            else Object.assign(line, { reference: '', referenceKind: 'po', po: invoice.po });
            method = 'po-number';
            note = 'the PO instead of the invoice';
            break;
          case 'short-pay': {
            const amount = random.int(1_00, Math.max(2_00, Math.floor(open / 10)));
            const [raw, code, want] = profile.habit === 'reason-map' ? random.pick([['SH', 'other', 'shortage'], ['PR', 'other', 'pricing'], ['DM', 'other', 'other']] as const) : (['Shortage', 'shortage', 'shortage'] as const);
            line.paidMinor = open - amount;
            line.adjustments = [{ amountMinor: amount, reasonRaw: raw, reasonCode: code }];
            reasonCode = want;
            note = `short paid with reason ${raw}`;
            break;
          }
          case 'partial':
            line.paidMinor = Math.max(100, Math.floor(open / 200) * 100);
            expected = full(invoice, { reliefMinor: line.paidMinor });
            note = 'a partial payment';
            break;
          case 'overpay':
            line.paidMinor = open + random.int(10_00, 200_00);
            note = 'overpaid: the rest stays unapplied';
            break;
          case 'tolerance-in': {
            const difference = random.int(1, TOLERANCE) * (random.chance(0.7) ? 1 : -1);
            line.paidMinor = open - difference;
            expected = full(invoice, { writeOffMinor: difference });
            note = `${difference > 0 ? 'short' : 'over'} by ${Math.abs(difference)} cents, within the tolerance`;
            break;
          }
          case 'tolerance-out':
            line.paidMinor = open - random.int(TOLERANCE + 1, TOLERANCE + 30_00);
            expected = full(invoice, { reliefMinor: line.paidMinor });
            note = 'short by a little more than the tolerance: a partial payment';
            break;
          case 'typo':
            line.reference = writeAs(invoice, typo(invoice.digits, random), random);
            method = 'reference-slip';
            note = 'a typing slip';
            break;
          case 'ocr':
            line.reference = writeAs(invoice, ocr(invoice.digits, random), random);
            method = 'reference-slip';
            note = 'an OCR confusion';
            break;
          case 'truncated': {
            const keep = random.int(4, invoice.digits.length - 1);
            line.reference = random.chance(0.6) ? invoice.digits.slice(-keep) : invoice.digits.slice(0, keep);
            method = 'truncated-reference';
            note = `only ${keep} digits kept`;
            break;
          }
          case 'habit':
            line.reference = habitReference(invoice);
            method = `learned-rule:${profile.habit}`;
            note = `the payer's habit (${profile.habit})`;
            break;
          default:
            note = 'the number as we wrote it';
            break;
        }
        addLine(paymentRef, paymentDate, n, line, { case: kind, expect: 'apply', expectedMethod: method, invoices: [expected], ...(reasonCode ? { reasonCode } : {}), note });
      }
    }

    // Traps: each on invoices of its own, in a number block no regular invoice uses.
    for (const trap of TRAPS) {
      for (let copy = 0; copy < 2; copy += 1) {
        const paymentDate = addDays(START, random.int(140, 200));
        const paymentRef = random.digits(9).replace(/^0/, '3');
        const dated = { invoiceDate: addDays(paymentDate, -random.int(5, 60)) };
        const block = () => `9${random.digits(profile.digits - 3)}`;
        const fresh = (digits: string, extra: Partial<Inv> = {}): Inv => {
          if (taken.has(digits)) throw new Error(`trap number ${digits} already used`);
          taken.add(digits);
          return newInvoice(digits, { used: true, ...dated, ...extra });
        };
        const manual = (fields: Partial<LineToMatch>, truth: Inv[], note: string) =>
          addLine(paymentRef, paymentDate, 1, fields, { case: trap, expect: 'manual', invoices: truth.map((inv) => full(inv)), note });
        let head = block();
        while ([...taken].some((d) => d.startsWith(head))) head = block();
        switch (trap) {
          case 'trap-two-near': {
            const x = fresh(`${head}13`);
            fresh(`${head}18`);
            manual({ reference: x.number.replace(/13$/, '15'), paidMinor: x.remainingMinor }, [x], 'one slip from two open invoices');
            break;
          }
          case 'trap-closed-near': {
            fresh(`${head}13`, { open: false, remainingMinor: 0 });
            const o = fresh(`${head}18`);
            manual({ reference: o.number.replace(/18$/, '15'), paidMinor: o.remainingMinor }, [o], 'one slip from a paid invoice and from an open one');
            break;
          }
          case 'trap-same-amount': {
            const x = fresh(`${head}21`);
            fresh(`${head}57`, { originalMinor: x.originalMinor, remainingMinor: x.remainingMinor });
            manual({ reference: '', paidMinor: x.remainingMinor }, [x], 'two open invoices for the same amount');
            break;
          }
          case 'trap-subset-two': {
            const [a, b, c] = [random.int(500_00, 3_000_00), random.int(500_00, 3_000_00), random.int(200_00, 400_00)];
            const set = [fresh(`${head}31`, { originalMinor: a, remainingMinor: a }), fresh(`${head}32`, { originalMinor: b, remainingMinor: b })];
            fresh(`${head}33`, { originalMinor: a - c, remainingMinor: a - c });
            fresh(`${head}34`, { originalMinor: b + c, remainingMinor: b + c });
            manual({ reference: '', paidMinor: a + b }, set, 'two sets of open invoices add up to the payment');
            break;
          }
          case 'trap-truncated-two': {
            let tail = random.digits(4);
            while ([...taken].some((d) => d.endsWith(tail))) tail = random.digits(4);
            const x = fresh(`9${random.digits(profile.digits - 5)}${tail}`);
            let other = `${random.int(1, 8)}${random.digits(profile.digits - 5)}${tail}`;
            while (taken.has(other)) other = `${random.int(1, 8)}${random.digits(profile.digits - 5)}${tail}`;
            fresh(other);
            manual({ reference: tail, paidMinor: x.remainingMinor }, [x], 'the last four digits of two invoices');
            break;
          }
          case 'trap-real-word': {
            const x = fresh(`${head}41`);
            const y = fresh(`${head}47`);
            manual({ reference: y.number, paidMinor: x.remainingMinor }, [x], 'a typo that is another real invoice number (the amount is the other one\'s)');
            break;
          }
          case 'trap-outside-window': {
            const old = fresh(`${head}61`, { invoiceDate: addDays(paymentDate, -200) });
            manual({ reference: 'PAYMENT', paidMinor: old.remainingMinor }, [old], 'the only invoice for the amount is older than the window');
            break;
          }
          case 'trap-unknown':
            manual({ reference: random.pick(['', 'PAYMENT', 'ACH CREDIT']), paidMinor: random.int(150_00, 40_000_00) }, [], 'a payment for nothing we hold');
            break;
          default:
            break;
        }
      }
    }

    payers.push({ code: profile.code, invoices: invoices.map(({ digits: _d, used: _u, ...invoice }) => invoice), lines });
  }
  return { seed, settings: { ...EVAL_SETTINGS, learnedRules: rules }, payers, key };
}

function reformat(invoice: Inv, random: Random): string {
  const { number, digits } = invoice;
  if (number.startsWith('INV-')) return random.pick([`inv-${digits}`, digits, `0000${digits}`, `#${digits}`, `INV ${digits}`, `INV${digits}`]);
  if (number === digits) return random.pick([`#${digits}`, `00${digits}`, `NO. ${digits}`, `INV ${digits}`]);
  return random.pick([number.toLowerCase(), number.replace('-', ' '), number.replace('-', '')]);
}

/** The noisy digits with our prefix (as we write it, or dropped where the prefix is one we know). */
function writeAs(invoice: Inv, digits: string, random: Random): string {
  const head = invoice.number.slice(0, invoice.number.length - invoice.digits.length);
  if (head.startsWith('INV') && random.chance(0.5)) return digits;
  return head + digits;
}

function typo(digits: string, random: Random): string {
  for (;;) {
    const at = random.int(0, digits.length - 1);
    const op = random.int(0, 3);
    let out = digits;
    if (op === 0) out = digits.slice(0, at) + String((Number(digits[at]) + random.int(1, 9)) % 10) + digits.slice(at + 1);
    else if (op === 1 && at > 0) out = digits.slice(0, at) + digits.slice(at + 1);
    else if (op === 2) out = digits.slice(0, at) + random.digits(1) + digits.slice(at);
    else if (op === 3 && at + 1 < digits.length && digits[at] !== digits[at + 1]) out = digits.slice(0, at) + digits[at + 1] + digits[at] + digits.slice(at + 2);
    if (out !== digits) return out;
  }
}

function ocr(digits: string, random: Random): string {
  const swaps: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B' };
  const places = [...digits].map((c, i) => (swaps[c] ? i : -1)).filter((i) => i >= 0);
  if (places.length === 0) return typo(digits, random);
  const out = [...digits];
  for (let k = 0; k < Math.min(places.length, random.int(1, 2)); k += 1) {
    const at = random.pick(places);
    out[at] = swaps[digits[at]!]!;
  }
  return out.join('');
}

/** The set as JSON, one record per line of text, so a change to the generator shows as a readable diff. */
export function evalSetJson(set: EvalSet): string {
  const rows = (items: unknown[], indent: string) => items.map((item) => `${indent}${JSON.stringify(item)}`).join(',\n');
  const payers = set.payers
    .map((payer) => `    {\n      "code": ${JSON.stringify(payer.code)},\n      "invoices": [\n${rows(payer.invoices, '        ')}\n      ],\n      "lines": [\n${rows(payer.lines, '        ')}\n      ]\n    }`)
    .join(',\n');
  return `{\n  "seed": ${set.seed},\n  "settings": ${JSON.stringify(set.settings)},\n  "payers": [\n${payers}\n  ],\n  "key": [\n${rows(set.key, '    ')}\n  ]\n}\n`;
}
