/**
 * Where a read's time goes in Node: ours and the floor in one process, their requests
 * alternating (in-process through each app's `fetch`: no sockets, no load generator), with the
 * CPU time of each request from `process.cpuUsage`. Both send one statement of about the same
 * cost to Neo4j (their db hits are in latest.md), so the difference is the per-request work
 * ours does beyond the floor's: validation, the cost estimate, planning, our resolvers and
 * GraphQL execution of every selected field (the floor returns its rows as one JSON value).
 * The machine's speed drifts from minute to minute; alternating puts each drift on both, so
 * these figures hold from run to run where the load runs' ratios move by 0.2-0.5.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7687 npm run bench:overhead -- --nodes 100000 [--ops a,c] [--requests 300]
 *
 * The database must hold the benchmark graph of that size or be free to receive it (as
 * `npm run bench` leaves it: an identical graph is reused). Writes bench/results/<time>-overhead.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';

// Before any library reads it (graphql-js decides at import): the servers run as deployed.
process.env.NODE_ENV ??= 'production';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const DATABASE = process.env.NEO4J_DATABASE ?? 'neo4j';
const log = (message: string) => process.stderr.write(`[overhead] ${message}\n`);

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '100000' },
    ops: { type: 'string', default: 'a,b,c,d,e,f,g' },
    requests: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
  },
});
const count = (name: 'nodes' | 'requests' | 'warmup', min: number): number => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min} (got ${values[name]})`);
  return value;
};
const nodes = count('nodes', 500);
const requests = count('requests', 10);
const warmup = count('warmup', 0);
const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('NEO4J_URI is required: the Neo4j that holds (or may receive) the benchmark graph');

const [{ generateGraph, loadGraph }, { buildWorkload }, { ensureAggregates }, { Database }] = await Promise.all([
  import('./generate.js'),
  import('./workload.js'),
  import('../src/modules/aggregates/aggregates.service.js'),
  import('../src/db/query.js'),
]);

const auth = process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD) : undefined;
const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true });
/** Loads (or reuses) the graph; only its anchors outlive this, so its memory (345 MB at 100k) is not in the heap while requests are timed. */
async function loadBenchGraph() {
  const graph = generateGraph({ nodes });
  const load = await loadGraph(driver, graph, { database: DATABASE, log });
  log(load.reused ? 'graph reused' : `graph loaded (${load.nodes} nodes, ${load.relationships} relationships)`);
  return graph.anchors;
}
const anchors = await loadBenchGraph();
await ensureAggregates(
  new Database(driver, { database: DATABASE, timeoutMs: 600_000 }).observed(() => {}),
  { info: () => {} },
);

const prefixes = values.ops.split(',').map((p) => p.trim());
const workload = buildWorkload(anchors).filter((o) => prefixes.some((p) => o.key.startsWith(p)));
if (workload.length === 0) throw new Error(`--ops ${values.ops} selects no read operation`);
// The floor reads its operations from BENCH_WORKLOAD, as in its own process.
process.env.BENCH_WORKLOAD = JSON.stringify(workload);
const { buildOurs, buildFloor } = await import('./servers/builders.js');
const servers = { ours: await buildOurs(), floor: await buildFloor() };

/** One request: its CPU time and wall time in ms; throws on an error answer. */
async function timed(server: keyof typeof servers, body: string): Promise<[number, number]> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const response = await servers[server].handler.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const answer = JSON.parse(text) as { errors?: unknown };
  if (!response.ok || answer.errors) throw new Error(`${server} answered ${response.status}: ${text.slice(0, 300)}`);
  return [(used.user + used.system) / 1000, wall];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const rows: string[] = [];
for (const op of workload) {
  const bodies = {
    ours: JSON.stringify({ query: op.ours.query, variables: op.ours.variables }),
    floor: JSON.stringify({ query: 'query Op($key: String!) { op(key: $key) }', variables: { key: op.key } }),
  };
  for (let i = 0; i < warmup; i++) for (const server of ['ours', 'floor'] as const) await timed(server, bodies[server]);
  const cpu = { ours: [] as number[], floor: [] as number[] };
  const wall = { ours: [] as number[], floor: [] as number[] };
  for (let i = 0; i < requests; i++) {
    // Each goes first every other time.
    for (const server of i % 2 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const)) {
      const [c, w] = await timed(server, bodies[server]);
      cpu[server].push(c);
      wall[server].push(w);
    }
  }
  const [co, cf, wo, wf] = [median(cpu.ours), median(cpu.floor), median(wall.ours), median(wall.floor)];
  const f = (x: number) => x.toFixed(2);
  rows.push(`| ${op.key} | ${f(co)} | ${f(cf)} | ${f(co - cf)} | ${f(wo)} | ${f(wf)} | ${(wo / wf).toFixed(2)} |`);
  log(rows.at(-1)!);
}

const at = new Date().toISOString();
const loadAverage = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
const report = [
  '# Node CPU per read request: ours vs the floor, in one process',
  '',
  `Run ${at}, ${nodes} nodes, ${requests} requests of each server per operation (alternating, after ${warmup} each unmeasured), NODE_ENV=${process.env.NODE_ENV}.`,
  `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average ${loadAverage} at the end.`,
  '',
  'Medians. CPU is this process only (HTTP handling through `fetch`, GraphQL, the driver); Neo4j runs apart. Wall includes the statement.',
  '',
  '| operation | ours CPU ms | floor CPU ms | ours - floor | ours wall ms | floor wall ms | wall ratio |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows,
  '',
].join('\n');
const file = path.join(BENCH_DIR, 'results', `${at.replace(/[:.]/g, '-')}-overhead.md`);
await mkdir(path.dirname(file), { recursive: true });
await writeFile(file, report);
process.stdout.write(`${report}\nwritten to ${path.relative(process.cwd(), file)}\n`);
await Promise.all([servers.ours.close(), servers.floor.close(), driver.close()]);
