/**
 * Runs before every test file, in its worker (vitest `setupFiles`): when an earlier file of this
 * worker wrote to the worker's Neo4j (its last committed transaction moved), the database is put
 * back to exactly the curated seed. A file that only reads leaves it clean and costs the next
 * file one cheap query.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, inject } from 'vitest';
import { workerIndex } from './helpers.js';
import { lastCommittedTransaction, openTestDatabase, resetToSeed, TEST_QUERY_TIMEOUT_MS } from './neo4j-for-tests.js';

beforeAll(async () => {
  const index = workerIndex();
  const db = openTestDatabase(inject('neo4jInstances')[index]!);
  const mark = path.join(inject('testStateDir'), `neo4j-${index + 1}.clean-txn`);
  try {
    const clean = Number(await readFile(mark, 'utf8'));
    if ((await lastCommittedTransaction(db)) !== clean) await writeFile(mark, String(await resetToSeed(db)));
  } finally {
    await db.close();
  }
}, TEST_QUERY_TIMEOUT_MS);
