/** A delimited remittance file read as a stream: bytes to text to rows to payments. */
import type { RemittanceStream } from '../stream.js';
import type { ParseOptions, Remittance } from '../types.js';
import { decodeChunks } from './decode-stream.js';
import { delimitedRows } from './delimited-stream.js';
import { RemittanceTable } from './remittance-table.js';

export function streamDelimitedRemittances(chunks: Iterable<Uint8Array>, options: ParseOptions): RemittanceStream {
  const table = new RemittanceTable(options, 'stream');
  function* remittances(): Generator<Remittance> {
    for (const rows of delimitedRows(decodeChunks(chunks), options.limits)) {
      for (const row of rows) yield* table.push(row);
    }
    yield* table.finish();
  }
  return { format: 'csv', remittances: remittances(), diagnostics: () => table.diagnostics };
}
