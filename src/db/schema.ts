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

export async function applySchema(runner: QueryRunner): Promise<void> {
  // Schema commands cannot share a transaction with each other or with data writes.
  for (const statement of await schemaStatements()) {
    await runner.write('Schema.apply', statement);
  }
  await runner.write('Schema.awaitIndexes', 'CALL db.awaitIndexes(60)');
}
