/**
 * Neo4j stops while the service runs: requests fail fast with DATABASE_UNAVAILABLE (no hang, no
 * crash), /ready turns 503, and once Neo4j is back the same app answers again by itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';
import type { Database } from '../../src/db/query.js';
import { createLogger } from '../../src/logger.js';
import { freePort, gql } from '../helpers.js';
import { openTestDatabase } from '../neo4j-for-tests.js';

let neo4j: EmbeddedNeo4j | undefined;
let db: Database | undefined;
let dataDir = '';
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await db?.close();
  await neo4j?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('when Neo4j stops and comes back', () => {
  it('fails fast with DATABASE_UNAVAILABLE, reports not ready, and recovers without a restart', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-faults-'));
    const port = await freePort();
    const start = () => startEmbeddedNeo4j({ dataDir, port, heap: '256m', pageCache: '32m' });
    neo4j = await start();
    // The test statement timeout: the first statements on a fresh JVM of a busy machine can take
    // seconds; "fails fast" below is about a refused connection, not a timeout.
    db = openTestDatabase({ uri: neo4j.uri, user: 'neo4j' });
    const app = createApp({
      env: { NODE_ENV: 'test', GRAPHIQL: false, NEO4J_DATABASE: 'neo4j', CACHE_TTL_MS: 0, RATE_LIMIT_PER_MINUTE: 0 },
      db,
      logger: createLogger('silent'),
    });
    await db
      .observed(() => {})
      .write('Test.faultsProbe', "CREATE (:Entity:Actor {id: 'probe', name: 'Probe', aliases: [], kind: 'state'})");

    const healthy = await gql(app, '{ entity(slug: "probe") { name } }');
    expect(healthy.body.data.entity.name).toBe('Probe');

    await neo4j.stop();

    const down = await gql(app, '{ entity(slug: "probe") { name } }');
    expect(down.status).toBeLessThan(500);
    expect(down.body.errors![0]!.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(down.body.errors![0]!.message).toBe('The graph database is unavailable; try again shortly.');
    expect((await app.fetch('http://test/ready')).status).toBe(503);
    expect((await app.fetch('http://test/health')).status).toBe(200);

    neo4j = await start();
    let ready = 503;
    for (let attempt = 0; attempt < 60 && ready !== 200; attempt++) {
      ready = (await app.fetch('http://test/ready')).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(ready).toBe(200);
    const recovered = await gql(app, '{ entity(slug: "probe") { name } }');
    expect(recovered.body.data.entity.name).toBe('Probe');
    expect(unhandled).toEqual([]);
  }, 900_000); // two JVM starts: over 5 minutes at load average 40
});
