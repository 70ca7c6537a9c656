/**
 * The words payers' systems print in column headers and labels, in English, German, French
 * and Spanish, grouped by what they say ("an invoice", "a number", "paid", "a date"). A
 * header is cut into words (accents, case and punctuation dropped; `#`, `No.`, `Nº`, `N°`
 * become `no`; German compounds such as `Rechnungsnummer` are split at the words we know),
 * and each word is looked up here. Sources of the vocabulary: fixtures/payers/README.md.
 */

export type Concept =
  | 'invoice' | 'document' | 'number' | 'reference' | 'theirs' | 'ours' | 'po' | 'date' | 'due'
  | 'amount' | 'paid' | 'net' | 'gross' | 'discount' | 'adjustment' | 'reason' | 'code' | 'check'
  | 'payment' | 'currency' | 'description' | 'open' | 'total' | 'tax' | 'quantity' | 'line'
  | 'party' | 'method' | 'rate' | 'value' | 'count' | 'store' | 'account' | 'payer' | 'deposit' | 'other-date';

const WORDS: Record<Concept, string[]> = {
  invoice: ['invoice', 'invoices', 'inv', 'invc', 'bill', 'bills', 'rechnung', 'rechnungs', 'rg', 're', 'facture', 'factures', 'fact', 'fac', 'factura', 'facturas', 'fra'],
  document: ['doc', 'docs', 'document', 'documents', 'beleg', 'belege', 'piece', 'pieces', 'documento', 'documentos', 'voucher', 'vch', 'transaction', 'trans', 'trx', 'txn'],
  number: ['no', 'num', 'nbr', 'nmbr', 'nr', 'number', 'numbers', 'nummer', 'numero', 'id', 'ident', 'identifier'],
  reference: ['ref', 'refs', 'reference', 'referenz', 'referencia', 'references'],
  theirs: ['your', 'yours', 'ihre', 'ihr', 'votre', 'vos', 'su', 'sus', 'vendor', 'vendors', 'supplier', 'suppliers', 'lieferant', 'lieferanten', 'fournisseur', 'proveedor', 'external', 'ext', 'extern', 'externe', 'externo'],
  ours: ['our', 'unsere', 'unser', 'notre', 'nos', 'nuestro', 'nuestra', 'internal', 'interne', 'interno', 'system', 'sap', 'erp'],
  po: ['po', 'purchase', 'order', 'orders', 'bestellung', 'bestell', 'auftrag', 'auftrags', 'commande', 'cde', 'cmd', 'pedido', 'orden'],
  date: ['date', 'dates', 'dt', 'dte', 'datum', 'fecha', 'dated', 'day', 'tag'],
  due: ['due', 'faellig', 'fallig', 'echeance', 'vencimiento', 'vcto', 'vcmto', 'expiry'],
  amount: ['amount', 'amounts', 'amt', 'amnt', 'betrag', 'betraege', 'betrage', 'montant', 'montants', 'mnt', 'mt', 'importe', 'importes', 'imp', 'sum', 'summe', 'wert', 'monto'],
  paid: ['paid', 'pd', 'payed', 'remit', 'remitted', 'bezahlt', 'gezahlt', 'zahlbetrag', 'regle', 'reglee', 'reglees', 'paye', 'payee', 'pagado', 'pagada', 'abonado', 'applied', 'cleared'],
  net: ['net', 'netto', 'neto', 'nett', 'payable'],
  gross: ['gross', 'brutto', 'bruto', 'original', 'orig', 'invoiced', 'billed', 'ttc'],
  discount: ['discount', 'discounts', 'disc', 'dsc', 'dis', 'skonto', 'escompte', 'descuento', 'dto', 'remise', 'cashdiscount'],
  adjustment: ['adjustment', 'adjustments', 'adj', 'adjmt', 'deduction', 'deductions', 'ded', 'deduct', 'deducted', 'chargeback', 'chargebacks', 'claim', 'claims', 'abzug', 'abzugs', 'abzuege', 'abzuge', 'kuerzung', 'kurzung', 'einbehalt', 'retenue', 'retenues', 'ajustement', 'ajuste', 'ajustes', 'deduccion', 'deducciones', 'withholding', 'withheld', 'retencion', 'retention', 'allowance', 'allowances'],
  reason: ['reason', 'reasons', 'rsn', 'grund', 'motif', 'motivo', 'raison', 'cause', 'explanation'],
  code: ['code', 'codes', 'cd', 'cod', 'codigo', 'kennzeichen', 'schluessel'],
  check: ['check', 'checks', 'cheque', 'cheques', 'chk', 'chq', 'scheck', 'eft', 'ach', 'wire', 'trace', 'transfer', 'virement', 'transferencia', 'avis', 'aviso', 'advice', 'confirmation', 'conf', 'settlement', 'remittance', 'remesa', 'issue', 'issued', 'clearing', 'ausgleich', 'ausgleichs', 'ueberweisung', 'ueberweisungs'],
  deposit: ['deposit', 'deposited', 'einzahlung', 'depot', 'deposito', 'lockbox'],
  payment: ['payment', 'payments', 'pay', 'pmt', 'pymt', 'pmnt', 'zahlung', 'zahlungs', 'paiement', 'paiements', 'reglement', 'reglements', 'pago', 'pagos', 'versement', 'auszahlung', 'auszahlungs'],
  currency: ['currency', 'curr', 'ccy', 'cur', 'crncy', 'cy', 'waehrung', 'wahrung', 'devise', 'moneda', 'divisa', 'iso'],
  description: ['description', 'desc', 'descr', 'memo', 'comment', 'comments', 'text', 'note', 'notes', 'bezeichnung', 'buchungstext', 'verwendungszweck', 'libelle', 'descripcion', 'concepto', 'observaciones', 'type', 'tipo', 'art', 'kind', 'remarks', 'remark', 'details'],
  open: ['balance', 'open', 'outstanding', 'remaining', 'owing', 'offen', 'offener', 'rest', 'restbetrag', 'solde', 'saldo', 'pendiente', 'residual'],
  total: ['total', 'totals', 'gesamt', 'gesamtbetrag', 'totaux', 'grand'],
  tax: ['tax', 'taxes', 'vat', 'gst', 'hst', 'mwst', 'ust', 'steuer', 'tva', 'iva', 'igic'],
  quantity: ['qty', 'quantity', 'menge', 'quantite', 'cantidad', 'units', 'unit', 'price', 'preis', 'prix', 'precio', 'uom', 'upc', 'sku', 'item', 'items', 'gtin', 'ean', 'article', 'artikel', 'articulo'],
  line: ['line', 'lines', 'pos', 'position', 'ln', 'seq', 'sequence', 'zeile', 'ligne', 'linea'],
  party: ['name', 'customer', 'cust', 'client', 'cliente', 'kunde', 'kunden', 'company', 'firma', 'societe', 'empresa', 'address'],
  method: ['method', 'mode', 'means', 'art', 'weg', 'moyen', 'forma', 'medio', 'channel', 'instrument'],
  rate: ['rate', 'percent', 'percentage', 'pct', 'prozent', 'satz', 'taux', 'porcentaje', 'tasa'],
  value: ['value', 'valuta', 'valeur', 'valor'],
  count: ['count', 'anzahl'],
  store: ['store', 'stores', 'location', 'site', 'dc', 'branch', 'filiale', 'magasin', 'tienda', 'division', 'dept', 'department'],
  account: ['account', 'acct', 'acc', 'konto', 'compte', 'cuenta', 'iban', 'bic', 'routing', 'aba', 'bank', 'banque', 'banco'],
  payer: ['payer', 'payor', 'remitter', 'zahler', 'payeur', 'pagador', 'from', 'by', 'emetteur', 'ordenante', 'auftraggeber', 'donneur'],
  'other-date': ['ship', 'shipped', 'shipping', 'delivery', 'delivered', 'receipt', 'received', 'receiving', 'created', 'creation', 'print', 'printed', 'run', 'report', 'liefer', 'lieferdatum', 'erstellt', 'livraison', 'entrega', 'creacion', 'emision'],
};

/** Words that join others ("Date de paiement", "Nº de pago", "Date of check") or qualify an amount ("Betrag EUR", "Montant HT"): no meaning here. */
const JOINERS = new Set(['eur', 'usd', 'gbp', 'chf', 'cad', 'mxn', 'aud', 'jpy', 'ht', 'in', 'at', 'de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'del', 'el', 'los', 'las', 'der', 'die', 'das', 'den', 'dem', 'of', 'the', 'a', 'an', 'pour', 'por', 'para', 'en', 'et', 'y', 'und', 'and', 'on', 'to', 'vom', 'von', 'au', 'aux', 'per']);

const CONCEPTS = new Map<string, Concept[]>();
for (const [concept, words] of Object.entries(WORDS) as Array<[Concept, string[]]>) {
  for (const word of words) CONCEPTS.set(word, [...(CONCEPTS.get(word) ?? []), concept]);
}

/** Word parts German (and some French/Spanish) headers glue together, longest first. */
const COMPOUND_PARTS = [
  'ueberweisungs', 'auszahlungs', 'rechnungs', 'rechnung', 'zahlungs', 'zahlung', 'zahl', 'beleg', 'bestell', 'auftrags', 'abzugs', 'abzug', 'skonto',
  'brutto', 'netto', 'betrag', 'datum', 'nummer', 'gesamt', 'scheck', 'waehrung', 'grund', 'text', 'referenz', 'valuta',
  'buchungs', 'liefer', 'summe', 'wert', 'rest', 'offener', 'kunden', 'lieferanten', 'einbehalt', 'kuerzung', 'art', 'nr', 'no',
];

export interface Words {
  /** The words of the header, in order, after splitting compounds. */
  words: string[];
  /** Concepts named, in order of the words that named them. */
  concepts: Set<Concept>;
  /** Words we have no concept for. */
  unknown: string[];
  /** A trailing (or embedded) number such as the 2 of "Adj Amt 2": pairs amounts with reasons. */
  index: string | undefined;
  /** The text lower-cased with accents and punctuation dropped, words joined by one space. */
  flat: string;
}

/** Lower case, accents dropped (ß, ä, ö, ü spelled out), `#` `Nº` `N°` `No.` made the word `no`. */
export function plainWords(text: string): string[] {
  const spelled = text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/n[º°o]\s*\.?(?=\s|$|\d|[^a-z])/g, ' no ')
    .replace(/#/g, ' no ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return spelled
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The words of a header and the concepts they name. */
export function wordsOf(text: string): Words {
  const words: string[] = [];
  for (const word of plainWords(text)) {
    if (JOINERS.has(word)) continue;
    if (CONCEPTS.has(word) || /^\d+$/.test(word)) words.push(word);
    else words.push(...splitCompound(word));
  }
  const concepts = new Set<Concept>();
  const unknown: string[] = [];
  let index: string | undefined;
  for (const word of words) {
    if (/^\d+$/.test(word)) {
      index ??= word;
      continue;
    }
    const named = CONCEPTS.get(word);
    if (named) for (const concept of named) concepts.add(concept);
    else unknown.push(word);
  }
  return { words, concepts, unknown, index, flat: words.join(' ') };
}

/** `rechnungsnummer` -> rechnungs + nummer; `zahlungsdatum` -> zahlungs + datum; unknown words stay whole. */
function splitCompound(word: string): string[] {
  for (const part of COMPOUND_PARTS) {
    if (word.length > part.length + 1 && word.startsWith(part)) {
      const rest = word.slice(part.length);
      const tail = CONCEPTS.has(rest) ? [rest] : splitCompound(rest);
      if (tail.every((w) => CONCEPTS.has(w))) return [part, ...tail];
    }
  }
  return [word];
}
