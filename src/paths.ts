/**
 * The project root: the nearest folder above this file with a package.json. The same whether the
 * code runs as TypeScript (src/, via tsx) or compiled (dist/src/, via node), so schema/, seed/data
 * and neo4j-embedded/ are found from either.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json in any folder above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The curated seed (YAML), read on first start and by `npm run seed` / `npm run seed:check`. */
export const SEED_DIR = path.join(PROJECT_ROOT, 'seed/data');
/** The four source documents, as they came (encoding debris included): ingest cleans them. */
export const SEED_DOCUMENTS_DIR = path.join(PROJECT_ROOT, 'seed/documents');
