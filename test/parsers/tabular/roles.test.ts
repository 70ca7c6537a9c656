/** The words of column headers and labels, in English (with the short forms AP systems print), German, French and Spanish. */
import { describe, expect, it } from 'vitest';
import { columnRole, labelRole } from '../../../src/parsers/tabular/roles.js';

const role = (header: string) => columnRole(header)?.field;

describe('column headers', () => {
  it.each([
    // English, with abbreviations
    ['Invoice Number', 'reference'], ['Inv No', 'reference'], ['Inv #', 'reference'], ['Inv Num', 'reference'], ['Invoice Nbr', 'reference'],
    ['Vendor Invoice #', 'reference'], ['Your Document No.', 'reference'], ['External Document No.', 'reference'], ['Bill #', 'reference'],
    ['Ref. No.', 'reference'], ['Reference', 'reference'], ['Doc No', 'reference'],
    ['Invoice Date', 'invoice_date'], ['Inv Dt', 'invoice_date'], ['Doc. Date', 'invoice_date'],
    ['PO #', 'po'], ['Purchase Order', 'po'], ['Customer PO', 'po'],
    ['Invoice Amount', 'gross'], ['Inv Amt', 'gross'], ['Gross Amt', 'gross'], ['Original Amt.', 'gross'], ['Amount Due', 'gross'], ['Amt Due', 'gross'], ['Invoice Total', 'gross'],
    ['Discount', 'discount'], ['Disc Amt', 'discount'], ['Discount Taken', 'discount'], ['Pmt. Disc. Amount', 'discount'],
    ['Adj Amt', 'adjustment'], ['Adj Amt 2', 'adjustment'], ['Deduction Amount', 'adjustment'], ['Chargeback', 'adjustment'],
    ['Adj Reason', 'reason'], ['Adj Rsn 1', 'reason'], ['Reason Code', 'reason'], ['Deduction Code', 'reason'], ['Adj Desc', 'reason'],
    ['Amount Paid', 'paid'], ['Amt Paid', 'paid'], ['Amt Pd', 'paid'], ['Net Paid', 'paid'], ['Net Amt', 'paid'], ['Net', 'paid'], ['Paid Amount', 'paid'],
    ['Payment', 'paid'], ['Payment Amount', 'paid'], ['Net Invoice Amount', 'paid'], ['Amount Applied', 'paid'], ['Net Remitted', 'paid'],
    ['Check Amount', 'payment_total'], ['Total Payment', 'payment_total'],
    ['Payment Number', 'payment_ref'], ['Pmt Num', 'payment_ref'], ['Check #', 'payment_ref'], ['Check/EFT #', 'payment_ref'], ['Chk No', 'payment_ref'],
    ['Check', 'payment_ref'], ['EFT Trace Number', 'payment_ref'], ['Payment ID', 'payment_ref'], ['Confirmation #', 'payment_ref'],
    ['Payment Date', 'payment_date'], ['Pmt Dt', 'payment_date'], ['Check Date', 'payment_date'], ['Pay Date', 'payment_date'], ['Value Date', 'payment_date'],
    ['Currency', 'currency'], ['Curr', 'currency'], ['Currency Code', 'currency'],
    ['Description', 'description'], ['Memo', 'description'], ['Comments', 'description'], ['Type', 'description'],
    ['Amount', 'amount'], ['Amt', 'amount'], ['Date', 'date'],
    // German
    ['Rechnungsnummer', 'reference'], ['Rechnungs-Nr.', 'reference'], ['Re.-Nr.', 'reference'], ['Ihre Belegnummer', 'reference'], ['Ihre Referenz', 'reference'],
    ['Belegnummer', 'reference'], ['Rechnungsdatum', 'invoice_date'], ['Belegdatum', 'invoice_date'], ['Bestellnummer', 'po'],
    ['Bruttobetrag', 'gross'], ['Rechnungsbetrag', 'gross'], ['Skonto', 'discount'], ['Skontobetrag', 'discount'], ['Abzug', 'adjustment'], ['Abzüge', 'adjustment'],
    ['Abzugsgrund', 'reason'], ['Zahlbetrag', 'paid'], ['Zahlungsbetrag', 'paid'], ['Nettobetrag', 'paid'], ['Betrag', 'amount'],
    ['Zahlungsnummer', 'payment_ref'], ['Zahlungsbeleg', 'payment_ref'], ['Schecknummer', 'payment_ref'], ['Zahlungsdatum', 'payment_date'], ['Valutadatum', 'payment_date'],
    ['Währung', 'currency'], ['Buchungstext', 'description'],
    // French
    ['N° facture', 'reference'], ['Nº de facture', 'reference'], ['Réf. facture', 'reference'], ['Votre référence', 'reference'], ['N° pièce', 'reference'],
    ['Date facture', 'invoice_date'], ['N° de commande', 'po'], ['Montant TTC', 'gross'], ['Montant facture', 'gross'], ['Escompte', 'discount'],
    ['Retenue', 'adjustment'], ['Motif', 'reason'], ['Montant réglé', 'paid'], ['Montant payé', 'paid'], ['Net à payer', 'paid'], ['Montant', 'amount'],
    ['N° de règlement', 'payment_ref'], ['Date de paiement', 'payment_date'], ['Date de règlement', 'payment_date'], ['Devise', 'currency'], ['Libellé', 'description'],
    // Spanish
    ['Nº factura', 'reference'], ['Número de factura', 'reference'], ['Su referencia', 'reference'], ['Fecha factura', 'invoice_date'], ['Nº pedido', 'po'],
    ['Importe factura', 'gross'], ['Importe bruto', 'gross'], ['Descuento', 'discount'], ['Dto. pronto pago', 'discount'], ['Descuento pronto pago', 'discount'],
    ['Retención', 'adjustment'], ['Motivo', 'reason'], ['Importe pagado', 'paid'], ['Importe neto', 'paid'], ['Importe', 'amount'],
    ['Nº de pago', 'payment_ref'], ['Fecha de pago', 'payment_date'], ['Fecha valor', 'payment_date'], ['Moneda', 'currency'], ['Concepto', 'description'],
  ])('"%s" is %s', (header, field) => {
    expect(role(header)).toBe(field);
  });

  it.each([
    'Our Document No.', 'Unsere Belegnummer', 'Notre référence', 'Vendor Number', 'Vendor Name', 'Store Number', 'Balance Due', 'Still Owing',
    'Due Date', 'Date d\'échéance', 'Fecha de vencimiento', 'Disc %', 'Discount Date', 'Qty', 'Unit Price', 'Tax Amount', 'MwSt', 'TVA', 'Line',
    'Claim No', 'Deduction #', 'Remitter', 'Bank Account', 'Ship Date',
  ])('"%s" is named and not read', (header) => {
    expect(role(header)).toBe('ignored');
  });

  it('the more specific header scores higher', () => {
    const score = (h: string) => columnRole(h)?.score ?? 0;
    expect(score('Vendor Invoice #')).toBeGreaterThan(score('Invoice Number'));
    expect(score('Invoice Number')).toBeGreaterThan(score('Reference'));
    expect(score('Reference')).toBeGreaterThan(score('Document Number'));
    expect(score('Document Number')).toBeGreaterThan(score('No.'));
    expect(score('Amount Paid')).toBeGreaterThan(score('Payment Amount'));
  });

  it('says why', () => {
    expect(columnRole('Ihre Belegnummer')?.why).toBe(`"Ihre Belegnummer" names the supplier's (your) document number`);
  });
});

describe('labels of payment fields', () => {
  it.each([
    ['Payment Number:', 'paymentRef'], ['Check No.:', 'paymentRef'], ['Confirmation #', 'paymentRef'], ['Zahlungsbeleg', 'paymentRef'], ['N° de règlement :', 'paymentRef'],
    ['Nº de pago', 'paymentRef'], ['Reference:', 'paymentRef'],
    ['Payment Date:', 'paymentDate'], ['Check Date', 'paymentDate'], ['Date:', 'paymentDate'], ['Zahlungsdatum', 'paymentDate'], ['Date de paiement :', 'paymentDate'], ['Fecha de pago', 'paymentDate'],
    ['Amount:', 'statedTotal'], ['Check Amount', 'statedTotal'], ['Total Payment Amount:', 'statedTotal'], ['Zahlbetrag', 'statedTotal'], ['Gesamtbetrag', 'statedTotal'],
    ['Montant total :', 'statedTotal'], ['Importe total', 'statedTotal'], ['Net à payer', 'statedTotal'],
    ['Payment Method:', 'method'], ['Zahlungsart', 'method'], ['Mode de règlement', 'method'], ['Forma de pago', 'method'],
    ['Currency:', 'currency'], ['Währung', 'currency'], ['Devise', 'currency'], ['Moneda', 'currency'],
    ['Payer:', 'payerName'], ['Paid By', 'payerName'], ['Émetteur', 'payerName'], ['Ordenante', 'payerName'],
  ])('"%s" labels %s', (label, field) => {
    expect(labelRole(label)?.field).toBe(field);
  });

  it.each(['Vendor:', 'Vendor No.', 'Remit To:', 'Invoice Total:', 'Total Discount:', 'Due Date:', 'Page', '05.09.2024', 'Bayview Catering Ltd'])('"%s" labels no payment field', (label) => {
    expect(labelRole(label)).toBeUndefined();
  });
});
