/**
 * The real start command, as a newcomer runs it: `node --import tsx src/main.ts` with the
 * embedded default, then Ctrl-C (SIGINT). Also the single-line errors for bad set-ups.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedNeo4j } from '../../src/db/embedded.js';
import { freePort } from '../helpers.js';
import { TEST_QUERY_TIMEOUT_MS } from '../neo4j-for-tests.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

// Each test starts a JVM (or two) and a service that applies the schema and loads the seed: ~10 s
// on a quiet 2-core machine, 60-160 s when it is busy and over 300 s at load average 40 (measured),
// so the limits are far above that. They catch hangs, not slowness.
vi.setConfig({ testTimeout: 1_200_000 });

interface RunningService {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

// A test that fails while waiting must not leave its service (and JVM) running for later tests.
const started: ChildProcess[] = [];

function startService(env: Record<string, string>, pathOverride?: string): RunningService {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    // The test statement timeout: 24 neighbourhoods at once on a freshly started JVM of a busy
    // machine take longer than the production default (10 s), and no test here is about timeouts.
    env: {
      PATH: pathOverride ?? process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'info',
      NEO4J_QUERY_TIMEOUT_MS: String(TEST_QUERY_TIMEOUT_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(service: RunningService, pattern: RegExp, timeoutMs = 600_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = service.output().match(pattern);
    if (match) return match;
    if (service.child.exitCode !== null) throw new Error(`service exited early:\n${service.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${service.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const tempDirs: string[] = [];
afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe('the start command on the embedded default', () => {
  it('starts, answers, stops on Ctrl-C without leaving a JVM, and finds the same data on the next start', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-start-'));
    tempDirs.push(dataDir);
    const port = await freePort();
    const env = { PORT: String(port), NEO4J_EMBEDDED_DATA_DIR: dataDir, NEO4J_EMBEDDED_PORT: '0' };

    const first = startService(env);
    await waitForOutput(first, /Ready: GraphQL at (\S+)/);
    const jvmPid = Number(first.output().match(/"pid":(\d+)/)?.[1]);
    expect(processAlive(jvmPid)).toBe(true);

    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    const typename = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await typename.text()).toBe('{"data":{"__typename":"Query"}}');
    const countsQuery = JSON.stringify({ query: '{ nodeCounts { label count } }' });
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: countsQuery };
    const seeded = await (await fetch(`http://127.0.0.1:${port}/graphql`, post)).json();
    expect(seeded.data.nodeCounts.find((c: { label: string }) => c.label === 'Actor').count).toBeGreaterThan(20);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(processAlive(jvmPid)).toBe(false);

    const second = startService(env);
    await waitForOutput(second, /Ready: GraphQL at/);
    expect(second.output()).not.toContain('curated seed loaded');
    const again = await (await fetch(`http://127.0.0.1:${port}/graphql`, post)).json();
    expect(again.data.nodeCounts).toEqual(seeded.data.nodeCounts);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

describe('graceful shutdown under load', () => {
  it('when SIGTERM arrives while requests are in flight, then they all complete and the process exits cleanly', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-drain-'));
    tempDirs.push(dataDir);
    const port = await freePort();
    const service = startService({
      PORT: String(port),
      NEO4J_EMBEDDED_DATA_DIR: dataDir,
      NEO4J_EMBEDDED_PORT: '0',
      CACHE_TTL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      SHUTDOWN_DRAIN_MS: '300000',
      // This test is about draining: all 24 neighbourhoods must run, none shed by the load gate
      // (8 expensive fields at once by default, test/hardening/overload.test.ts).
      MAX_CONCURRENT_HEAVY_FIELDS: '24',
    });
    await waitForOutput(service, /Ready: GraphQL at/);
    const query = JSON.stringify({
      query:
        '{ neighbourhood(slug: "eu", depth: 3, maxNodes: 500) { nodes { id } edges { id } } dashboard { timelineCounts { period count } } }',
    });
    // One connection per request (no keep-alive pool), each fully sent before the signal, so
    // every request has reached the server when shutdown begins.
    const sent: Array<Promise<void>> = [];
    let signalledAt = Date.now();
    const inFlight = Array.from({ length: 24 }, () => {
      let markSent: () => void = () => {};
      sent.push(new Promise<void>((resolve) => (markSent = resolve)));
      return new Promise<{ status: number; body: { data?: { neighbourhood?: { nodes: unknown[] } }; errors?: unknown[] } }>(
        (resolve, reject) => {
          const req = httpRequest(
            {
              host: '127.0.0.1',
              port,
              path: '/graphql',
              method: 'POST',
              agent: false,
              headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(query) },
            },
            (res) => {
              let text = '';
              res.on('data', (chunk) => (text += chunk));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
            },
          );
          req.on('error', (error) => {
            void service.exited.then((code) =>
              reject(
                new Error(
                  `request failed after ${Date.now() - signalledAt} ms from SIGTERM: ${error.message}; exit ${code}\n${service.output().slice(-3000)}`,
                ),
              ),
            );
          });
          req.on('finish', markSent);
          req.end(query);
        },
      );
    });
    await Promise.all(sent);
    await new Promise((r) => setTimeout(r, 200));
    signalledAt = Date.now();
    service.child.kill('SIGTERM');
    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data!.neighbourhood!.nodes.length).toBeGreaterThan(10);
    }
    expect(await service.exited).toBe(0);
    expect(service.output()).toContain('draining in-flight requests');
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});

describe('start-up errors are single clear lines', () => {
  it('when NEO4J_URI points nowhere, then it says it cannot reach Neo4j', async () => {
    const service = startService({ PORT: String(await freePort()), NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'x' });
    expect(await service.exited).toBe(69);
    expect(service.output().trim()).toMatch(/^Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1: .+ Check NEO4J_URI/);
    expect(service.output().trim().split('\n')).toHaveLength(1);
  });

  it('when NEO4J_URI is malformed, then the configuration error names it', async () => {
    const service = startService({ NEO4J_URI: 'localhost:7687', NEO4J_PASSWORD: 'x' });
    expect(await service.exited).toBe(78);
    expect(service.output().trim()).toMatch(/^Invalid configuration: NEO4J_URI must be a URI/);
  });

  it('when the password is wrong, then it says the credentials were rejected', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-auth-'));
    tempDirs.push(dataDir);
    // A long transaction timeout: setting the password is a transaction, and at load average 40 it outlived the 60 s default.
    const secured = await startEmbeddedNeo4j({
      dataDir,
      port: 0,
      heap: '256m',
      pageCache: '32m',
      password: 'correct-horse',
      txTimeoutSeconds: 600,
    });
    try {
      const service = startService({
        PORT: String(await freePort()),
        NEO4J_URI: secured.uri,
        NEO4J_USER: 'neo4j',
        NEO4J_PASSWORD: 'wrong-password',
      });
      expect(await service.exited).toBe(69);
      expect(service.output().trim()).toMatch(/rejected the credentials for user "neo4j".*check NEO4J_USER and NEO4J_PASSWORD/);
      expect(service.output().trim().split('\n')).toHaveLength(1);
    } finally {
      await secured.stop();
    }
  });

  it('when the HTTP port is in use, then it says so before starting Neo4j', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const service = startService({ PORT: String(port) });
      expect(await service.exited).toBe(69);
      expect(service.output().trim()).toBe(`Port ${port} on 127.0.0.1 is already in use; set PORT to a free port.`);
    } finally {
      blocker.close();
    }
  });

  it('when Java is missing, then it says so and names the two alternatives', async () => {
    const service = startService({ PORT: String(await freePort()) }, '/nonexistent');
    expect(await service.exited).toBe(69);
    const output = service.output().trim();
    expect(output).toMatch(/^Java 17 or newer is needed for the embedded Neo4j/);
    expect(output).toContain('NEO4J_URI');
    expect(output).toContain('docker compose up');
  });
});
