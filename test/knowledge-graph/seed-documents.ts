/** The four seed documents as the service reads them, and the curated seed's scope. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readValidSeed } from '../../src/modules/import/curated-seed.js';
import type { SeedData } from '../../src/modules/import/seed-entries.js';
import { SEED_DIR, SEED_DOCUMENTS_DIR } from '../../src/paths.js';
import { seedScope, type FingerprintScope } from '../fingerprint.js';
import { cleanText, decodeText } from '../../src/modules/ingest/text.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** The raw documents ship with the repository (seed/documents/), as they came. */
export const SEEDS_DIR = SEED_DOCUMENTS_DIR;

export const DOCUMENT_FILES: Record<string, string> = {
  'doc-000': '000_badcb353af4383c1.txt',
  'doc-001': '001_3018da09271986da.txt',
  'doc-002': '002_83e60966cc5c1c9b.txt',
  'doc-003': '003_6743ccba33780f85.txt',
};

export const documentPath = (sourceId: string) => path.join(SEEDS_DIR, DOCUMENT_FILES[sourceId]!);

/** A document's text after decoding and cleaning, exactly as ingest stores its offsets against. */
export async function cleanedDocument(sourceId: string): Promise<string> {
  return cleanText(decodeText(await readFile(documentPath(sourceId))));
}

let seed: Promise<SeedData> | undefined;
export function curatedSeed(): Promise<SeedData> {
  seed ??= readValidSeed(SEED_DIR);
  return seed;
}

export async function curatedSeedScope(): Promise<Required<FingerprintScope>> {
  return seedScope(await curatedSeed());
}
