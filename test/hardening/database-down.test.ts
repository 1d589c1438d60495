/**
 * Neo4j frozen (SIGSTOP) and then dead (SIGKILL) under a running app: requests, /ready,
 * /export and /import answer with coded 503s while it is frozen (not after it resumes), the
 * process survives, and the app answers again once Neo4j is back.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { sha256Hex } from '../../src/auth/auth.js';
import { createDriver } from '../../src/db/driver.js';
import { boltHandshake } from '../../src/db/health.js';
import { Database } from '../../src/db/query.js';
import { createLogger } from '../../src/logger.js';
import { gql } from '../helpers.js';
import { ownNeo4j } from '../own-neo4j.js';

const KEY = 'database-down-curator-key-0123';
const neo4j = ownNeo4j('down');

describe('when the embedded Neo4j is frozen, then killed', () => {
  it('answers every path with a coded 503 while it is frozen or dead, and recovers when it is back', async () => {
    await neo4j.start();
    const db = neo4j.use(new Database(createDriver({ uri: neo4j.current.uri, user: 'neo4j' }), { database: 'neo4j', timeoutMs: 10_000 }));
    db.health.watchProcess(() => neo4j.current.pid);
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
    await neo4j.writeProbe(db);
    expect((await gql(app, '{ entity(slug: "probe") { name } }')).body.data.entity.name).toBe('Probe');

    // A busy Neo4j is told from a stopped one by its Bolt handshake: answered while it runs.
    expect(await boltHandshake(neo4j.current.uri, 30_000)).toBe(true);

    // Frozen: every answer below arrives while the JVM is still stopped (SIGCONT comes after).
    process.kill(neo4j.current.pid, 'SIGSTOP');
    // The kernel still accepts the connection, but nothing answers the handshake.
    expect(await boltHandshake(neo4j.current.uri, 1_000)).toBe(false);
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
    process.kill(neo4j.current.pid, 'SIGKILL');
    await neo4j.current.exited;
    const dead = await gql(app, '{ entity(slug: "probe") { name } }');
    expect(dead.body.errors![0]!.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    const deadExport = await app.fetch('http://test/export/graph.json');
    expect(deadExport.status).toBe(503);
    expect((await app.fetch('http://test/ready')).status).toBe(503);

    // Back.
    await neo4j.start();
    for (let attempt = 0; attempt < 120 && ready !== 200; attempt++) {
      ready = (await app.fetch('http://test/ready')).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(ready).toBe(200);
    expect((await gql(app, '{ entity(slug: "probe") { name } }')).body.data.entity.name).toBe('Probe');
    expect(neo4j.unhandled).toEqual([]);
  }, 300_000);
});
