/**
 * One Neo4j per vitest worker, each with the schema applied and the curated seed loaded. A
 * worker runs its files one after another against its own instance; test/fresh-database.ts puts
 * that instance back to the seed before a file when an earlier file wrote to it. So every file
 * sees the seed plus its own writes, never another file's, whatever ran before or beside it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openTestDatabase, resetToSeed, startNeo4jForTests, type TestConnection, type TestNeo4j } from './neo4j-for-tests.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One per worker: VITEST_POOL_ID n uses entry n - 1. */
    neo4jInstances: TestConnection[];
    neo4jKind: string;
    /** Where each worker's "clean as of transaction N" mark is kept between its files. */
    testStateDir: string;
  }
}

let instances: TestNeo4j[] = [];
let stateDir = '';

export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  instances = await startNeo4jForTests(project.config.maxWorkers);
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-test-state-'));
  await Promise.all(
    instances.map(async (instance, index) => {
      const db = openTestDatabase(instance);
      try {
        const clean = await resetToSeed(db, instance);
        await writeFile(path.join(stateDir, `neo4j-${index + 1}.clean-mark`), clean);
      } finally {
        await db.close();
      }
    }),
  );
  const where = instances.map((i) => i.uri).join(', ');
  process.stderr.write(`[tests] ${instances.length} Neo4j (${instances[0]?.kind}) at ${where}, seeded in ${Date.now() - started} ms\n`);
  project.provide(
    'neo4jInstances',
    instances.map(({ uri, user, password, txLogDir }) => ({ uri, user, password, txLogDir })),
  );
  project.provide('neo4jKind', instances[0]?.kind ?? 'none');
  project.provide('testStateDir', stateDir);
}

export async function teardown(): Promise<void> {
  await Promise.all(instances.map((i) => i.stop()));
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
}
