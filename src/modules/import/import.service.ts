/**
 * Bulk import: reads a seed folder, a bundle (YAML/JSON) or a CSV of relationships, validates
 * everything (shapes, then references against the file and the database, looked up in one
 * statement), and only when there is no problem at all writes it with the seed loader: one
 * transaction, MERGE on ids (importing twice changes nothing), one audit :Change when an author
 * is given.
 */
import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { QueryRunner } from '../../db/query.js';
import { checkReferences, hasUnreadableFiles, idsToLookUp, parseSeedFolder } from './read-seed.js';
import { toSeedData, type SeedData, type SeedProblem } from './seed-entries.js';
import { loadSeed, seedCounts, type LoadAudit, type LoadReport } from './seed-loader.js';
import { entryCount, parseBundle, parseRelationshipsCsv, type ParsedImport } from './import-formats.js';
import { findExistingIds } from './import.repository.js';

export type ImportInput =
  | { format: 'folder'; path: string; name: string }
  | { format: 'bundle'; name: string; text: string }
  | { format: 'csv'; name: string; text: string };

export interface ImportCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export type ImportOutcome =
  | { status: 'invalid'; name: string; problems: SeedProblem[] }
  | { status: 'loaded'; name: string; loaded: ImportCounts; graph: LoadReport };

export class ImportInputError extends Error {
  override name = 'ImportInputError';
}

/** A path on disk as an import input: a folder in the seed layout, a .yaml/.yml/.json bundle or a .csv. */
export async function readImportPath(file: string): Promise<ImportInput> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new ImportInputError(`${file}: no such file or folder`);
  const name = path.basename(path.resolve(file));
  if (info.isDirectory()) return { format: 'folder', path: file, name };
  const extension = path.extname(file).toLowerCase();
  const text = await readFile(file, 'utf8');
  if (extension === '.csv') return { format: 'csv', name, text };
  if (['.yaml', '.yml', '.json'].includes(extension)) return { format: 'bundle', name, text };
  throw new ImportInputError(`${file}: expected a folder in the seed layout, a .yaml/.yml/.json bundle or a .csv of relationships`);
}

/** Reads an import's text into entries; the HTTP path does it in a worker thread. */
export type ImportTextParser = (format: 'bundle' | 'csv', name: string, text: string) => Promise<ParsedImport>;

const parseHere: ImportTextParser = async (format, name, text) =>
  format === 'csv' ? parseRelationshipsCsv(name, text) : parseBundle(name, text);

async function parseInput(input: ImportInput, parseText: ImportTextParser): Promise<ParsedImport> {
  if (input.format === 'folder') {
    const { parsed, problems } = await parseSeedFolder(input.path);
    return { parsed, problems, readable: !hasUnreadableFiles(problems) };
  }
  return parseText(input.format, input.name, input.text);
}

/** Every problem the input has, checked against the database; the data to load when there is none. */
export async function validateImport(
  cypher: QueryRunner,
  input: ImportInput,
  parseText: ImportTextParser = parseHere,
): Promise<{ data: SeedData; problems: SeedProblem[] }> {
  const { parsed, problems, readable } = await parseInput(input, parseText);
  if (readable) {
    if (entryCount(parsed) === 0 && problems.length === 0) {
      problems.push({ file: input.name, message: 'holds no entries; nothing to import' });
    }
    const existing = await findExistingIds(cypher, idsToLookUp(parsed));
    checkReferences(parsed, problems, existing);
  }
  if (input.format === 'csv') {
    for (const p of problems) if (p.field?.startsWith('properties.')) p.field = p.field.slice('properties.'.length);
  }
  // In reading order: by file, then line (a stable sort keeps each entry's problems together).
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { data: toSeedData(parsed), problems };
}

/** Validates, then (only without problems) loads in one transaction. */
export async function runImport(
  cypher: QueryRunner,
  input: ImportInput,
  audit?: Omit<LoadAudit, 'target'> & { target?: string },
  parseText: ImportTextParser = parseHere,
): Promise<ImportOutcome> {
  const { data, problems } = await validateImport(cypher, input, parseText);
  if (problems.length > 0) return { status: 'invalid', name: input.name, problems };
  const graph = await loadSeed(cypher, data, audit ? { audit: { ...audit, target: audit.target ?? input.name } } : {});
  return { status: 'loaded', name: input.name, loaded: seedCounts(data), graph };
}
