/**
 * Runs parsers in one reusable worker thread with a time limit per file. A file over the
 * limit fails with a clear message and the worker is replaced for the next file.
 */
import { Worker } from 'node:worker_threads';
import { ParseError } from '../../core/errors.js';
import type { ParseOptions, ParseResult } from '../../parsers/types.js';

type Reply = { id: number; ok: true; result: ParseResult } | { id: number; ok: false; expected: boolean; message: string; hint?: string };

export class ParserRunner {
  private worker: Worker | undefined;
  private nextId = 1;

  constructor(private readonly timeoutSeconds: number) {}

  parse(bytes: Uint8Array, options: ParseOptions): Promise<ParseResult> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<ParseResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        void this.stopWorker();
        reject(new ParseError(`reading the file took longer than ${this.timeoutSeconds} s and was stopped (limits.parse_seconds)`));
      }, this.timeoutSeconds * 1000);
      const onMessage = (reply: Reply): void => {
        if (reply.id !== id) return;
        cleanup();
        if (reply.ok) resolve(reply.result);
        else reject(reply.expected ? new ParseError(reply.message, reply.hint) : new Error(reply.message));
      };
      const onError = (err: Error): void => {
        cleanup();
        this.worker = undefined;
        reject(new ParseError(`the reader stopped: ${err.message}`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, bytes, options });
    });
  }

  async close(): Promise<void> {
    await this.stopWorker();
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(workerUrl(), {
        // A runaway parse must not take the machine's memory with it.
        resourceLimits: { maxOldGenerationSizeMb: 4096 },
      });
      this.worker.unref();
    }
    return this.worker;
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

/**
 * The worker's own file. Built, it sits beside this one. Run from the TypeScript sources
 * (vitest), Node cannot start a .ts worker, so the built worker is used: `npm test` builds first.
 */
function workerUrl(): URL {
  const here = new URL('./parse-worker.js', import.meta.url);
  return import.meta.url.endsWith('.ts') ? new URL(here.href.replace(/\/src\/pipeline\//, '/dist/src/pipeline/')) : here;
}
