/**
 * A bounded closed-loop load generator: `concurrency` workers each send one request, wait for
 * the answer, and send the next, until the time or the request budget runs out. Loopback only.
 *
 * A cell sends either one fixed GraphQL request (reads), or a fresh request per send from a
 * factory (writes: each call gets the next number, so every write has its own ids).
 */
import type { GraphQLRequest } from './workload.js';

/** One HTTP request as a write sends it: a GraphQL body or any other (the import's bundle). */
export interface HttpCall {
  /** Path on the server, default the GraphQL endpoint the cell was given. */
  path?: string;
  headers?: Record<string, string>;
  body: GraphQLRequest | string;
  /** A successful answer contains this text (a mutation's success type, say); else it counts as an error. */
  expect?: string;
}

/** A fixed request, or one made per send (numbered from 0 across the whole run). */
export type RequestSource = GraphQLRequest | ((n: number) => HttpCall);

export interface CellOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Stop early after this many measured requests. */
  maxRequests: number;
}

export interface CellResult {
  requests: number;
  errors: number;
  /** First error seen, for the report. */
  firstError: string | null;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!; // 0 <= rank < length
}

export interface Answer {
  ok: boolean;
  status: number;
  body: string;
  statements: number | null;
}

export async function send(url: string, request: GraphQLRequest | HttpCall): Promise<Answer> {
  const call: HttpCall = 'query' in request ? { body: request } : request;
  const target = call.path ? new URL(call.path, url).toString() : url;
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...call.headers },
    body: typeof call.body === 'string' ? call.body : JSON.stringify(call.body),
  });
  const body = await response.text();
  const header = response.headers.get('x-cypher-statements');
  // A GraphQL error answer carries a top-level "errors" key; data never starts with it.
  const ok =
    response.ok &&
    !body.startsWith('{"errors"') &&
    !body.includes('],"errors":') &&
    !body.includes('},"errors":') &&
    (call.expect === undefined || body.includes(call.expect));
  return { ok, status: response.status, body, statements: header === null ? null : Number(header) };
}

/** Numbers every write request of a run, so that no two sends reuse an id. */
export class Sequence {
  private next = 0;
  take(): number {
    return this.next++;
  }
}

const callOf = (source: RequestSource, sequence: Sequence): GraphQLRequest | HttpCall =>
  typeof source === 'function' ? source(sequence.take()) : source;

async function loop(
  url: string,
  request: RequestSource,
  sequence: Sequence,
  concurrency: number,
  untilMs: number,
  maxRequests: number,
  latencies: number[] | null,
) {
  let sent = 0;
  let errors = 0;
  let firstError: string | null = null;
  const worker = async () => {
    while (performance.now() < untilMs && sent < maxRequests) {
      sent++;
      const started = performance.now();
      try {
        const answer = await send(url, callOf(request, sequence));
        if (!answer.ok) {
          errors++;
          firstError ??= `${answer.status} ${answer.body.slice(0, 300)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= String((error as Error).message ?? error);
      }
      latencies?.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent, errors, firstError };
}

/** What one server is sent in a set of cells measured together (runCells). */
export interface CellTarget {
  url: string;
  request: RequestSource;
  sequence?: Sequence;
}

/**
 * Measures several servers on the same operation, interleaved: after a warm-up of each, `rounds`
 * rounds, each giving every server an equal slice of the duration (and of maxRequests) in an
 * order that rotates from round to round. A shared machine's slow spells then fall on every
 * server alike, where cells run one after the other compared the servers at different moments.
 * Each result pools its server's latencies over the rounds.
 */
export async function runCells(targets: readonly CellTarget[], options: CellOptions & { rounds: number }): Promise<CellResult[]> {
  const rounds = Math.max(1, Math.floor(options.rounds));
  const sequences = targets.map((t) => t.sequence ?? new Sequence());
  if (options.warmupMs > 0) {
    for (const [i, t] of targets.entries())
      await loop(t.url, t.request, sequences[i]!, options.concurrency, performance.now() + options.warmupMs, Number.MAX_SAFE_INTEGER, null);
  }
  const pooled = targets.map(() => ({ latencies: [] as number[], sent: 0, errors: 0, firstError: null as string | null, ms: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < targets.length; k++) {
      const i = (round + k) % targets.length;
      const t = targets[i]!;
      const into = pooled[i]!;
      const started = performance.now();
      const { sent, errors, firstError } = await loop(
        t.url,
        t.request,
        sequences[i]!,
        options.concurrency,
        started + options.durationMs / rounds,
        Math.ceil(options.maxRequests / rounds),
        into.latencies,
      );
      into.ms += performance.now() - started;
      into.sent += sent;
      into.errors += errors;
      into.firstError ??= firstError;
    }
  }
  return pooled.map(({ latencies, sent, errors, firstError, ms }) => summarise(latencies, sent, errors, firstError, ms / 1000));
}

function summarise(latencies: number[], sent: number, errors: number, firstError: string | null, seconds: number): CellResult {
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: sent,
    errors,
    firstError,
    seconds: round(seconds),
    throughput: round(sent / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
  };
}
