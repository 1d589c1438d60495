/**
 * `npm run bench` / `npm run bench:smoke`: Neo4j (embedded, throw-away, unless NEO4J_URI is
 * set) -> synthetic graph -> three servers (ours, floor, peer), each in its own process on a
 * loopback port -> the workload at each concurrency -> bench/results/<timestamp>.json and
 * bench/results/latest.md.
 *
 * Options (flags or env): --nodes N (BENCH_NODES, default 100000), --duration S (BENCH_DURATION,
 * default 4), --warmup S (BENCH_WARMUP, default 1), --concurrency 1,8,32 (BENCH_CONCURRENCY),
 * --max-requests N (BENCH_MAX_REQUESTS, default 20000), --ops a,c (operation key prefixes),
 * --smoke (2000 nodes, 1 s cells, 0.5 s warm-up; exits non-zero on any error).
 *
 * A full run (no --smoke, no --ops) then measures search relevance on the curated seed
 * (bench/relevance.ts: precision@1 and recall@5 to bench/results/relevance-*.json and
 * relevance-latest.md).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded.js';
import { generateGraph, graphSize, loadGraph } from './generate.js';
import { runCell, send } from './loadgen.js';
import { renderMarkdown, type OperationSummary, type RunResults, type ServerStart } from './report.js';
import { buildWorkload, SERVER_KINDS, type Operation, type ServerKind } from './workload.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const DATABASE = process.env.NEO4J_DATABASE ?? 'neo4j';

interface Settings {
  nodes: number;
  durationS: number;
  warmupS: number;
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
  return {
    nodes: num('nodes', 'BENCH_NODES', smoke ? 2000 : 100_000),
    durationS: num('duration', 'BENCH_DURATION', smoke ? 1 : 4),
    warmupS: num('warmup', 'BENCH_WARMUP', smoke ? 0.5 : 1),
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

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  log(`settings: ${JSON.stringify(settings)}`);

  let embedded: EmbeddedNeo4j | undefined;
  let dataDir: string | undefined;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-bench-neo4j-'));
    const big = settings.nodes >= 50_000;
    log(`starting an embedded Neo4j in ${dataDir} (heap ${big ? '2g' : '1g'}, page cache ${big ? '1g' : '256m'})...`);
    embedded = await startEmbeddedNeo4j({
      dataDir,
      port: 0,
      heap: big ? '2g' : '1g',
      pageCache: big ? '1g' : '256m',
      txTimeoutSeconds: 600,
      onProgress: log,
    });
    uri = embedded.uri;
  }
  const auth = process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD) : undefined;
  const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true });
  const servers: RunningServer[] = [];
  let failed = false;
  try {
    await driver.verifyConnectivity({ database: DATABASE });
    const genStart = performance.now();
    const graph = generateGraph({ nodes: settings.nodes });
    const size = graphSize(graph);
    log(`generated ${size.nodes} nodes, ${size.relationships} relationships in ${((performance.now() - genStart) / 1000).toFixed(1)} s`);
    const load = await loadGraph(driver, graph, { database: DATABASE, log });
    if (!load.reused) log(`loaded: ${load.nodesPerSecond} nodes/s, ${load.relationshipsPerSecond} relationships/s`);

    const workload = buildWorkload(graph.anchors).filter((o) => !settings.ops || settings.ops.some((p) => o.key.startsWith(p)));
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NEO4J_URI: uri,
      NEO4J_DATABASE: DATABASE,
      BENCH_WORKLOAD: JSON.stringify(workload),
    };
    // One at a time, so each cold start has the machine to itself.
    for (const kind of SERVER_KINDS) {
      const server = await startServer(kind, childEnv);
      log(
        `${kind}: ${server.url} (cold start ${server.start.coldStartMs.toFixed(0)} ms, schema ${server.start.schemaBuildMs.toFixed(0)} ms)`,
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
        for (const kind of SERVER_KINDS) {
          const request = requestFor(op, kind);
          if (!request) continue;
          const result = await runCell(serverOf(kind).url, request, {
            concurrency,
            warmupMs: settings.warmupS * 1000,
            durationMs: settings.durationS * 1000,
            maxRequests: settings.maxRequests,
          });
          if (result.errors > 0) failed = true;
          cells.push({ op: op.key, server: kind, concurrency, ...result });
          log(
            `${op.key} c=${concurrency} ${kind}: p50 ${result.p50} ms p95 ${result.p95} ms ${result.throughput} req/s${result.errors ? ` ERRORS ${result.errors}` : ''}`,
          );
        }
      }
    }

    const results: RunResults = {
      startedAt,
      settings: {
        nodes: settings.nodes,
        durationS: settings.durationS,
        warmupS: settings.warmupS,
        concurrency: settings.concurrency,
        maxRequests: settings.maxRequests,
        smoke: settings.smoke,
      },
      machine: await machineInfo(driver),
      load,
      servers: Object.fromEntries(servers.map((s) => [s.kind, s.start])),
      operations: summaries,
      cells,
    };
    await mkdir(RESULTS_DIR, { recursive: true });
    const stamp = startedAt.replace(/[:.]/g, '-');
    const jsonFile = path.join(RESULTS_DIR, `${stamp}${settings.smoke ? '-smoke' : ''}.json`);
    await writeFile(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
    const markdown = renderMarkdown(results);
    await writeFile(path.join(RESULTS_DIR, settings.smoke ? 'latest-smoke.md' : 'latest.md'), markdown);
    process.stdout.write(`${markdown}\n`);
    log(`wrote ${path.relative(process.cwd(), jsonFile)}`);
  } finally {
    for (const server of servers) await stopServer(server);
    await driver.close();
    if (embedded) {
      await embedded.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
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
