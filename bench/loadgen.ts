/**
 * A bounded closed-loop load generator: `concurrency` workers each send one request, wait for
 * the answer, and send the next, until the time or the request budget runs out. Loopback only.
 */
import type { GraphQLRequest } from './workload.js';

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

export async function send(url: string, request: GraphQLRequest): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request),
  });
  const body = await response.text();
  const header = response.headers.get('x-cypher-statements');
  // A GraphQL error answer carries a top-level "errors" key; data never starts with it.
  const ok = response.ok && !body.startsWith('{"errors"') && !body.includes('],"errors":') && !body.includes('},"errors":');
  return { ok, status: response.status, body, statements: header === null ? null : Number(header) };
}

async function loop(
  url: string,
  request: GraphQLRequest,
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
        const answer = await send(url, request);
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

export async function runCell(url: string, request: GraphQLRequest, options: CellOptions): Promise<CellResult> {
  if (options.warmupMs > 0) {
    await loop(url, request, options.concurrency, performance.now() + options.warmupMs, Number.MAX_SAFE_INTEGER, null);
  }
  const latencies: number[] = [];
  const started = performance.now();
  const { sent, errors, firstError } = await loop(
    url,
    request,
    options.concurrency,
    started + options.durationMs,
    options.maxRequests,
    latencies,
  );
  const seconds = (performance.now() - started) / 1000;
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
