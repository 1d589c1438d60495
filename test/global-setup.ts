/**
 * One Neo4j for the whole test run, with the schema applied and the curated seed loaded (data and
 * documents, so mentions and Source text exist), so every test file can read the seeded graph.
 * Files that write use their own unique ids.
 */
import type { TestProject } from 'vitest/node';
import { createDriver } from '../src/db/driver.js';
import { Database } from '../src/db/query.js';
import { applySchema } from '../src/db/schema.js';
import { loadCuratedSeed } from '../seed/load.js';
import { startNeo4jForTests, type TestNeo4j } from './neo4j-for-tests.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string | undefined;
    neo4jKind: string;
  }
}

let neo4j: TestNeo4j | undefined;

export async function setup(project: TestProject): Promise<void> {
  neo4j = await startNeo4jForTests();
  process.stderr.write(`[tests] Neo4j (${neo4j.kind}) at ${neo4j.uri}\n`);
  const connection = { uri: neo4j.uri, user: neo4j.user, password: neo4j.password };
  const db = new Database(createDriver(connection), { database: 'neo4j', timeoutMs: 60_000 });
  try {
    const runner = db.observed(() => {});
    await applySchema(runner);
    await loadCuratedSeed(runner);
  } finally {
    await db.close();
  }
  project.provide('neo4jUri', neo4j.uri);
  project.provide('neo4jUser', neo4j.user);
  project.provide('neo4jPassword', neo4j.password);
  project.provide('neo4jKind', neo4j.kind);
}

export async function teardown(): Promise<void> {
  await neo4j?.stop();
}
