/**
 * `npm run soak -- [--duration 60] [--concurrency 16]`: holds concurrent load on the real
 * service for a set time and reports errors (expected: none) and memory growth.
 *
 * It starts the service as users do (`src/main.ts`, embedded Neo4j in a throw-away folder
 * unless NEO4J_URI is set, seed loaded), then runs a mix of the example operations in
 * schema/examples from `concurrency` workers in a closed loop, bounded by time and request
 * count, on loopback only. Memory comes from the service's own /metrics (RSS and heap used),
 * sampled every two seconds. Results: bench/results/soak-<timestamp>.json and a summary.
 *
 * `--abusive`: the service runs as it would be exposed (READS_PUBLIC=false, a curator key, the
 * read cache on) and half the workers send the attacks of bench/abuse.ts while the other half
 * send the examples with the key. Reported: answers by code, failures (a 500, an uncoded
 * answer, a dropped connection, no answer in 15 s), p50/p99 of the normal traffic, memory at
 * baseline, peak and 30 s after the load stops, and whether the process stayed up throughout.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { ATTACKS, type Outcome } from './abuse.js';
import { cp, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
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
  const abusive = process.argv.includes('--abusive') || process.env.SOAK_ABUSIVE === '1';
  const key = randomBytes(24).toString('base64url');
  const abusiveEnv = abusive
    ? {
        READS_PUBLIC: 'false',
        API_KEYS: JSON.stringify([{ name: 'soak', sha256: createHash('sha256').update(key).digest('hex'), scopes: ['curator'] }]),
        JWT_SECRET: randomBytes(32).toString('hex'),
        CACHE_TTL_MS: '5000',
      }
    : {};
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = process.env.NEO4J_URI ? null : await mkdtemp(path.join(os.tmpdir(), 'cdg-soak-'));
  // SOAK_DATA_FROM=<folder>: start from a copy of an already seeded embedded data folder (a
  // loaded machine can take minutes to seed a fresh one).
  if (dataDir && process.env.SOAK_DATA_FROM) await cp(process.env.SOAK_DATA_FROM, dataDir, { recursive: true });

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
      ...abusiveEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  service.stdout!.on('data', (chunk) => (output += chunk));
  // SOAK_SERVICE_LOG=file keeps the service's own log (JSON lines) for diagnosis.
  if (process.env.SOAK_SERVICE_LOG) service.stdout!.pipe(createWriteStream(process.env.SOAK_SERVICE_LOG));
  const stop = async () => {
    if (service.exitCode === null) {
      service.kill('SIGTERM');
      await new Promise((resolve) => service.once('exit', resolve));
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 600_000; // a loaded machine can take minutes to start the JVM
    while (!output.includes('Ready: GraphQL at')) {
      if (service.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    if (abusive) {
      await abusiveSoak({ base, key, durationS, concurrency, service, memoryOf: () => memory(base) });
      return;
    }
    const start = await memory(base);
    const samples: Array<{ t: number; rss: number; heapUsed: number }> = [{ t: 0, ...start }];
    const errors: Record<string, number> = {};
    let firstError: string | null = null;
    let sent = 0;
    const started = performance.now();
    const until = started + durationS * 1000;
    const sampler = setInterval(() => {
      memory(base).then(
        (m) => samples.push({ t: Math.round((performance.now() - started) / 1000), ...m }),
        () => {},
      );
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
            body: JSON.stringify({ query: op!.query }),
          });
          const body = (await response.json()) as { errors?: unknown[] };
          if (!response.ok || body.errors) {
            errors[op!.name] = (errors[op!.name] ?? 0) + 1;
            firstError ??= `${op!.name}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`;
          }
        } catch (error) {
          errors[op!.name] = (errors[op!.name] ?? 0) + 1;
          firstError ??= `${op!.name}: ${(error as Error).message}`;
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

interface AbusiveRun {
  base: string;
  key: string;
  durationS: number;
  concurrency: number;
  service: ReturnType<typeof spawn>;
  memoryOf: () => Promise<{ rss: number; heapUsed: number }>;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

async function abusiveSoak({ base, key, durationS, concurrency, service, memoryOf }: AbusiveRun): Promise<void> {
  const operations = await Promise.all(
    (await readdir(path.join(ROOT, 'schema/examples')))
      .filter((f) => f.endsWith('.graphql'))
      .sort()
      .map(async (f) => readFile(path.join(ROOT, 'schema/examples', f), 'utf8')),
  );
  let exited: string | null = null;
  service.once('exit', (code, signal) => (exited = `exit ${code} ${signal ?? ''}`));
  const baseline = await memoryOf();
  const samples: Array<{ t: number; rss: number; heapUsed: number }> = [{ t: 0, ...baseline }];
  const codes: Record<string, number> = {};
  const failures: Record<string, Record<string, number>> = {};
  const normalLatencies: number[] = [];
  const abuseLatencies: number[] = [];
  let normalFailures = 0;
  let firstNormalFailure: string | null = null;
  const started = performance.now();
  const until = started + durationS * 1000;
  const sampler = setInterval(() => {
    memoryOf().then(
      (m) => samples.push({ t: Math.round((performance.now() - started) / 1000), ...m }),
      () => {},
    );
  }, 2000);
  const count = (code: string) => (codes[code] = (codes[code] ?? 0) + 1);

  const normal = async (index: number) => {
    let i = index;
    while (performance.now() < until) {
      const query = operations[i++ % operations.length];
      const t = performance.now();
      try {
        const response = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query }),
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
        const code = body.errors?.[0]?.extensions?.code ?? (response.ok ? 'OK' : `HTTP_${response.status}`);
        count(`normal:${code}`);
        if (code !== 'OK') {
          normalFailures++;
          firstNormalFailure ??= `${response.status} ${JSON.stringify(body).slice(0, 300)}`;
        }
      } catch (error) {
        count(`normal:NETWORK_${(error as Error).name}`);
        normalFailures++;
        firstNormalFailure ??= (error as Error).message;
      }
      normalLatencies.push(performance.now() - t);
    }
  };
  const abuser = async (index: number) => {
    let i = index;
    while (performance.now() < until) {
      const attack = ATTACKS[i++ % ATTACKS.length];
      const t = performance.now();
      const outcome: Outcome = await attack!.run({ base, key });
      abuseLatencies.push(performance.now() - t);
      count(`abuse:${outcome.code}`);
      if (!outcome.held) {
        const byCode = failures[attack!.name] ?? {};
        byCode[outcome.code] = (byCode[outcome.code] ?? 0) + 1;
        failures[attack!.name] = byCode;
      }
    }
  };
  const half = Math.max(1, Math.floor(concurrency / 2));
  await Promise.all([
    ...Array.from({ length: half }, (_, i) => normal(i)),
    ...Array.from({ length: concurrency - half }, (_, i) => abuser(i)),
  ]);
  const loadSeconds = (performance.now() - started) / 1000;
  const peak = { rss: Math.max(...samples.map((s) => s.rss)), heapUsed: Math.max(...samples.map((s) => s.heapUsed)) };
  // After the load: the lowest heap over the next 30 s (garbage collection runs on its own time).
  const after: Array<{ rss: number; heapUsed: number }> = [];
  for (let s = 0; s < 15; s++) {
    await new Promise((r) => setTimeout(r, 2000));
    after.push(await memoryOf().catch(() => ({ rss: NaN, heapUsed: NaN })));
  }
  clearInterval(sampler);
  const ready = await fetch(`${base}/ready`).then(
    (r) => r.status,
    () => 0,
  );
  normalLatencies.sort((a, b) => a - b);
  abuseLatencies.sort((a, b) => a - b);
  const failureCount = Object.values(failures).reduce((n, byCode) => n + Object.values(byCode).reduce((a, b) => a + b, 0), 0);
  const result = {
    at: new Date().toISOString(),
    mode: 'abusive',
    machine: `${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end (shared)`,
    durationS: Math.round(loadSeconds),
    concurrency: { normal: half, abusive: concurrency - half },
    requests: { normal: normalLatencies.length, abusive: abuseLatencies.length },
    codes: Object.fromEntries(Object.entries(codes).sort()),
    abusiveNotHeld: failureCount,
    abusiveNotHeldByAttack: failures,
    normalFailures,
    firstNormalFailure,
    latencyMs: {
      normal: {
        p50: Math.round(percentile(normalLatencies, 50)!),
        p99: Math.round(percentile(normalLatencies, 99)!),
        max: Math.round(normalLatencies.at(-1) ?? NaN),
      },
      abusive: {
        p50: Math.round(percentile(abuseLatencies, 50)!),
        p99: Math.round(percentile(abuseLatencies, 99)!),
        max: Math.round(abuseLatencies.at(-1) ?? NaN),
      },
    },
    memoryMB: {
      baseline: { rss: mb(baseline.rss), heap: mb(baseline.heapUsed) },
      peak: { rss: mb(peak.rss), heap: mb(peak.heapUsed) },
      after30s: { rss: mb(Math.min(...after.map((m) => m.rss))), heap: mb(Math.min(...after.map((m) => m.heapUsed))) },
    },
    processAlive: exited === null,
    readyAfter: ready,
    samples: samples.map((s) => ({ t: s.t, rssMB: mb(s.rss), heapMB: mb(s.heapUsed) })),
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `soak-abusive-${result.at.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ ...result, samples: undefined }, null, 2));
  console.log(`Written to ${path.relative(ROOT, file)}`);
  process.exitCode = failureCount === 0 && normalFailures === 0 && exited === null ? 0 : 1;
}

await main();
