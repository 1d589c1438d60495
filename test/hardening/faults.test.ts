/**
 * Neo4j stops while the service runs: requests fail fast with DATABASE_UNAVAILABLE (no hang, no
 * crash), /ready turns 503, and once Neo4j is back the same app answers again by itself.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { gql } from '../helpers.js';
import { openTestDatabase } from '../neo4j-for-tests.js';
import { ownNeo4j } from '../own-neo4j.js';

const neo4j = ownNeo4j('faults');

describe('when Neo4j stops and comes back', () => {
  it('fails fast with DATABASE_UNAVAILABLE, reports not ready, and recovers without a restart', async () => {
    await neo4j.start();
    // The test statement timeout: the first statements on a fresh JVM of a busy machine can take
    // seconds; "fails fast" below is about a refused connection, not a timeout.
    const db = neo4j.use(openTestDatabase({ uri: neo4j.current.uri, user: 'neo4j' }));
    const app = createApp({
      env: { NODE_ENV: 'test', GRAPHIQL: false, NEO4J_DATABASE: 'neo4j', CACHE_TTL_MS: 0, RATE_LIMIT_PER_MINUTE: 0 },
      db,
      logger: createLogger('silent'),
    });
    await neo4j.writeProbe(db);

    const healthy = await gql(app, '{ entity(slug: "probe") { name } }');
    expect(healthy.body.data.entity.name).toBe('Probe');

    await neo4j.current.stop();

    const down = await gql(app, '{ entity(slug: "probe") { name } }');
    expect(down.status).toBeLessThan(500);
    expect(down.body.errors![0]!.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(down.body.errors![0]!.message).toBe('The graph database is unavailable; try again shortly.');
    expect((await app.fetch('http://test/ready')).status).toBe(503);
    expect((await app.fetch('http://test/health')).status).toBe(200);

    await neo4j.start();
    let ready = 503;
    for (let attempt = 0; attempt < 60 && ready !== 200; attempt++) {
      ready = (await app.fetch('http://test/ready')).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(ready).toBe(200);
    const recovered = await gql(app, '{ entity(slug: "probe") { name } }');
    expect(recovered.body.data.entity.name).toBe('Probe');
    expect(neo4j.unhandled).toEqual([]);
  }, 900_000); // two JVM starts: over 5 minutes at load average 40
});
