/**
 * Load shedding for expensive work. Each app has one LoadGate: at most
 * MAX_CONCURRENT_HEAVY_FIELDS expensive root fields (`paths`, `neighbourhood`, `compare`,
 * `commonConnections`, `mostConnected`: the ones whose Cypher walks variable-length patterns or
 * ranks the whole graph) run at once, each operation weighing as many as it asks for. An
 * operation that does not fit waits in a short FIFO queue, at most HEAVY_QUEUE_WAIT_MS; if no
 * room comes in that time (or the queue is full) it is refused with OVERLOADED (HTTP 503,
 * Retry-After), before any statement runs. Cheap operations never wait here.
 *
 * Without it, 16 concurrent requests each with two `paths` kept Neo4j's two cores so busy that
 * its health probe went unanswered for 5 s and some requests waited 30 s for an answer.
 */
import type { DocumentNode, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { OverloadedError } from '../errors.js';
import type { Limits } from '../limits.js';
import { forEachSelectedField, operationToRun } from './operation-fields.js';

/** The root fields that hold the gate. */
export const HEAVY_FIELDS: ReadonlySet<string> = new Set(['paths', 'neighbourhood', 'compare', 'commonConnections', 'mostConnected']);

interface Waiter {
  weight: number;
  grant: (release: () => void) => void;
}

/** A counting semaphore with a bounded, time-limited FIFO queue. */
export class LoadGate {
  private inUse = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    readonly capacity: number,
    readonly queueWaitMs: number,
    /** Operations waiting at most; more are refused at once. */
    readonly maxQueued = capacity * 4,
  ) {}

  get running(): number {
    return this.inUse;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * A release function once `weight` slots are free (at most the capacity: one operation asking
   * for more than the gate holds runs alone), or null when none came free within queueWaitMs.
   */
  acquire(weight: number): Promise<(() => void) | null> {
    const need = Math.max(1, Math.min(weight, this.capacity));
    if (this.queue.length === 0 && this.inUse + need <= this.capacity) return Promise.resolve(this.take(need));
    if (this.queue.length >= this.maxQueued || this.queueWaitMs <= 0) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        weight: need,
        grant: (release) => {
          clearTimeout(timer);
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        resolve(null);
        // The head leaving may let smaller ones behind it in.
        this.drain();
      }, this.queueWaitMs);
      timer.unref();
      this.queue.push(waiter);
    });
  }

  private take(weight: number): () => void {
    this.inUse += weight;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= weight;
      this.drain();
    };
  }

  private drain(): void {
    for (;;) {
      const head = this.queue[0];
      if (!head || this.inUse + head.weight > this.capacity) return;
      this.queue.shift();
      head.grant(this.take(head.weight));
    }
  }
}

/** How many heavy fields the operation to run asks for (fragments included, each use counted). */
export function heavyFieldCount(document: DocumentNode, operationName: string | null | undefined): number {
  const operation = operationToRun(document, operationName);
  if (operation?.operation !== 'query') return 0;
  let count = 0;
  // Root fields only: the heavy ones are all on Query (fragments and inline fragments on it too).
  forEachSelectedField(
    document,
    operation,
    (field) => {
      if (HEAVY_FIELDS.has(field.name.value)) count++;
    },
    { nested: false, maxSelectionSets: 10_000 },
  );
  return count;
}

/** The refusal: OVERLOADED, HTTP 503 with Retry-After (yoga reads `extensions.http`, and drops it from the answer). */
function overloaded(limits: Pick<Limits, 'maxConcurrentHeavyFields' | 'heavyQueueWaitMs'>): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(limits.heavyQueueWaitMs / 1000));
  const error = new OverloadedError('MAX_CONCURRENT_HEAVY_FIELDS', limits.maxConcurrentHeavyFields, retryAfter);
  Object.assign(error.extensions, { http: { status: 503, headers: { 'retry-after': String(retryAfter) } } });
  return error;
}

/** The gate as a yoga plugin: an operation with heavy fields holds its slots while it executes. */
export function useLoadGate(gate: LoadGate, limits: Pick<Limits, 'maxConcurrentHeavyFields' | 'heavyQueueWaitMs'>): Plugin {
  return {
    async onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const weight = heavyFieldCount(args.document, args.operationName);
      if (weight === 0) return;
      const release = await gate.acquire(weight);
      if (!release) {
        setResultAndStopExecution({ errors: [overloaded(limits)] });
        return;
      }
      // Released when execution settles, whether it answers or throws, and when a later plugin
      // answers instead (release is idempotent).
      setExecuteFn(async (executeArgs) => {
        try {
          return await executeFn(executeArgs);
        } finally {
          release();
        }
      });
      return { onExecuteDone: () => release() };
    },
  };
}
