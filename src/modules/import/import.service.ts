/**
 * Bulk import: reads a seed folder, a bundle (YAML/JSON) or a CSV of relationships, validates
 * everything (shapes, then references against the file and the database, looked up in one
 * statement), and only when there is no problem at all writes it with the seed loader: one
 * transaction, MERGE on ids (importing twice changes nothing), one audit :Change when an author
 * is given. An input whose shapes are sound has its references checked inside that transaction,
 * by the lookup the loader makes for the aggregates anyway.
 */
import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { QueryRunner } from '../../db/query.js';
import { checkReferences, hasUnreadableFiles, idsToLookUp, parseSeedFolder, type KnownIds } from './read-seed.js';
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

/** Problems as they are reported: CSV fields by their column name, in reading order (by file, then line). */
function reported(input: ImportInput, problems: SeedProblem[]): SeedProblem[] {
  if (input.format === 'csv') {
    for (const p of problems) if (p.field?.startsWith('properties.')) p.field = p.field.slice('properties.'.length);
  }
  // A stable sort keeps each entry's problems together.
  return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** Reads the input; an empty one is a problem of its own. */
async function readInput(input: ImportInput, parseText: ImportTextParser): Promise<ParsedImport> {
  const read = await parseInput(input, parseText);
  if (read.readable && entryCount(read.parsed) === 0 && read.problems.length === 0) {
    read.problems.push({ file: input.name, message: 'holds no entries; nothing to import' });
  }
  return read;
}

/** Every problem the input has, checked against the database; the data to load when there is none. */
export async function validateImport(
  cypher: QueryRunner,
  input: ImportInput,
  parseText: ImportTextParser = parseHere,
): Promise<{ data: SeedData; problems: SeedProblem[] }> {
  const { parsed, problems, readable } = await readInput(input, parseText);
  if (readable) checkReferences(parsed, problems, await findExistingIds(cypher, idsToLookUp(parsed)));
  return { data: toSeedData(parsed), problems: reported(input, problems) };
}

/** Thrown inside the load's transaction when the data's references do not hold there: rolls it back. */
class ReferenceProblems extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(`${problems.length} reference problems`);
  }
}

/**
 * Validates, then (only without problems) loads in one transaction. An input without problems
 * of its own has its references checked inside the load's transaction, with the lookup the load
 * makes anyway (one statement, not two, and nothing can change between the check and the write).
 */
export async function runImport(
  cypher: QueryRunner,
  input: ImportInput,
  audit?: Omit<LoadAudit, 'target'> & { target?: string },
  parseText: ImportTextParser = parseHere,
): Promise<ImportOutcome> {
  const { parsed, problems, readable } = await readInput(input, parseText);
  const invalid = (all: SeedProblem[]): ImportOutcome => ({ status: 'invalid', name: input.name, problems: reported(input, all) });
  if (!readable || problems.length > 0) {
    // Nothing will be written: every problem is reported, references too.
    if (readable) checkReferences(parsed, problems, await findExistingIds(cypher, idsToLookUp(parsed)));
    return invalid(problems);
  }
  const data = toSeedData(parsed);
  const check = {
    ids: idsToLookUp(parsed),
    check(known: KnownIds) {
      const found: SeedProblem[] = [];
      checkReferences(parsed, found, known);
      if (found.length > 0) throw new ReferenceProblems(found);
    },
  };
  try {
    const graph = await loadSeed(cypher, data, { check, ...(audit ? { audit: { ...audit, target: audit.target ?? input.name } } : {}) });
    return { status: 'loaded', name: input.name, loaded: seedCounts(data), graph };
  } catch (error) {
    if (error instanceof ReferenceProblems) return invalid(error.problems);
    throw error;
  }
}
