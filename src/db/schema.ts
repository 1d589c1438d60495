/** Applies schema/constraints.cypher: idempotent, run at start-up and by the loaders. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { QueryRunner } from './query.js';
import { PROJECT_ROOT } from '../paths.js';

const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema/constraints.cypher');

export async function schemaStatements(): Promise<string[]> {
  const text = await readFile(SCHEMA_FILE, 'utf8');
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Schema work may take long on a busy machine (index population): not the per-query timeout. */
const SCHEMA_TIMEOUT_MS = 120_000;

export async function applySchema(runner: QueryRunner): Promise<void> {
  // Schema commands cannot share a transaction with each other or with data writes.
  for (const statement of await schemaStatements()) {
    await runner.writeTransaction('Schema.apply', (tx) => tx.run('Schema.apply', statement), SCHEMA_TIMEOUT_MS);
  }
  await runner.writeTransaction(
    'Schema.awaitIndexes',
    (tx) => tx.run('Schema.awaitIndexes', 'CALL db.awaitIndexes(60)'),
    SCHEMA_TIMEOUT_MS,
  );
}
