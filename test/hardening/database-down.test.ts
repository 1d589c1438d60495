/**
 * Neo4j frozen (SIGSTOP) and then dead (SIGKILL) under a running app: requests, /ready,
 * /export and /import answer with coded 503s while it is frozen (not after it resumes), the
 * process survives, and the app answers again once Neo4j is back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { sha256Hex } from '../../src/auth/auth.js';
import { createDriver } from '../../src/db/driver.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';
import { Database } from '../../src/db/query.js';
import { createLogger } from '../../src/logger.js';
import { freePort, gql } from '../helpers.js';

const KEY = 'database-down-curator-key-0123';
let neo4j: EmbeddedNeo4j | undefined;
let db: Database | undefined;
let dataDir = '';
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  if (neo4j) process.kill(neo4j.pid, 'SIGCONT');
  await db?.close();
  await neo4j?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('when the embedded Neo4j is frozen, then killed', () => {
  it('answers every path with a coded 503 while it is frozen or dead, and recovers when it is back', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-down-'));
    const port = await freePort();
    const start = () => startEmbeddedNeo4j({ dataDir, port, heap: '256m', pageCache: '32m' });
    neo4j = await start();
    db = new Database(createDriver({ uri: neo4j.uri, user: 'neo4j' }), { database: 'neo4j', timeoutMs: 10_000 });
    db.health.watchProcess(() => neo4j?.pid);
    const app = createApp({
      env: {
        NODE_ENV: 'test',
        GRAPHIQL: false,
        NEO4J_DATABASE: 'neo4j',
        CACHE_TTL_MS: 0,
        RATE_LIMIT_PER_MINUTE: 0,
        API_KEYS: [{ name: 'c', sha256: sha256Hex(KEY), scopes: ['curator'] }],
      },
      db,
      logger: createLogger('silent'),
    });
    // A just-started JVM on a loaded machine can be slow at first: retry until the write lands.
    for (let attempt = 1; ; attempt++) {
      try {
        await db
          .observed(() => {})
          .write('Test.downProbe', "MERGE (n:Entity:Actor {id: 'probe'}) SET n.name = 'Probe', n.aliases = [], n.kind = 'state'");
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
      }
    }
    expect((await gql(app, '{ entity(slug: "probe") { name } }')).body.data.entity.name).toBe('Probe');

    // Frozen: every answer below arrives while the JVM is still stopped (SIGCONT comes after).
    process.kill(neo4j.pid, 'SIGSTOP');
    let ready = 200;
    for (let attempt = 0; attempt < 40 && ready !== 503; attempt++) {
      ready = (await app.fetch('http://test/ready')).status;
      if (ready !== 503) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready).toBe(503);
    const frozen = await gql(app, '{ entity(slug: "probe") { name } }');
    expect(frozen.body.errors![0]!.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    const exported = await app.fetch('http://test/export/nodes.csv');
    expect(exported.status).toBe(503);
    expect(await exported.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    const imported = await app.fetch('http://test/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ actors: [{ id: 'frozen-import', name: 'Frozen', kind: 'state' }] }),
    });
    expect(imported.status).toBe(503);
    expect((await imported.json()).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
    expect((await app.fetch('http://test/health')).status).toBe(200);

    // Dead.
    process.kill(neo4j.pid, 'SIGKILL');
    await neo4j.exited;
    const dead = await gql(app, '{ entity(slug: "probe") { name } }');
    expect(dead.body.errors![0]!.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    const deadExport = await app.fetch('http://test/export/graph.json');
    expect(deadExport.status).toBe(503);
    expect((await app.fetch('http://test/ready')).status).toBe(503);

    // Back.
    neo4j = await start();
    for (let attempt = 0; attempt < 120 && ready !== 200; attempt++) {
      ready = (await app.fetch('http://test/ready')).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(ready).toBe(200);
    expect((await gql(app, '{ entity(slug: "probe") { name } }')).body.data.entity.name).toBe('Probe');
    expect(unhandled).toEqual([]);
  }, 300_000);
});
