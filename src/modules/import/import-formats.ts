/**
 * The formats a bulk import reads, besides a seed folder (read-seed.ts): a bundle (one YAML
 * or JSON file whose top-level keys are the seed files: sources, actors, ..., relationships,
 * mentions) and a CSV of relationships. Each yields entries checked against the seed schemas,
 * every problem naming the file, line, entry and field; references are checked afterwards
 * (import.service.ts), against the file and the database.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { NODE_LABELS, RELATIONSHIP_PROPERTY_KEYS, type NodeLabel } from '../../domain/model.js';
import {
  emptyParsedSeed,
  parseEntries,
  parseYaml,
  seqEntries,
  type Located,
  type ParsedSeed,
  type RawEntry,
  type SeedProblem,
} from './seed-entries.js';
import { type JsonScan, readJsonObject, scanJson } from './import-json.js';
import { mentionSchema, nodeSchemas, relationshipSchema, sourceSchema, type NodeEntry } from './seed-schema.js';

export interface ParsedImport {
  parsed: ParsedSeed;
  problems: SeedProblem[];
  /** False when the file itself could not be read (syntax, shape): references are not checked then. */
  readable: boolean;
}

/** Bundle keys for node entries: the seed's file names without `.yaml`. */
export const BUNDLE_NODE_KEYS: Record<string, NodeLabel> = {
  actors: 'Actor',
  treaties: 'Treaty',
  norms: 'Norm',
  instruments: 'Instrument',
  programmes: 'Programme',
  events: 'Event',
  topics: 'Topic',
};
export const BUNDLE_KEYS = ['sources', ...Object.keys(BUNDLE_NODE_KEYS), 'relationships', 'mentions'] as const;

/**
 * Keys that name JavaScript's object machinery rather than data. An entry holding one anywhere
 * is refused (422) before it is validated or copied: no code path may treat them as data.
 */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Walks an entry (iteratively: no recursion depth to exhaust) for forbidden keys. */
function hasForbiddenKey(file: string, entry: RawEntry, problems: SeedProblem[]): boolean {
  const stack: Array<{ value: unknown; path: string }> = [{ value: entry.value, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      const here = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ file, line: entry.line, field: here, message: `"${key}" is not allowed as a key` });
        return true;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: here });
    }
  }
  return false;
}

/** One top-level key of a bundle: its line, and its entries (null when its value is not a list). */
interface BundleList {
  key: string;
  line: number;
  raw: RawEntry[] | null;
}

/**
 * A bundle: JSON (read by JSON.parse when it is plain JSON, see import-json.ts) or YAML (whose
 * parser reads any JSON too, with line numbers). `scan` is the text's JSON scan when the caller
 * has it already.
 */
export function parseBundle(file: string, text: string, maxEntries = Infinity, scan: JsonScan | null = scanJson(text)): ParsedImport {
  const json = scan ? readJsonObject(text, scan) : null;
  if (scan && json) {
    const lists = scan.keys.map(({ name, line, entryLines }): BundleList => {
      const value = json[name];
      if (value === null) return { key: name, line, raw: [] };
      if (!Array.isArray(value)) return { key: name, line, raw: null };
      return { key: name, line, raw: value.map((entry, i) => ({ value: entry, line: entryLines[i] ?? line })) };
    });
    return parseLists(file, lists, maxEntries);
  }
  const problems: SeedProblem[] = [];
  const yaml = parseYaml(file, text, problems);
  if (!yaml) return { parsed: emptyParsedSeed(), problems, readable: false };
  const { doc, lines } = yaml;
  if (doc.contents === null) return { parsed: emptyParsedSeed(), problems, readable: true };
  if (!isMap(doc.contents)) {
    problems.push({ file, line: 1, message: `must be a map with the keys ${BUNDLE_KEYS.join(', ')} (each a list of entries)` });
    return { parsed: emptyParsedSeed(), problems, readable: false };
  }
  const lists = doc.contents.items.map((pair): BundleList => {
    const keyNode = pair.key as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const line = lines.linePos(keyNode?.range?.[0] ?? 0).line;
    const value = pair.value as YamlNode | null;
    if (value === null || (isScalar(value) && value.value === null)) return { key, line, raw: [] };
    return { key, line, raw: isSeq(value) ? seqEntries(value, lines) : null };
  });
  return parseLists(file, lists, maxEntries);
}

/** A bundle's lists checked against the seed schemas, however the bundle was read. */
function parseLists(file: string, lists: BundleList[], maxEntries: number): ParsedImport {
  const problems: SeedProblem[] = [];
  const parsed = emptyParsedSeed();
  const total = lists.reduce((n, list) => n + (list.raw?.length ?? 0), 0);
  if (total > maxEntries) {
    problems.push({
      file,
      line: 1,
      message: `holds ${total} entries, over the limit of ${maxEntries} per import (MAX_IMPORT_ENTRIES); split it`,
    });
    return { parsed, problems, readable: false };
  }
  for (const { key, line, raw: listed } of lists) {
    if (listed === null) {
      problems.push({ file, line, field: key, message: 'must be a list of entries' });
      continue;
    }
    const before = problems.length;
    const raw = listed.filter((entry) => !hasForbiddenKey(file, entry, problems));
    if (problems.length > before) continue;
    const parse = <S extends z.ZodTypeAny>(schema: S) => parseEntries(file, raw, schema, problems);
    if (key === 'sources') parsed.sources.push(...parse(sourceSchema));
    else if (key === 'relationships') parsed.relationships.push(...parse(relationshipSchema));
    else if (key === 'mentions') parsed.mentions.push(...parse(mentionSchema));
    else if (Object.hasOwn(BUNDLE_NODE_KEYS, key)) {
      const label = BUNDLE_NODE_KEYS[key]!;
      parsed.nodes[label].push(...(parse(nodeSchemas[label]) as Array<NodeEntry & Located>));
    } else {
      problems.push({ file, line, field: key.slice(0, 100), message: `unknown key (expected ${BUNDLE_KEYS.join(', ')})` });
    }
  }
  return { parsed, problems, readable: true };
}

/** Every property a relationship type may carry: the CSV columns besides the evidence. */
const PROPERTY_COLUMNS = [...RELATIONSHIP_PROPERTY_KEYS].sort();
export const CSV_REQUIRED_COLUMNS = ['type', 'from', 'to', 'source', 'excerpt'] as const;
export const CSV_COLUMNS = [...CSV_REQUIRED_COLUMNS, 'asOf', ...PROPERTY_COLUMNS] as const;

export interface CsvRecord {
  /** 1-based line the record starts on (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/** What csv-parse's error codes mean for whoever wrote the file. */
const CSV_SYNTAX: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the whole field and double the quote)',
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a field (a quoted field ends at a comma or a line end)',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed',
};

/**
 * RFC 4180 (csv-parse): fields separated by commas, optionally quoted ("" inside quotes), CRLF
 * or LF; a byte-order mark and blank lines are skipped. Each record keeps the line it starts
 * on, counted here from the byte offsets csv-parse reports (its own line count counts a CRLF
 * inside a quoted field twice).
 */
export function parseCsv(text: string): { records: CsvRecord[]; error?: { line: number; message: string } } {
  const bytes = Buffer.from(text, 'utf8');
  /** The line a record starts on, given where the previous one ended: blank lines are skipped. */
  const lineAt = (offset: number): number => {
    let at = offset;
    while (bytes[at] === 0x0a || (bytes[at] === 0x0d && bytes[at + 1] === 0x0a)) at += bytes[at] === 0x0a ? 1 : 2;
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i !== -1 && i < at; i = bytes.indexOf(0x0a, i + 1)) line++;
    return line;
  };
  const records: CsvRecord[] = [];
  try {
    // With `info: true` each row is { record, info } (csv-parse's types do not model the option).
    const parsed = parse(bytes, {
      bom: true,
      info: true,
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Array<{ record: string[]; info: { bytes: number } }>;
    let end = 0;
    for (const { record, info } of parsed) {
      records.push({ line: lineAt(end), fields: record });
      end = info.bytes;
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const message = CSV_SYNTAX[error.code] ?? error.message.replace(/ at line \d+.*$/, '');
    // The failing record's start (csv-parse reports the bytes of the records before it).
    const offset = typeof error.bytes === 'number' ? error.bytes : 0;
    return { records, error: { line: lineAt(offset), message } };
  }
  return { records };
}

/** A CSV of relationships: header `type,from,to,source,excerpt,asOf` plus property columns. */
export function parseRelationshipsCsv(file: string, text: string, maxEntries = Infinity): ParsedImport {
  const problems: SeedProblem[] = [];
  const parsed = emptyParsedSeed();
  const { records, error } = parseCsv(text);
  if (error) {
    problems.push({ file, line: error.line, message: `CSV syntax: ${error.message}` });
    return { parsed, problems, readable: false };
  }
  const [header, ...rows] = records;
  if (!header) return { parsed, problems, readable: true };
  if (rows.length > maxEntries) {
    problems.push({
      file,
      line: 1,
      message: `holds ${rows.length} rows, over the limit of ${maxEntries} per import (MAX_IMPORT_ENTRIES); split it`,
    });
    return { parsed, problems, readable: false };
  }
  const columns = header.fields.map((c) => c.trim());
  const known = CSV_COLUMNS as readonly string[];
  const columnProblems = [
    ...columns.filter((c) => !known.includes(c)).map((c) => `unknown column "${c}" (allowed: ${CSV_COLUMNS.join(', ')})`),
    ...columns.filter((c, i) => columns.indexOf(c) !== i).map((c) => `column "${c}" appears twice`),
    ...CSV_REQUIRED_COLUMNS.filter((c) => !columns.includes(c)).map((c) => `the header has no "${c}" column`),
  ];
  if (columnProblems.length > 0) {
    for (const message of columnProblems) problems.push({ file, line: header.line, message });
    return { parsed, problems, readable: false };
  }
  const raw: RawEntry[] = [];
  rows.forEach((record, index) => {
    if (record.fields.length !== columns.length) {
      problems.push({
        file,
        line: record.line,
        entry: `#${index + 1}`,
        message: `has ${record.fields.length} fields; the header has ${columns.length}`,
      });
      return;
    }
    const value: Record<string, unknown> = { properties: {} };
    columns.forEach((column, i) => {
      const cell = record.fields[i] ?? '';
      if (cell === '') return;
      if ((CSV_REQUIRED_COLUMNS as readonly string[]).includes(column) || column === 'asOf') value[column] = cell;
      else (value.properties as Record<string, string>)[column] = cell;
    });
    raw.push({ value, line: record.line });
  });
  const before = problems.length;
  parsed.relationships = parseEntries(file, raw, relationshipSchema, problems);
  // In a CSV a property is a column: name it as such.
  for (const p of problems.slice(before)) if (p.field?.startsWith('properties.')) p.field = p.field.slice('properties.'.length);
  return { parsed, problems, readable: true };
}

export function entryCount(parsed: ParsedSeed): number {
  return (
    parsed.sources.length +
    NODE_LABELS.reduce((n, label) => n + parsed.nodes[label].length, 0) +
    parsed.relationships.length +
    parsed.mentions.length
  );
}
