/**
 * Runs import parsing in one worker thread (import.worker.ts), one import at a time, with a time
 * limit and its own memory and stack limits: the event loop that serves every other request
 * never parses a bundle. A worker that runs out of time or memory is ended and replaced.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedImport } from './import-formats.js';
import type { ParseJob } from './import.worker.js';

export class ImportRefused extends Error {
  override name = 'ImportRefused';
  constructor(
    readonly status: 413 | 422 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ParserLimits {
  timeoutMs: number;
  maxEntries: number;
}

const require = createRequire(import.meta.url);
/** tsx's ESM registration entry (the CommonJS one does not register ESM hooks in a worker). */
const TSX_ESM_API = () => pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
const WORKER_URL = new URL(`./import.worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

export class ImportParser {
  private worker: Worker | null = null;
  private busy = false;
  private nextId = 1;

  constructor(private readonly limits: () => ParserLimits) {}

  get running(): boolean {
    return this.busy;
  }

  private spawn(): Worker {
    const resourceLimits = { maxOldGenerationSizeMb: 512, stackSizeMb: 4 };
    // TypeScript sources (npm start, tests): the worker registers tsx, then loads the module.
    const worker = WORKER_URL.pathname.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(TSX_ESM_API())}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
          { eval: true, resourceLimits },
        )
      : new Worker(WORKER_URL, { resourceLimits });
    worker.unref();
    return worker;
  }

  /** Parses one import; ImportRefused when busy, too slow or too large. */
  async parse(format: 'bundle' | 'csv', name: string, text: string): Promise<ParsedImport> {
    if (this.busy) throw new ImportRefused(503, 'IMPORT_BUSY', 'Another import is being read; retry shortly (imports run one at a time).');
    this.busy = true;
    const { timeoutMs, maxEntries } = this.limits();
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.nextId++;
    try {
      return await new Promise<ParsedImport>((resolve, reject) => {
        const timer = setTimeout(() => {
          done();
          this.discard(worker);
          reject(new ImportRefused(413, 'IMPORT_TOO_LARGE', `Reading the import took over ${timeoutMs} ms; split it into smaller files.`));
        }, timeoutMs);
        const onMessage = (message: { id: number; ok: boolean; result?: ParsedImport; message?: string }) => {
          if (message.id !== id) return;
          done();
          if (message.ok) resolve(message.result!);
          else reject(new ImportRefused(422, 'IMPORT_UNREADABLE', `The import could not be read: ${message.message}`));
        };
        const onExit = (error?: Error) => {
          done();
          this.discard(worker);
          // A worker over its resourceLimits exits with this code (Node's errors.md).
          const outOfMemory = (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
          reject(
            outOfMemory
              ? new ImportRefused(
                  413,
                  'IMPORT_TOO_LARGE',
                  'Reading the import needed more memory than allowed; split it into smaller files.',
                )
              : new ImportRefused(422, 'IMPORT_UNREADABLE', 'The import could not be read.'),
          );
        };
        const done = () => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onExit);
          worker.off('exit', onExit);
        };
        worker.on('message', onMessage);
        worker.once('error', onExit);
        worker.once('exit', onExit);
        worker.postMessage({ id, format, name, text, maxEntries } satisfies ParseJob);
      });
    } finally {
      this.busy = false;
    }
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate().catch(() => {});
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
