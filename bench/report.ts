/** Turns a run's results into bench/results/latest.md: ratio tables people can read. */
import type { CellResult } from './loadgen.js';
import type { LoadStats } from './generate.js';
import type { ServerKind } from './workload.js';

export interface OperationSummary {
  key: string;
  title: string;
  peerNote: string | null;
  /** Items in each server's answer (sanity check that they answer the same question). */
  sizes: Partial<Record<ServerKind, number>>;
  /** Cypher statements per request, from the x-cypher-statements header. */
  statements: Partial<Record<ServerKind, number | null>>;
  /** Neo4j db hits of the floor's statement (PROFILE). */
  floorDbHits: number | null;
  /** Rows of our statements under PROFILE, when measured: name -> db hits. */
  oursDbHits: Record<string, number> | null;
}

export interface ServerStart {
  coldStartMs: number;
  schemaBuildMs: number;
}

export interface RunResults {
  startedAt: string;
  settings: { nodes: number; durationS: number; warmupS: number; concurrency: number[]; maxRequests: number; smoke: boolean };
  machine: { cpus: number; cpuModel: string; ramGb: number; node: string; java: string; neo4j: string; os: string };
  load: LoadStats;
  servers: Partial<Record<ServerKind, ServerStart>>;
  operations: OperationSummary[];
  cells: Array<{ op: string; server: ServerKind; concurrency: number } & CellResult>;
}

const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !b ? 'N/A' : `${(a / b).toFixed(2)}x`;
/** Marks a ratio that the report calls out: ours more than 1.3x the floor, or slower than the peer. */
const flag = (value: string, limit: number) => (value !== 'N/A' && Number.parseFloat(value) > limit ? `**${value}**` : value);

export function renderMarkdown(results: RunResults): string {
  const { settings, machine, load, servers } = results;
  const lines: string[] = [];
  lines.push(`# Benchmark: ours vs hand-written Cypher (floor) vs @neo4j/graphql 7 (peer)`);
  lines.push('');
  lines.push(`Run ${results.startedAt}${settings.smoke ? ' (smoke: tiny size, numbers are not meaningful)' : ''}.`);
  lines.push('');
  lines.push(
    `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.ramGb} GB RAM, ${machine.os}, Node ${machine.node}, ${machine.java}, Neo4j ${machine.neo4j}. ` +
      `Client, servers and Neo4j share the machine.`,
  );
  lines.push('');
  lines.push(
    `Graph: ${load.nodes} nodes, ${load.relationships} relationships` +
      (load.reused
        ? ' (reused from an earlier load).'
        : `; loaded at ${load.nodesPerSecond} nodes/s and ${load.relationshipsPerSecond} relationships/s (batched UNWIND, 5k rows per transaction; schema ${fmt(load.schemaSeconds, 2)} s).`),
  );
  lines.push('');
  lines.push(
    `Each cell: ${settings.warmupS} s warm-up, then ${settings.durationS} s (or ${settings.maxRequests} requests) at concurrency ${settings.concurrency.join(', ')}.`,
  );
  lines.push('');
  lines.push('## Ratios (latency: higher means ours is slower; throughput: ours/other, lower means ours is slower)');
  lines.push('');
  lines.push(
    '| operation | conc. | ours p50 / p95 / p99 ms | ours req/s | floor p50 ms | peer p50 ms | ours/floor p50 | ours/floor p95 | ours/floor req/s | ours/peer p50 | ours/peer p95 | ours/peer req/s |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const cell = (op: string, server: ServerKind, c: number) =>
    results.cells.find((x) => x.op === op && x.server === server && x.concurrency === c);
  for (const op of results.operations) {
    for (const c of settings.concurrency) {
      const o = cell(op.key, 'ours', c);
      const f = cell(op.key, 'floor', c);
      const p = cell(op.key, 'peer', c);
      lines.push(
        `| ${op.key} | ${c} | ${o ? `${fmt(o.p50)} / ${fmt(o.p95)} / ${fmt(o.p99)}` : 'n/a'} | ${fmt(o?.throughput, 0)} | ${fmt(f?.p50)} | ${p ? fmt(p.p50) : 'N/A'} | ` +
          `${flag(ratio(o?.p50, f?.p50), 1.3)} | ${flag(ratio(o?.p95, f?.p95), 1.3)} | ${ratio(o?.throughput, f?.throughput)} | ` +
          `${flag(ratio(o?.p50, p?.p50), 1)} | ${flag(ratio(o?.p95, p?.p95), 1)} | ${ratio(o?.throughput, p?.throughput)} |`,
      );
    }
  }
  lines.push('');
  lines.push('Bold: ours more than 1.3x the floor, or slower than the peer.');
  lines.push('');
  lines.push('## Per operation: statements per request, db hits, answer sizes');
  lines.push('');
  lines.push('| operation | statements ours / floor / peer | floor db hits | items ours / floor / peer | peer variant |');
  lines.push('|---|---|---:|---|---|');
  for (const op of results.operations) {
    const s = op.statements;
    const z = op.sizes;
    lines.push(
      `| ${op.key} | ${s.ours ?? 'n/a'} / ${s.floor ?? 'n/a'} / ${s.peer === undefined ? 'N/A' : (s.peer ?? 'n/a')} | ${op.floorDbHits ?? 'n/a'} | ` +
        `${z.ours ?? 'n/a'} / ${z.floor ?? 'n/a'} / ${z.peer ?? 'N/A'} | ${op.peerNote ?? 'like for like'} |`,
    );
  }
  const withOurs = results.operations.filter((o) => o.oursDbHits);
  if (withOurs.length > 0) {
    lines.push('');
    lines.push('Our statements under PROFILE (db hits per statement, in the order the request runs them):');
    lines.push('');
    for (const op of withOurs) {
      lines.push(
        `- ${op.key}: ${Object.entries(op.oursDbHits ?? {})
          .map(([name, hits]) => `${name} ${hits}`)
          .join(', ')}`,
      );
    }
  }
  lines.push('');
  lines.push('## Start-up (each in its own child process)');
  lines.push('');
  lines.push('| server | cold start: process start to first answered query (ms) | schema build: import + build (ms) |');
  lines.push('|---|---:|---:|');
  for (const kind of ['ours', 'peer', 'floor'] as const) {
    const s = servers[kind];
    if (s) lines.push(`| ${kind} | ${fmt(s.coldStartMs, 0)} | ${fmt(s.schemaBuildMs, 0)} |`);
  }
  const errors = results.cells.filter((c) => c.errors > 0);
  if (errors.length > 0) {
    lines.push('');
    lines.push('## Errors');
    lines.push('');
    for (const e of errors) lines.push(`- ${e.server} ${e.op} c=${e.concurrency}: ${e.errors} errors; first: ${e.firstError ?? ''}`);
  }
  lines.push('');
  return lines.join('\n');
}
