/**
 * Runs before every test file, in its worker (vitest `setupFiles`): when an earlier file of this
 * worker wrote to the worker's Neo4j (its transaction log moved), the database is put
 * back to exactly the curated seed. A file that only reads leaves it clean and costs the next
 * file one cheap query.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, inject } from 'vitest';
import { workerIndex } from './helpers.js';
import { openTestDatabase, resetToSeed, TEST_QUERY_TIMEOUT_MS, writeMark } from './neo4j-for-tests.js';

beforeAll(async () => {
  const index = workerIndex();
  const connection = inject('neo4jInstances')[index]!;
  const db = openTestDatabase(connection);
  const mark = path.join(inject('testStateDir'), `neo4j-${index + 1}.clean-mark`);
  try {
    const clean = await readFile(mark, 'utf8');
    if ((await writeMark(connection)) !== clean) await writeFile(mark, await resetToSeed(db, connection));
  } finally {
    await db.close();
  }
}, TEST_QUERY_TIMEOUT_MS);
