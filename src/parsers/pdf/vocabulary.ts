/**
 * The words payers' systems print on remittance advice and check stubs, in English, German,
 * French and Spanish: labels of header fields and names of table columns. Gathered from the
 * layouts of small-business accounting packages (QuickBooks voucher and standard check
 * stubs, Xero and Sage remittance advice), ERP payment advices (SAP "Zahlungsavis", Oracle
 * Payables, NetSuite bill payments, Dynamics), AP platforms (Bill.com, AvidXchange,
 * Paymode-X) and bank lockbox stubs; fixtures/payers-pdf/README.md lists the sources.
 *
 * A column name is "weak" when it is generic ("Amount", "Betrag"): it names the paid amount
 * only in a table that has no more specific paid column.
 */
import type { ColumnKey, FieldKey } from './layout.js';

/**
 * How a field's label may stand: `label` (the value follows on the line, or sits under the
 * label in a label row). A `check` means the label is too common a word to trust alone and
 * the value must read as that type (a bare "Date" or "Amount").
 */
export interface LabelWords {
  source: string;
  check?: 'date' | 'amount';
}

const NO = String.raw`(?:number|no\.?|nr\.?|num\.?|nbr|#|n°|nº|n\.º)`;

export const FIELD_LABELS: Record<FieldKey, LabelWords[]> = {
  paymentRef: [
    { source: String.raw`payment\s*(?:number|no\.?|num\.?|nbr|#|id|ref(?:erence)?\.?|document(?:\s*${NO})?|doc\.?\s*${NO})` },
    { source: String.raw`(?:check|cheque)(?:\s*/\s*(?:eft|ach))?\s*${NO}` },
    { source: String.raw`(?:eft|ach|wire)(?:\s*/\s*(?:check|cheque))?(?:\s*trace)?\s*(?:number|no\.?|num\.?|#|id|ref(?:erence)?\.?)` },
    // A bare `EFT` / `ACH` is a label only with a colon: `ACH` alone is a payment method.
    { source: String.raw`(?:eft|ach|wire)(?:\s*trace)?(?=\s*:)` },
    { source: String.raw`trace\s*(?:number|no\.?|#)` },
    { source: String.raw`(?:remittance|advice)\s*(?:number|no\.?|#|id)` },
    { source: String.raw`(?:scheck|zahlungs|avis)\s*-?\s*(?:nummer|nr\.?|referenz)|schecknummer|zahlungsnummer` },
    { source: String.raw`(?:n°|nº|no\.?|num[ée]ro)\s*(?:de\s*|du\s*)?(?:ch[èe]que|paiement|r[èe]glement|virement|l'avis|avis)` },
    { source: String.raw`r[ée]f[ée]rence\s*(?:du|de)\s*(?:paiement|r[èe]glement|virement)` },
    { source: String.raw`(?:n°|nº|n\.º|no\.?|n[úu]mero)\s*(?:de\s*)?(?:cheque|pago|transferencia)` },
    { source: String.raw`referencia\s*(?:de(?:l)?\s*)?(?:pago|transferencia)` },
  ],
  paymentDate: [
    { source: String.raw`(?:payment|check|cheque|eft|ach|wire|value|pay|remittance|settlement|deposit)\s*date` },
    { source: String.raw`date\s*paid` },
    // A bare `Date:` in the header block is the payment's date; column headers have no colon.
    { source: String.raw`date(?=\s*:)` },
    { source: String.raw`date`, check: 'date' },
    { source: String.raw`zahlungsdatum|[üu]berweisungsdatum|valuta(?:datum)?|wertstellung|scheckdatum|ausf[üu]hrungsdatum` },
    { source: String.raw`datum`, check: 'date' },
    { source: String.raw`date\s*(?:de\s*|du\s*)(?:paiement|r[èe]glement|virement|valeur|ch[èe]que)` },
    { source: String.raw`fecha\s*(?:de\s*)?(?:pago|valor|transferencia|cheque)` },
    { source: String.raw`fecha`, check: 'date' },
  ],
  total: [
    { source: String.raw`payment\s*amount` },
    { source: String.raw`total\s*payment(?:\s*amount)?` },
    { source: String.raw`payment\s*total` },
    { source: String.raw`total\s*paid` },
    { source: String.raw`amount\s*enclosed` },
    { source: String.raw`(?:check|cheque|eft|ach|wire|remittance)\s*(?:amount|total)` },
    { source: String.raw`total\s*amount`, check: 'amount' },
    { source: String.raw`amount`, check: 'amount' },
    { source: String.raw`total`, check: 'amount' },
    { source: String.raw`zahlbetrag|zahlungsbetrag|[üu]berweisungsbetrag|auszahlungsbetrag|gesamtbetrag` },
    { source: String.raw`betrag|summe`, check: 'amount' },
    { source: String.raw`montant\s*(?:du\s*|de\s*la\s*|de\s*l')?(?:paiement|r[èe]glement|virement|ch[èe]que)|montant\s*(?:total|r[ée]gl[ée]|pay[ée])` },
    { source: String.raw`montant`, check: 'amount' },
    { source: String.raw`importe\s*(?:del?\s*)?(?:pago|cheque|transferencia)|importe\s*(?:total|pagado)|total\s*pagado` },
    { source: String.raw`importe`, check: 'amount' },
  ],
  currency: [{ source: String.raw`(?:payment\s*)?currency(?:\s*code)?|w[äa]hrung|devise|monnaie|moneda|divisa` }],
  method: [
    { source: String.raw`payment\s*(?:method|type|mode)|pay\s*method|method\s*of\s*payment|zahlungsart|mode\s*de\s*(?:paiement|r[èe]glement)|forma\s*de\s*pago|m[ée]todo\s*de\s*pago` },
  ],
  payerName: [
    { source: String.raw`payer(?:\s*name)?|paid\s*by|remitter(?:\s*name)?|remitted\s*by|zahler|auftraggeber|payeur|donneur\s*d'ordre|pagador|ordenante` },
  ],
};

export const COLUMN_NAMES: Record<ColumnKey, string[]> = {
  reference: [
    'Invoice No', 'Invoice Number', 'Invoice #', 'Inv No', 'Inv Number', 'Inv #', 'Invoice Ref', 'Invoice Reference', 'Invoice',
    'Vendor Invoice', 'Vendor Invoice No', 'Vendor Invoice Number', 'Supplier Invoice', 'Supplier Invoice No', 'Your Invoice',
    'Your Invoice No', 'Document No', 'Document Number', 'Document #', 'Doc No', 'Doc #', 'Doc Number', 'Reference',
    'Reference No', 'Reference Number', 'Ref No', 'Ref', 'Ref #', 'Your Reference', 'Your Ref', 'Vendor Ref', 'Supplier Ref',
    'Bill No', 'Bill Number', 'Bill #', 'Invoice/Credit No', 'Invoice/Credit Memo',
    'Rechnungsnummer', 'Rechnungs-Nr', 'Rechnung Nr', 'Rechnung', 'Re-Nr', 'Belegnummer', 'Beleg-Nr', 'Beleg Nr', 'Ihre Referenz',
    'Ihre Rechnung', 'Ihre Rechnungsnummer',
    'N° facture', 'N° de facture', 'Nº facture', 'No facture', 'Numéro de facture', 'Facture', 'Référence', 'Votre référence',
    'Réf facture', 'N° pièce', 'Pièce',
    'Nº factura', 'N° factura', 'Nº de factura', 'No factura', 'Número de factura', 'Factura', 'Referencia', 'Su referencia',
    'Documento', 'Nº documento',
  ],
  invoiceDate: [
    'Invoice Date', 'Inv Date', 'Document Date', 'Doc Date', 'Bill Date', 'Date',
    'Rechnungsdatum', 'Belegdatum', 'Datum',
    'Date facture', 'Date de facture', 'Date pièce',
    'Fecha factura', 'Fecha de factura', 'Fecha documento', 'Fecha',
  ],
  po: [
    'PO No', 'PO Number', 'PO #', 'PO', 'P O No', 'Purchase Order', 'Purchase Order No', 'Purchase Order Number', 'Order No',
    'Customer PO', 'Bestellnummer', 'Bestell-Nr', 'Bestellung', 'N° de commande', 'N° commande', 'Bon de commande', 'Commande',
    'Nº de pedido', 'Nº pedido', 'Pedido', 'Orden de compra',
  ],
  description: [
    'Description', 'Desc', 'Memo', 'Details', 'Comment', 'Remarks', 'Text', 'Beschreibung', 'Buchungstext', 'Bezeichnung',
    'Libellé', 'Désignation', 'Concepto', 'Descripción',
  ],
  gross: [
    'Gross', 'Gross Amount', 'Gross Amt', 'Invoice Amount', 'Invoice Amt', 'Inv Amount', 'Inv Amt', 'Original Amount',
    'Original Amt', 'Orig Amt', 'Orig Amount', 'Invoice Total', 'Bill Amount', 'Document Amount',
    'Rechnungsbetrag', 'Bruttobetrag', 'Brutto', 'Montant brut', 'Montant facture', 'Montant TTC', 'Importe bruto',
    'Importe factura', 'Importe de la factura',
  ],
  discount: [
    'Discount', 'Discount Amount', 'Discount Amt', 'Disc', 'Disc Amt', 'Disc Taken', 'Discount Taken', 'Cash Discount', 'Cash Disc',
    'Skonto', 'Skontobetrag', 'Escompte', 'Remise', 'Descuento', 'Dto', 'Descuento pronto pago',
  ],
  deduction: [
    'Deduction', 'Deductions', 'Deduction Amount', 'Deduction Amt', 'Adjustment', 'Adjustments', 'Adjustment Amount', 'Adjustment Amt', 'Adj Amt', 'Adj Amount', 'Adj',
    'Abzug', 'Abzüge', 'Kürzung', 'Déduction', 'Retenue', 'Deducción',
  ],
  reason: [
    'Rsn', 'Reason', 'Reason Code', 'Rsn Code', 'Adj Reason', 'Deduction Reason', 'Grund', 'Abzugsgrund', 'Motif', 'Motivo',
  ],
  net: [
    'Net', 'Net Amount', 'Net Amt', 'Net Paid', 'Net Payment', 'Amount Paid', 'Amt Paid', 'Paid Amount', 'Paid Amt', 'Paid',
    'Payment Amount', 'Payment Amt',
    'Zahlbetrag', 'Bezahlt', 'Gezahlt', 'Auszahlungsbetrag',
    'Montant payé', 'Montant réglé', 'Réglé', 'Net payé', 'Importe pagado', 'Pagado',
  ],
};

/**
 * Generic amount columns: the paid amount only when no column above names it, the first in
 * this list winning ("Payment" can also be a column of payment numbers, so it comes last).
 */
export const WEAK_COLUMN_NAMES: Partial<Record<ColumnKey, string[]>> = {
  net: ['Amount', 'Amt', 'Betrag', 'Montant', 'Importe', 'Payment', 'Zahlung'],
};
