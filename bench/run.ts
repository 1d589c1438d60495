/**
 * `npm run bench` / `npm run bench:smoke`: Neo4j (embedded, throw-away, unless NEO4J_URI is
 * set) -> synthetic graph -> three servers (ours, floor, peer), each in its own process on a
 * loopback port -> the read workload at each concurrency -> the writes (ours and floor,
 * bench/writes.ts) -> bench/results/<timestamp>.json and bench/results/latest.md. With several
 * sizes (--nodes 100000,1000000) each size runs in turn in its own Neo4j and latest.md starts
 * with a scale table (p50 at the largest size / p50 at the smallest).
 *
 * Options (flags or env): --nodes N[,N...] (BENCH_NODES, default 100000), --duration S (BENCH_DURATION,
 * default 4), --warmup S (BENCH_WARMUP, default 1), --rounds N (BENCH_ROUNDS, default 3: each cell's
 * duration split into N rounds in which the servers take turns), --concurrency 1,8,32 (BENCH_CONCURRENCY),
 * --max-requests N (BENCH_MAX_REQUESTS, default 20000), --ops a,c (operation key prefixes; w for
 * the writes), --import-rows N (BENCH_IMPORT_ROWS, default 10000), --import-runs N
 * (BENCH_IMPORT_RUNS, default 5),
 * --smoke (2000 nodes, 1 s cells, 0.5 s warm-up; exits non-zero on any error).
 *
 * A full run (no --smoke, no --ops) then measures search relevance on the curated seed
 * (bench/relevance.ts: precision@1 and recall@5 to bench/results/relevance-*.json and
 * relevance-latest.md).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import v8 from 'node:v8';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded.js';
import { sha256Hex } from '../src/auth/auth.js';
import { Database } from '../src/db/query.js';
import { ensureAggregates } from '../src/modules/aggregates/aggregates.service.js';
import { generateGraph, graphSize, loadGraph, type Anchors, type LoadStats } from './generate.js';
import { runCells, send, Sequence } from './loadgen.js';
import { renderMarkdown, renderScale, type OperationSummary, type RunResults, type ServerStart, type WriteSummary } from './report.js';
import { buildWorkload, SERVER_KINDS, type Operation, type ServerKind } from './workload.js';
import { buildWrites, cleanupWrites, setupWrites, WRITE_SERVERS, WRITER_NAME, type WriteServer } from './writes.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const DATABASE = process.env.NEO4J_DATABASE ?? 'neo4j';

interface Settings {
  /** Graph sizes, run one after the other in this invocation (a scale table compares them). */
  nodes: number[];
  importRows: number;
  importRuns: number;
  durationS: number;
  warmupS: number;
  /** Rounds each cell's duration is split into, the servers taking turns (loadgen.runCells). */
  rounds: number;
  concurrency: number[];
  maxRequests: number;
  smoke: boolean;
  ops: string[] | null;
}

function parseSettings(argv: string[]): Settings {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg!.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [name, inline] = arg!.slice(2).split('=', 2);
    if (name === 'smoke') flags.set('smoke', 'true');
    else flags.set(name!, inline ?? argv[++i] ?? '');
  }
  const smoke = flags.get('smoke') === 'true' || process.env.BENCH_SMOKE === '1';
  const get = (flag: string, env: string, fallback: string) => flags.get(flag) ?? process.env[env] ?? fallback;
  const num = (flag: string, env: string, fallback: number) => {
    const value = Number(get(flag, env, String(fallback)));
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} must be a positive number`);
    return value;
  };
  const concurrency = get('concurrency', 'BENCH_CONCURRENCY', '1,8,32').split(',').map(Number);
  if (concurrency.some((c) => !Number.isInteger(c) || c < 1 || c > 256)) throw new Error('--concurrency must list integers 1..256');
  const ops = get('ops', 'BENCH_OPS', '');
  const nodes = get('nodes', 'BENCH_NODES', smoke ? '2000' : '100000')
    .split(',')
    .map((n) => Number(n.trim().replace(/_/g, '')));
  if (nodes.some((n) => !Number.isInteger(n) || n < 500)) throw new Error('--nodes must list integers >= 500, e.g. 100000,1000000');
  const importRows = num('import-rows', 'BENCH_IMPORT_ROWS', smoke ? 1000 : 10_000);
  // The service refuses imports of more entries than MAX_IMPORT_ENTRIES (10,000 by default).
  if (!Number.isInteger(importRows) || importRows < 10 || importRows > 10_000)
    throw new Error('--import-rows must be an integer 10..10000');
  return {
    nodes,
    importRows,
    importRuns: num('import-runs', 'BENCH_IMPORT_RUNS', smoke ? 1 : 5),
    durationS: num('duration', 'BENCH_DURATION', smoke ? 1 : 4),
    warmupS: num('warmup', 'BENCH_WARMUP', smoke ? 0.5 : 1),
    rounds: num('rounds', 'BENCH_ROUNDS', smoke ? 1 : 3),
    concurrency,
    maxRequests: num('max-requests', 'BENCH_MAX_REQUESTS', 20_000),
    smoke,
    ops: ops ? ops.split(',') : null,
  };
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

interface RunningServer {
  kind: ServerKind;
  url: string;
  start: ServerStart;
  child: ChildProcess;
}

function startServer(kind: ServerKind, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'servers/serve.ts'), kind], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /BENCH_READY (\{.*\})/.exec(out);
      const failed = /BENCH_FAILED (.*)/.exec(out);
      if (ready) {
        const info = JSON.parse(ready[1]!) as { port: number } & ServerStart;
        child.stdout?.resume();
        resolve({
          kind,
          child,
          url: `http://127.0.0.1:${info.port}/graphql`,
          start: { coldStartMs: info.coldStartMs, schemaBuildMs: info.schemaBuildMs },
        });
      } else if (failed) reject(new Error(`${kind} server failed: ${failed[1]}`));
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}) before it was ready: ${err.trim().slice(-500)}`)));
  });
}

/** Cold starts measured per server (in rotating order); the report gives their medians. */
const COLD_START_ROUNDS = 3;

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
const medianStart = (starts: ServerStart[]): ServerStart => ({
  coldStartMs: median(starts.map((s) => s.coldStartMs)),
  schemaBuildMs: median(starts.map((s) => s.schemaBuildMs)),
});

async function stopServer(server: RunningServer): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

/** Sum of db hits over a PROFILE plan tree. */
function dbHitsOf(plan: { dbHits?: number; children?: unknown[] } | null | undefined): number {
  if (!plan) return 0;
  return Number(plan.dbHits ?? 0) + (plan.children ?? []).reduce<number>((n, c) => n + dbHitsOf(c as typeof plan), 0);
}

async function profile(driver: Driver, cypher: string, params: Record<string, unknown>): Promise<number | null> {
  try {
    const result = await driver.executeQuery(`PROFILE ${cypher}`, params, { database: DATABASE, routing: neo4j.routing.READ });
    return dbHitsOf(result.summary.profile as unknown as { dbHits?: number; children?: unknown[] });
  } catch (error) {
    log(`PROFILE failed: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}

async function machineInfo(driver: Driver): Promise<RunResults['machine']> {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const versionLine = (java.stderr || java.stdout || '').split('\n')[0]?.trim() || 'unknown';
  const components = await driver.executeQuery(
    'CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS v, edition',
    {},
    { database: 'system' },
  );
  const c = components.records[0];
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    ramGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    java: versionLine.replace(/"/g, ''),
    neo4j: c ? `${c.get('v')} ${c.get('edition')}` : 'unknown',
    os: `${os.type()} ${os.release()}`,
  };
}

/**
 * The embedded Neo4j's memory by graph size (bench/README.md): the 1M-node store (without its
 * transaction logs) is 2.1 GB on disk, so a 4g page cache holds all of it; the heap serves
 * 5k-row load batches and 32 concurrent reads.
 */
export function neo4jMemoryFor(nodes: number): { heap: string; pageCache: string } {
  if (nodes >= 500_000) return { heap: '4g', pageCache: '4g' };
  if (nodes >= 50_000) return { heap: '2g', pageCache: '1g' };
  return { heap: '1g', pageCache: '256m' };
}

/** The generator holds the whole graph (about 3.4 GB of V8 heap at 1M nodes); what this process needs, in MB. */
const heapNeededMb = (nodes: number) => Math.round(1024 + nodes * 0.0045);

/**
 * Runs this script again with a bigger V8 heap when the largest graph needs one (Node's default
 * limit is about 4.4 GB on this machine; the 1M graph needs about 5.5 GB with margin).
 */
function respawnWithBiggerHeap(settings: Settings): boolean {
  const needMb = heapNeededMb(Math.max(...settings.nodes));
  const limitMb = v8.getHeapStatistics().heap_size_limit / 2 ** 20;
  if (limitMb >= needMb || process.env.BENCH_RESPAWNED) return false;
  log(`V8 heap limit ${Math.round(limitMb)} MB < ${needMb} MB needed: running again with --max-old-space-size=${needMb}`);
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${needMb}`, '--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { env: { ...process.env, BENCH_RESPAWNED: '1' }, stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return true;
}

/** Generates and loads the graph; only the anchors outlive this function, so the graph's memory is freed before timing. */
async function generateAndLoad(
  driver: Driver,
  nodes: number,
): Promise<{ anchors: Anchors; load: LoadStats; generation: NonNullable<RunResults['generation']> }> {
  const genStart = performance.now();
  const graph = generateGraph({ nodes });
  const size = graphSize(graph);
  const seconds = (performance.now() - genStart) / 1000;
  const heapUsedMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  log(`generated ${size.nodes} nodes, ${size.relationships} relationships in ${seconds.toFixed(1)} s (V8 heap used ${heapUsedMb} MB)`);
  const load = await loadGraph(driver, graph, { database: DATABASE, log });
  if (!load.reused)
    log(
      `loaded: ${load.nodesPerSecond} nodes/s, ${load.relationshipsPerSecond} relationships/s (${(load.nodeSeconds + load.relationshipSeconds).toFixed(0)} s)`,
    );
  // The loader wrote around the API: count the dashboard aggregates as a service's start-up does.
  const aggregatesStart = performance.now();
  await ensureAggregates(
    new Database(driver, { database: DATABASE, timeoutMs: 600_000 }).observed(() => {}),
    {
      info: (figures: object) => log(`dashboard aggregates counted: ${JSON.stringify(figures)}`),
    },
  );
  load.aggregatesSeconds = Math.round((performance.now() - aggregatesStart) / 100) / 10;
  return { anchors: graph.anchors, load, generation: { seconds: Math.round(seconds * 10) / 10, heapUsedMb } };
}

/** Collects the generated graph now (when gc is exposed: the respawned run), not during a timed cell. */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  log(`V8 heap after loading: ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB used`);
}

/** Disk size of a directory in MB (du), or null. */
function diskMb(dir: string): number | null {
  const du = spawnSync('du', ['-sm', dir], { encoding: 'utf8' });
  const mb = Number(du.stdout?.split('\t')[0]);
  return du.status === 0 && Number.isFinite(mb) ? mb : null;
}

const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100) as [number, number, number];

/** One graph size, end to end: Neo4j, graph, servers, reads, then writes. */
async function runSize(settings: Settings, nodes: number, startedAt: string): Promise<{ results: RunResults | null; failed: boolean }> {
  const loadAverageAtStart = loadAverage();
  let embedded: EmbeddedNeo4j | undefined;
  let dataDir: string | undefined;
  let uri = process.env.NEO4J_URI;
  const memory = uri ? null : neo4jMemoryFor(nodes);
  if (!uri && memory) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-bench-neo4j-'));
    log(`starting an embedded Neo4j in ${dataDir} (heap ${memory.heap}, page cache ${memory.pageCache})...`);
    embedded = await startEmbeddedNeo4j({
      dataDir,
      port: 0,
      heap: memory.heap,
      pageCache: memory.pageCache,
      txTimeoutSeconds: 600,
      onProgress: log,
    });
    uri = embedded.uri;
  }
  const auth = process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD) : undefined;
  const driver = neo4j.driver(uri!, auth, { disableLosslessIntegers: true });
  const servers: RunningServer[] = [];
  let failed = false;
  let results: RunResults | null = null;
  try {
    await driver.verifyConnectivity({ database: DATABASE });
    // Writes of an earlier, interrupted run (reused database) go first: they are not part of the graph.
    const leftovers = await cleanupWrites(driver, DATABASE);
    if (leftovers.nodes + leftovers.changes > 0)
      log(`removed an earlier run's writes: ${leftovers.nodes} nodes, ${leftovers.changes} audit records`);
    const { anchors, load, generation } = await generateAndLoad(driver, nodes);
    collectGarbage();
    const storeMb = dataDir ? diskMb(path.join(dataDir, 'data/databases')) : null;
    const txLogMb = dataDir ? diskMb(path.join(dataDir, 'data/transactions')) : null;
    if (storeMb !== null) log(`on disk: store ${storeMb} MB, transaction logs ${txLogMb} MB`);

    const selected = (key: string) => !settings.ops || settings.ops.some((p) => key.startsWith(p));
    const workload = buildWorkload(anchors).filter((o) => selected(o.key));
    const writes = buildWrites({ importRows: settings.importRows }).filter((w) => selected(w.key));
    // The write cells' curator key: a fresh random key per run; the ours server gets its hash as API_KEYS.
    const apiKey = `bench_${randomBytes(24).toString('base64url')}`;
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      // Each server runs as it is deployed (the Dockerfile sets it): libraries take their
      // production paths (graphql-js drops its development-only checks on every type test).
      NODE_ENV: 'production',
      NEO4J_URI: uri,
      NEO4J_DATABASE: DATABASE,
      BENCH_WORKLOAD: JSON.stringify(workload),
      BENCH_WRITES: JSON.stringify(Object.fromEntries(writes.map((w) => [w.key, w.floorCypher]))),
      API_KEYS: JSON.stringify([{ name: WRITER_NAME, sha256: sha256Hex(apiKey), scopes: ['curator'] }]),
    };
    // Cold starts: one server at a time, so each has the machine to itself, in rounds that
    // rotate which goes first (the first start after a load meets Neo4j still writing its
    // checkpoint); each figure is the median of its rounds. Then the servers for the run.
    const starts = new Map<ServerKind, ServerStart[]>(SERVER_KINDS.map((kind) => [kind, []]));
    for (let round = 0; round < COLD_START_ROUNDS; round++) {
      for (let i = 0; i < SERVER_KINDS.length; i++) {
        const kind = SERVER_KINDS[(i + round) % SERVER_KINDS.length]!;
        const server = await startServer(kind, childEnv);
        starts.get(kind)!.push(server.start);
        await stopServer(server);
      }
    }
    for (const kind of SERVER_KINDS) {
      const server = await startServer(kind, childEnv);
      server.start = medianStart(starts.get(kind)!);
      log(
        `${kind}: ${server.url} (cold start ${server.start.coldStartMs.toFixed(0)} ms, schema ${server.start.schemaBuildMs.toFixed(0)} ms, medians of ${COLD_START_ROUNDS})`,
      );
      servers.push(server);
    }
    const serverOf = (kind: ServerKind) => servers.find((s) => s.kind === kind) as RunningServer;
    const requestFor = (op: Operation, kind: ServerKind) =>
      kind === 'ours'
        ? op.ours
        : kind === 'peer'
          ? op.peer
          : { query: 'query Floor($key: String!) { op(key: $key) }', variables: { key: op.key } };

    // Check every variant answers, and how big its answer is, before timing anything.
    const summaries: OperationSummary[] = [];
    for (const op of workload) {
      const summary: OperationSummary = {
        key: op.key,
        title: op.title,
        peerNote: op.peerNote ?? null,
        sizes: {},
        statements: {},
        floorDbHits: null,
        oursDbHits: null,
      };
      for (const kind of SERVER_KINDS) {
        const request = requestFor(op, kind);
        if (!request) continue;
        const answer = await send(serverOf(kind).url, request);
        if (!answer.ok) {
          failed = true;
          log(`ERROR ${kind} ${op.key}: ${answer.status} ${answer.body.slice(0, 600)}`);
          continue;
        }
        summary.statements[kind] = answer.statements;
        try {
          summary.sizes[kind] = op.size[kind]((JSON.parse(answer.body) as { data: Record<string, unknown> }).data);
        } catch (error) {
          log(`WARN could not size ${kind} ${op.key}: ${(error as Error).message}`);
        }
      }
      summary.floorDbHits = await profile(driver, op.floor.cypher, op.floor.params);
      log(
        `${op.key}: statements ${JSON.stringify(summary.statements)} sizes ${JSON.stringify(summary.sizes)} floor db hits ${summary.floorDbHits}`,
      );
      summaries.push(summary);
    }

    const cells: RunResults['cells'] = [];
    for (const op of workload) {
      for (const concurrency of settings.concurrency) {
        const kinds = SERVER_KINDS.filter((kind) => requestFor(op, kind));
        const results = await runCells(
          kinds.map((kind) => ({ url: serverOf(kind).url, request: requestFor(op, kind)! })),
          {
            concurrency,
            warmupMs: settings.warmupS * 1000,
            durationMs: settings.durationS * 1000,
            maxRequests: settings.maxRequests,
            rounds: settings.rounds,
          },
        );
        for (const [i, kind] of kinds.entries()) {
          const result = results[i]!;
          if (result.errors > 0) failed = true;
          cells.push({ op: op.key, server: kind, concurrency, ...result });
          log(
            `${op.key} c=${concurrency} ${kind}: p50 ${result.p50} ms p95 ${result.p95} ms ${result.throughput} req/s${result.errors ? ` ERRORS ${result.errors}` : ''}`,
          );
        }
      }
    }

    // Writes, after every read cell: each on nodes of its own prefix, removed at the end.
    const writeSummaries: WriteSummary[] = [];
    const writeCells: RunResults['writeCells'] = [];
    if (writes.length > 0) {
      await setupWrites(driver, DATABASE);
      try {
        for (const op of writes) {
          const summary: WriteSummary = { key: op.key, title: op.title, kind: op.kind, rows: op.rows, statements: {}, effects: {} };
          const sequences = new Map(WRITE_SERVERS.map((s) => [s, new Sequence()]));
          const source = (server: WriteServer) => (n: number) => op.request(server, n, apiKey);
          // One request each, checked and read back, before timing (the import's is also its warm-up).
          for (const server of WRITE_SERVERS) {
            const n = sequences.get(server)!.take();
            const answer = await send(serverOf(server).url, op.request(server, n, apiKey));
            if (!answer.ok) {
              failed = true;
              log(`ERROR ${server} ${op.key}: ${answer.status} ${answer.body.slice(0, 600)}`);
              continue;
            }
            // POST /import is not a GraphQL request: the statement-count header does not count it.
            summary.statements[server] = op.kind === 'import' && server === 'ours' ? null : answer.statements;
            summary.effects[server] = await op.effect(driver, DATABASE, server, n);
          }
          const same = summary.effects.ours === summary.effects.floor;
          log(
            `${op.key}: statements ${JSON.stringify(summary.statements)} effects ${JSON.stringify(summary.effects)}${same ? '' : ' DIFFER'}`,
          );
          writeSummaries.push(summary);
          const levels = op.kind === 'import' ? [1] : settings.concurrency;
          for (const concurrency of levels) {
            // An import is a long request: each round sends one per server (importRuns rounds).
            const options =
              op.kind === 'import'
                ? {
                    concurrency: 1,
                    warmupMs: 0,
                    durationMs: 3_600_000 * settings.importRuns,
                    maxRequests: settings.importRuns,
                    rounds: settings.importRuns,
                  }
                : {
                    concurrency,
                    warmupMs: settings.warmupS * 1000,
                    durationMs: settings.durationS * 1000,
                    maxRequests: settings.maxRequests,
                    rounds: settings.rounds,
                  };
            const results = await runCells(
              WRITE_SERVERS.map((server) => ({ url: serverOf(server).url, request: source(server), sequence: sequences.get(server) })),
              options,
            );
            for (const [i, server] of WRITE_SERVERS.entries()) {
              const result = results[i]!;
              if (result.errors > 0) failed = true;
              writeCells.push({ op: op.key, server, concurrency, rows: op.rows, ...result });
              log(
                `${op.key} c=${concurrency} ${server}: p50 ${result.p50} ms p95 ${result.p95} ms ${result.throughput} req/s` +
                  `${op.rows > 1 ? ` (${Math.round(result.throughput * op.rows)} rows/s)` : ''}${result.errors ? ` ERRORS ${result.errors}: ${result.firstError}` : ''}`,
              );
            }
          }
        }
      } finally {
        const removed = await cleanupWrites(driver, DATABASE);
        log(`writes cleaned up: ${removed.nodes} nodes, ${removed.changes} audit records`);
      }
    }

    results = {
      startedAt,
      settings: {
        nodes,
        durationS: settings.durationS,
        warmupS: settings.warmupS,
        rounds: settings.rounds,
        concurrency: settings.concurrency,
        maxRequests: settings.maxRequests,
        smoke: settings.smoke,
        importRows: settings.importRows,
        importRuns: settings.importRuns,
      },
      machine: await machineInfo(driver),
      load,
      generation,
      neo4jMemory: memory,
      storeMb,
      txLogMb,
      loadAverage: { start: loadAverageAtStart, end: loadAverage() },
      servers: Object.fromEntries(servers.map((s) => [s.kind, s.start])),
      operations: summaries,
      cells,
      writes: writeSummaries,
      writeCells,
    };
  } finally {
    for (const server of servers) await stopServer(server);
    await driver.close();
    if (embedded) {
      await embedded.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  }
  return { results, failed };
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  if (respawnWithBiggerHeap(settings)) return;
  const startedAt = new Date().toISOString();
  log(`settings: ${JSON.stringify(settings)}`);
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.replace(/[:.]/g, '-');
  const suffix = settings.smoke ? '-smoke' : '';
  const runs: RunResults[] = [];
  let failed = false;
  for (const nodes of settings.nodes) {
    log(`---- ${nodes} nodes ----`);
    const outcome = await runSize(settings, nodes, startedAt);
    failed ||= outcome.failed;
    if (!outcome.results) continue;
    runs.push(outcome.results);
    const name = settings.nodes.length > 1 ? `${stamp}-${nodes}${suffix}.json` : `${stamp}${suffix}.json`;
    await writeFile(path.join(RESULTS_DIR, name), `${JSON.stringify(outcome.results, null, 2)}\n`);
    log(`wrote ${path.relative(process.cwd(), path.join(RESULTS_DIR, name))}`);
  }
  if (runs.length > 0) {
    const parts = runs.map((r) => renderMarkdown(r));
    if (runs.length > 1) parts.unshift(renderScale(runs));
    const markdown = parts.join('\n');
    await writeFile(path.join(RESULTS_DIR, settings.smoke ? 'latest-smoke.md' : 'latest.md'), markdown);
    process.stdout.write(`${markdown}\n`);
  }
  if (!settings.smoke && !settings.ops) {
    // Search relevance on the curated seed, in its own throw-away Neo4j (never the synthetic graph).
    log('search relevance (bench/relevance.ts)...');
    const { NEO4J_URI: _uri, ...relevanceEnv } = process.env;
    const relevance = spawnSync(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'relevance.ts')], {
      env: relevanceEnv,
      stdio: 'inherit',
    });
    if (relevance.status !== 0) failed = true;
  }
  if (failed) {
    log('FAILED: some requests returned errors (see above).');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  log(`FAILED: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
