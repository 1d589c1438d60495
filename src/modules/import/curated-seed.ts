/**
 * The curated seed as the product ships it: seed/data (validated, then loaded) and its four
 * documents in seed/documents (ingested: text, checksum, length and mentions). main.ts loads it
 * on a first start; `npm run seed` (seed/cli.ts) loads it by hand; the tests' database starts
 * from it.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { QueryRunner } from '../../db/query.js';
import type { Logger } from '../../logger.js';
import { SEED_DIR, SEED_DOCUMENTS_DIR } from '../../paths.js';
import { ingestFiles } from '../ingest/ingest.service.js';
import { countGraph } from '../graph/graph.repository.js';
import { documentsMissing, isPopulated } from './import.repository.js';
import { readSeed } from './read-seed.js';
import { formatProblem, type SeedData } from './seed-entries.js';
import { type LoadReport, loadSeed } from './seed-loader.js';

export class SeedValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The seed has ${problems.length} problem(s); nothing was written:\n${problems.join('\n')}`);
    this.name = 'SeedValidationError';
  }
}

/** Validates the curated seed folder; throws SeedValidationError listing every problem. */
export async function readValidSeed(dir = SEED_DIR): Promise<SeedData> {
  const { data, problems } = await readSeed(dir);
  if (problems.length > 0) throw new SeedValidationError(problems.map(formatProblem));
  return data;
}

/** The plain-text documents of a folder (`*.txt`), in file-name order. */
export async function seedDocumentFiles(dir = SEED_DOCUMENTS_DIR): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  return names.map((name) => path.join(dir, name));
}

export class SeedDocumentError extends Error {
  override name = 'SeedDocumentError';
}

/**
 * Ingests the curated documents: their Sources get text, checksum and length, and MENTIONS to
 * every node they name. Idempotent (ingest keys on the checksum and the seed's file names).
 */
export async function ingestSeedDocuments(runner: QueryRunner, dir = SEED_DOCUMENTS_DIR): Promise<void> {
  const outcomes = await ingestFiles(runner, await seedDocumentFiles(dir));
  const skipped = outcomes.filter((o) => o.status === 'skipped');
  if (skipped.length > 0) {
    throw new SeedDocumentError(
      `seed documents not read: ${skipped.map((o) => `${o.file}: ${o.status === 'skipped' ? o.reason : ''}`).join('; ')}`,
    );
  }
}

/** The curated seed as the product ships it: the data, then its documents (text and mentions). */
export async function loadCuratedSeed(runner: QueryRunner, dir = SEED_DIR, documentsDir = SEED_DOCUMENTS_DIR): Promise<LoadReport> {
  await loadSeed(runner, await readValidSeed(dir));
  await ingestSeedDocuments(runner, documentsDir);
  return countGraph(runner);
}

/**
 * On start-up: load the curated seed (data and documents) when asked to, or when the graph has
 * no domain nodes; a graph seeded before the documents shipped gets them ingested.
 */
export async function seedIfNeeded(runner: QueryRunner, mode: 'auto' | 'always' | 'never', logger: Logger): Promise<LoadReport | null> {
  if (mode === 'never') return null;
  if (mode === 'auto' && (await isPopulated(runner))) {
    logger.debug('graph already holds data; seed not loaded (SEED_ON_START=always forces it)');
    const files = (await seedDocumentFiles()).map((file) => path.basename(file));
    if (await documentsMissing(runner, files)) {
      await ingestSeedDocuments(runner);
      logger.info('seed documents ingested (their Sources had no text yet)');
    }
    return null;
  }
  return loadCuratedSeed(runner);
}
