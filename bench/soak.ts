/**
 * `npm run soak -- [--duration 60] [--concurrency 16]`: holds concurrent load on the real
 * service for a set time and reports errors (expected: none) and memory growth.
 *
 * It starts the service as users do (`src/main.ts`, embedded Neo4j in a throw-away folder
 * unless NEO4J_URI is set, seed loaded), then runs a mix of the example operations in
 * schema/examples from `concurrency` workers in a closed loop, bounded by time and request
 * count, on loopback only. Memory comes from the service's own /metrics (RSS and heap used),
 * sampled every two seconds. Results: bench/results/soak-<timestamp>.json and a summary.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'bench/results');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = Number(index >= 0 ? process.argv[index + 1] : (process.env[`SOAK_${name.toUpperCase()}`] ?? fallback));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function memory(base: string): Promise<{ rss: number; heapUsed: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (metric: string) => Number(new RegExp(`^${metric} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: read('process_resident_memory_bytes'), heapUsed: read('nodejs_heap_size_used_bytes') };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main() {
  const durationS = option('duration', 60);
  const concurrency = option('concurrency', 16);
  const maxRequests = option('max-requests', 1_000_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = process.env.NEO4J_URI ? null : await mkdtemp(path.join(os.tmpdir(), 'cdg-soak-'));

  const operations = await Promise.all(
    (await readdir(path.join(ROOT, 'schema/examples')))
      .filter((f) => f.endsWith('.graphql'))
      .sort()
      .map(async (f) => ({ name: f.replace(/\.graphql$/, ''), query: await readFile(path.join(ROOT, 'schema/examples', f), 'utf8') })),
  );

  const service = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      CACHE_TTL_MS: '0', // measure the full path, not the cache
      RATE_LIMIT_PER_MINUTE: '0', // one client sends everything
      ...(dataDir ? { NEO4J_EMBEDDED_DATA_DIR: dataDir, NEO4J_EMBEDDED_PORT: '0' } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  service.stdout!.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (service.exitCode === null) {
      service.kill('SIGTERM');
      await new Promise((resolve) => service.once('exit', resolve));
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 180_000;
    while (!output.includes('GraphQL playground')) {
      if (service.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const start = await memory(base);
    const samples: Array<{ t: number; rss: number; heapUsed: number }> = [{ t: 0, ...start }];
    const errors: Record<string, number> = {};
    let firstError: string | null = null;
    let sent = 0;
    const started = performance.now();
    const until = started + durationS * 1000;
    const sampler = setInterval(() => {
      memory(base).then((m) => samples.push({ t: Math.round((performance.now() - started) / 1000), ...m }), () => {});
    }, 2000);

    const worker = async (index: number) => {
      let i = index;
      while (performance.now() < until && sent < maxRequests) {
        const op = operations[i++ % operations.length];
        sent++;
        try {
          const response = await fetch(`${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: op.query }),
          });
          const body = (await response.json()) as { errors?: unknown[] };
          if (!response.ok || body.errors) {
            errors[op.name] = (errors[op.name] ?? 0) + 1;
            firstError ??= `${op.name}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`;
          }
        } catch (error) {
          errors[op.name] = (errors[op.name] ?? 0) + 1;
          firstError ??= `${op.name}: ${(error as Error).message}`;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const end = await memory(base);
    samples.push({ t: Math.round(seconds), ...end });

    const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
    const result = {
      at: new Date().toISOString(),
      durationS: Math.round(seconds),
      concurrency,
      operations: operations.map((o) => o.name),
      requests: sent,
      throughput: Math.round(sent / seconds),
      errors: errorCount,
      errorsByOperation: errors,
      firstError,
      memoryMB: {
        rssStart: mb(start.rss),
        rssEnd: mb(end.rss),
        rssMax: mb(Math.max(...samples.map((s) => s.rss))),
        heapStart: mb(start.heapUsed),
        heapEnd: mb(end.heapUsed),
        heapGrowth: mb(end.heapUsed - start.heapUsed),
      },
      samples: samples.map((s) => ({ t: s.t, rssMB: mb(s.rss), heapMB: mb(s.heapUsed) })),
    };
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `soak-${result.at.replace(/[:.]/g, '-')}.json`);
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `soak: ${result.requests} requests in ${result.durationS} s at concurrency ${concurrency} (${result.throughput}/s), ` +
        `${errorCount} errors; RSS ${result.memoryMB.rssStart} -> ${result.memoryMB.rssEnd} MB (max ${result.memoryMB.rssMax}), ` +
        `heap ${result.memoryMB.heapStart} -> ${result.memoryMB.heapEnd} MB. Written to ${path.relative(ROOT, file)}`,
    );
    if (firstError) console.log(`first error: ${firstError}`);
    process.exitCode = errorCount === 0 ? 0 : 1;
  } finally {
    await stop();
  }
}

await main();
