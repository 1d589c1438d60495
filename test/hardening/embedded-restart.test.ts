/**
 * The service started as users start it (`src/main.ts`, embedded Neo4j): when the JVM is killed,
 * the service logs it, restarts Neo4j by itself and answers again, without anyone touching it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers.js';

let service: ChildProcess | undefined;
let dataDir = '';

afterAll(async () => {
  if (service && service.exitCode === null) {
    service.kill('SIGTERM');
    await new Promise((resolve) => service!.once('exit', resolve));
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const waitFor = async (what: () => boolean | Promise<boolean>, seconds: number) => {
  for (let i = 0; i < seconds * 2; i++) {
    if (await what()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
};

describe('when the embedded Neo4j of a running service is killed', () => {
  it('is restarted by the service, which answers again by itself', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-restart-'));
    const port = await freePort();
    service = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(port),
        LOG_LEVEL: 'info',
        SEED_ON_START: 'never',
        NEO4J_EMBEDDED_DATA_DIR: dataDir,
        NEO4J_EMBEDDED_PORT: '0',
        NEO4J_EMBEDDED_HEAP: '256m',
        NEO4J_EMBEDDED_PAGE_CACHE: '32m',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    service.stdout!.on('data', (chunk) => (log += chunk));
    service.stderr!.on('data', (chunk) => (log += chunk));
    expect(await waitFor(() => log.includes('Ready: GraphQL at'), 400), log).toBe(true);

    const base = `http://127.0.0.1:${port}`;
    const count = async () => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ actors { totalCount } }' }),
      });
      return (await response.json()) as { data?: { actors: { totalCount: number } }; errors?: Array<{ extensions: { code: string } }> };
    };
    // A just-started JVM on a loaded machine can be slow at first.
    expect(await waitFor(async () => (await count()).data?.actors.totalCount === 0, 120)).toBe(true);

    const jvm = Number(/"pid":(\d+)[^\n]*embedded Neo4j is ready/.exec(log)?.[1]);
    expect(jvm).toBeGreaterThan(0);
    process.kill(jvm, 'SIGKILL');

    expect(await waitFor(async () => (await fetch(`${base}/ready`)).status === 503, 30)).toBe(true);
    // While it is down a request fails fast with the code; on a quiet machine the restart may
    // already be done by the time it arrives, and then it answers correctly. Never anything else.
    const during = await count();
    expect(during.errors?.[0]?.extensions.code ?? `answered ${during.data?.actors.totalCount}`).toMatch(
      /^(DATABASE_UNAVAILABLE|answered 0)$/,
    );
    expect(await waitFor(async () => (await fetch(`${base}/ready`)).status === 200, 300), log).toBe(true);
    expect(await waitFor(async () => (await count()).data?.actors.totalCount === 0, 120)).toBe(true);
    expect(log).toContain('embedded Neo4j exited unexpectedly; restarting it');
    expect(log).toContain('embedded Neo4j restarted');
    expect(service.exitCode).toBeNull();
  }, 900_000);
});
