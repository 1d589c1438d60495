/**
 * A Neo4j of the test file's own: its own JVM, port and data folder, for the tests that stop,
 * freeze or kill the database under a running app (the shared per-worker instances must stay up).
 * Stopped, resumed if frozen, and removed after the file; unhandled rejections while it runs are
 * collected for the test to assert there were none.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded.js';
import type { Database } from '../src/db/query.js';
import { freePort } from './helpers.js';

export interface OwnNeo4j {
  /** The running JVM (after start()). */
  readonly current: EmbeddedNeo4j;
  /** Starts the JVM; again after a stop or kill, on the same port and data folder. */
  start(): Promise<EmbeddedNeo4j>;
  /** Closed after the file, before the JVM stops. */
  use(db: Database): Database;
  /** Unhandled promise rejections seen while the file ran. */
  readonly unhandled: unknown[];
  /** Writes the (:Actor {id: 'probe', name: 'Probe'}) the tests read, retrying while a just-started JVM is slow. */
  writeProbe(db: Database): Promise<void>;
}

export function ownNeo4j(name: string): OwnNeo4j {
  let neo4j: EmbeddedNeo4j | undefined;
  let dataDir = '';
  let port = 0;
  const databases: Database[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    if (neo4j) {
      try {
        process.kill(neo4j.pid, 'SIGCONT'); // a test that froze it and failed before resuming
      } catch {
        // already gone
      }
    }
    for (const db of databases) await db.close();
    await neo4j?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return {
    get current() {
      if (!neo4j) throw new Error('ownNeo4j: start() first');
      return neo4j;
    },
    async start() {
      if (!dataDir) {
        dataDir = await mkdtemp(path.join(os.tmpdir(), `cdg-${name}-`));
        port = await freePort();
      }
      neo4j = await startEmbeddedNeo4j({ dataDir, port, heap: '256m', pageCache: '32m' });
      return neo4j;
    },
    use(db) {
      databases.push(db);
      return db;
    },
    unhandled,
    async writeProbe(db) {
      for (let attempt = 1; ; attempt++) {
        try {
          await db
            .observed(() => {})
            .write('Test.probe', "MERGE (n:Entity:Actor {id: 'probe'}) SET n.name = 'Probe', n.aliases = [], n.kind = 'state'");
          return;
        } catch (error) {
          if (attempt >= 10) throw error;
          // A refusal is immediate while the health monitor thinks the fresh JVM is down: give it time.
          await new Promise((resolve) => setTimeout(resolve, 3_000));
        }
      }
    },
  };
}
