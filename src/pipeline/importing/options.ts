/** Parser options for one payer and company, from the validated remit.yaml. */
import type { Config } from '../../config/schema.js';
import type { ParseOptions } from '../../parsers/types.js';

export function parseOptionsFor(config: Config, company: string, payer: string | undefined, fileName: string, strict: boolean): ParseOptions {
  const settings = payer ? config.payers[payer] : undefined;
  const payerIds: Record<string, string> = {};
  for (const [code, entry] of Object.entries(config.payers)) {
    for (const id of entry.ids) payerIds[id] = code;
    if (entry.name) payerIds[entry.name] = code;
  }
  return {
    fileName,
    ...(payer ? { payer } : {}),
    currency: settings?.currency ?? config.companies[company]?.currency ?? 'USD',
    dateOrder: settings?.dateOrder ?? 'mdy',
    decimalComma: settings?.decimalComma ?? false,
    // Only what remit.yaml says counts as known: otherwise each file's own values decide.
    ...(settings?.dateOrder ? { knownDateOrder: settings.dateOrder } : {}),
    ...(settings?.decimalComma !== undefined ? { knownDecimalComma: settings.decimalComma } : {}),
    ...(settings && Object.keys(settings.headerFields).length ? { headerFields: settings.headerFields } : {}),
    columns: settings?.columns ?? {},
    reasonCodes: settings?.reasonCodes ?? {},
    lenient: !strict,
    limits: config.limits,
    payerIds,
    ...(settings?.adxSign ? { adxSign: settings.adxSign } : {}),
    ...(settings?.pdfTemplate ? { pdfTemplate: settings.pdfTemplate } : {}),
  };
}
