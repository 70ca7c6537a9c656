/**
 * The parser, in a worker thread, so that a file which takes too long (a hostile PDF, a
 * pathological workbook) can be stopped at the time limit without stopping remit.
 */
import { parentPort } from 'node:worker_threads';
import { RemitError, errorMessage } from '../../core/errors.js';
import { parseRemittanceFile } from '../../parsers/index.js';
import type { ParseOptions } from '../../parsers/types.js';

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  options: ParseOptions;
}

parentPort?.on('message', (request: ParseRequest) => {
  parseRemittanceFile(request.bytes, request.options).then(
    (result) => parentPort?.postMessage({ id: request.id, ok: true, result }),
    (err: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        expected: err instanceof RemitError,
        message: err instanceof RemitError ? err.message : errorMessage(err),
        hint: err instanceof RemitError ? err.hint : undefined,
      }),
  );
});
